// Text of a data/efficiency/*.yaml file as written by `suanli calibrate`: header comments with
// the fit and out-of-sample errors, the suite and date, then one entry per (family, software).
#pragma once

#include <string>
#include <vector>

#include "suanli/perf/common/efficiency.hpp"

namespace suanli::io {

struct EfficiencyFile {
  std::vector<std::string> comments;  // header lines (without "# ")
  std::string workload = "inference";
  std::string suite;      // path of the suite the fit used
  std::string fit_date;   // ISO date
  std::string procedure;  // one line naming the procedure
  std::string objective;  // one line naming the loss
  std::vector<perf::EfficiencyEntry> entries;
  std::vector<int> entry_cases;  // cases behind each entry (parallel)
};

std::string efficiency_yaml(const EfficiencyFile& file);

}  // namespace suanli::io
