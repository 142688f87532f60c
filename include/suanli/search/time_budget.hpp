// The time budget of a search over systems (`plan`, `compare`: --time-budget, the JSON
// `time_budget`): the search starts no system after the deadline (one under way finishes) and
// then answers with this error, never with a ranking of the systems it reached.
#pragma once

#include <cstddef>
#include <functional>
#include <string_view>
#include <vector>

#include "suanli/core/error.hpp"
#include "suanli/core/progress.hpp"
#include "suanli/core/result.hpp"
#include "suanli/core/stopwatch.hpp"

namespace suanli::search {

// Usage error: "COMMAND: the search reached its time budget of B s with DONE of TOTAL systems
// evaluated (--time-budget)", with a hint to raise the budget or narrow the search with
// `narrow` (the options that do, e.g. "--systems").
core::Error time_budget_error(std::string_view command, const core::Deadline& deadline,
                              std::size_t done, std::size_t total, std::string_view narrow);

// What a search over systems is called and how a user narrows it, for its budget error.
struct SearchName {
  std::string_view command;  // e.g. "plan --train"
  std::string_view narrow;   // e.g. "--systems"
};

// The indices [0, n) with larger `weight(i)` first (ties in index order): the order in which
// evaluate_systems is given the systems, so the largest start first and the workers balance.
std::vector<std::size_t> largest_first(std::size_t n,
                                       const std::function<double(std::size_t)>& weight);

// Runs `evaluate(i)` for every system index of `order` (the order to start them in) on `threads`,
// reporting each to `progress`. The deadline of `time_budget_s` seconds (0: none) starts now and
// is checked before each system; once it has passed none starts (one under way finishes) and
// the answer is time_budget_error for `name`.
core::Status evaluate_systems(const std::vector<std::size_t>& order, int threads,
                              double time_budget_s, const core::Progress& progress,
                              const std::function<void(std::size_t)>& evaluate, SearchName name);

}  // namespace suanli::search
