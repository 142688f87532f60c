#include "suanli/search/time_budget.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <numeric>

#include "suanli/core/parallel_for.hpp"

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

std::vector<std::size_t> largest_first(std::size_t n,
                                       const std::function<double(std::size_t)>& weight) {
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return weight(a) > weight(b); });
  return order;
}

core::Status evaluate_systems(const std::vector<std::size_t>& order, int threads,
                              double time_budget_s, const core::Progress& progress,
                              const std::function<void(std::size_t)>& evaluate, SearchName name) {
  const core::Deadline deadline(time_budget_s);
  core::ProgressCounter counter(progress, order.size());
  std::atomic<std::size_t> evaluated{0};
  core::parallel_for(
      order.size(), threads,
      [&](std::size_t k) {
        if (deadline.passed()) return;
        evaluate(order[k]);
        ++evaluated;
        counter.item_done();
      },
      core::Caller::works);
  if (evaluated < order.size()) {
    return time_budget_error(name.command, deadline, evaluated, order.size(), name.narrow);
  }
  return core::ok_status();
}

}  // namespace suanli::search
