// Chip families whose hardware rates are measured rather than fitted (docs/validation.md
// §calibration, step 2): `gemm` and `narrow_gemm` are figures a GEMM microbenchmark measures, so
// where the catalog holds measured profiles of a family's full-rate parts the family's values
// are theirs, and the fit moves only the software stacks' effect on them.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "suanli/catalog/catalog.hpp"
#include "suanli/perf/common/efficiency.hpp"

namespace suanli::validate::detail {

struct MeasuredRates {
  std::optional<double> gemm;         // 16-bit GEMM rate / 16-bit peak
  std::optional<double> narrow_gemm;  // (8-bit rate / 8-bit peak) / gemm, parts that measured it

  // The measured value of `member`, or nullopt where the family's value is fitted.
  std::optional<double> of(double perf::Efficiency::*member) const;
};

// Family -> geometric means of the measured rates over the family's profiled parts that give
// their compute units and are not capped below the family's per-unit rate (a part whose unit
// count is unknown cannot be shown to run at that rate).
std::map<std::string, MeasuredRates> measured_rates_by_family(const catalog::Catalog& cat);

}  // namespace suanli::validate::detail
