#include "suanli/search/time_budget.hpp"

#include <fmt/format.h>

namespace suanli::search {

core::Error time_budget_error(std::string_view command, const core::Deadline& deadline,
                              std::size_t done, std::size_t total, std::string_view narrow) {
  core::Error e = core::make_error(
      core::ErrorCode::usage,
      fmt::format("{}: the search reached its time budget of {:g} s with {} of {} systems "
                  "evaluated (--time-budget)",
                  command, deadline.budget_s(), done, total));
  e.hints.push_back(
      fmt::format("a larger --time-budget lets it finish, or narrow the search with {}", narrow));
  return e;
}

}  // namespace suanli::search
