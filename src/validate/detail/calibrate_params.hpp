// The efficiency fields the calibration fits for one workload, with the prior spread of each
// log-multiplier, its physical cap and the hierarchy levels allowed to move it
// (docs/validation.md §calibration: hardware properties per chip family, kernel and scheduler
// properties per software stack).
#pragma once

#include <string_view>
#include <vector>

#include "suanli/perf/common/efficiency.hpp"

namespace suanli::validate::detail {

// Levels of the fit hierarchy, as bits.
enum Level : unsigned { global = 1, family = 2, software = 4, pair = 8 };

struct Param {
  double perf::Efficiency::*member;
  double sigma;     // prior standard deviation of log(value / default)
  double cap;       // upper bound after the multiplier
  unsigned levels;  // Level bits of the groups that fit it
};

// Fitted fields of `workload` ("inference" or "training"); empty for anything else.
const std::vector<Param>& calibration_params(std::string_view workload);

}  // namespace suanli::validate::detail
