// One layout rule at a time, so that the layout search can test only the rules a loop level
// decides and format a message only when it wants one (check_layout runs them all in order).
#pragma once

#include <string>

#include "suanli/perf/train/layout.hpp"

namespace suanli::perf::detail {

// True when `layout` breaks rule `reason` (memory is not a rule here). When `message` is not
// null it receives the explanation.
bool violates(RejectReason reason, const TrainingProblem& problem, const TrainingLayout& layout,
              std::string* message);

}  // namespace suanli::perf::detail
