// The time budget of a search over systems (`plan`, `compare`: --time-budget, the JSON
// `time_budget`): the search starts no system after the deadline (one under way finishes) and
// then answers with this error, never with a ranking of the systems it reached.
#pragma once

#include <cstddef>
#include <string_view>

#include "suanli/core/error.hpp"
#include "suanli/core/stopwatch.hpp"

namespace suanli::search {

// Usage error: "COMMAND: the search reached its time budget of B s with DONE of TOTAL systems
// evaluated (--time-budget)", with a hint to raise the budget or narrow the search with
// `narrow` (the options that do, e.g. "--systems").
core::Error time_budget_error(std::string_view command, const core::Deadline& deadline,
                              std::size_t done, std::size_t total, std::string_view narrow);

}  // namespace suanli::search
