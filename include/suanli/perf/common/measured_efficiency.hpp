// Kernel efficiencies measured on one chip (its data/profiles/ file) and how they take the place
// of the fitted chip-family values (docs/models/ops.md §profiles).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "suanli/hw/chip.hpp"
#include "suanli/hw/chip_profile.hpp"
#include "suanli/perf/common/efficiency.hpp"

namespace suanli::perf {

// Fractions of the chip's spec-sheet figures that its best measured kernels reach; empty where
// the profile has no point of that kind (or the chip no figure to divide by).
struct MeasuredKernels {
  std::optional<double> gemm;            // best 16-bit GEMM rate / 16-bit dense peak
  std::optional<double> narrow_gemm;     // (best share of its own peak of a <= 8-bit GEMM) / gemm
  std::optional<double> grouped_gemm;    // best grouped expert GEMM rate / best dense GEMM rate
  std::optional<double> grouped_stream;  // best weight rate of a memory-bound grouped expert
                                         // GEMM / best streaming bandwidth
  std::optional<double> memory;          // best streaming bandwidth / spec memory bandwidth
  std::optional<double> attention;       // best prefill attention rate / 16-bit dense peak
};

MeasuredKernels measured_kernels(const hw::Chip& chip, const hw::ChipProfile& profile);

// An empty profile list, for callers that have none.
const std::vector<hw::ChipProfile>& no_profiles();

// The efficiency set an estimate uses, with where its kernel rates come from.
struct ChipEfficiency {
  Efficiency values;
  bool measured = false;  // kernel rates from the chip's measured profile
  bool noted = false;     // an answer repeats `source` as a note (measured rates, a stack rule)
  std::string source;     // "measured profile <chip> (<date>)" or "fitted for family <f>"
};

// lookup_efficiency() for the chip's family and `software`; when `profiles` holds one for the
// chip, each measured kernel rate replaces the family's fitted one and keeps the software stack's
// fitted effect on it: value = measured x fitted(family, software) / fitted(family).
ChipEfficiency chip_efficiency(const std::vector<EfficiencyEntry>& table,
                               const std::vector<hw::ChipProfile>& profiles, const hw::Chip& chip,
                               const std::string& software, const std::string& workload);

}  // namespace suanli::perf
