// Exhaustive layout search driver (docs/models/training.md, "Layout search"). The work units are
// planned in a fixed order on the calling thread; workers (core::parallel_for) take them in turn
// and keep their own best layouts and rejection counts, merged at the end in a total order, so the
// result does not depend on thread timing unless the time budget cuts the search short.
#include <fmt/format.h>

#include <algorithm>
#include <atomic>

#include "detail/space.hpp"
#include "suanli/core/parallel_for.hpp"
#include "suanli/core/stopwatch.hpp"
#include "suanli/perf/train/search.hpp"

namespace suanli::perf {
namespace {

using detail::Scored;
using detail::Tally;
using detail::Unit;

}  // namespace

std::string_view to_string(SearchStop s) {
  switch (s) {
    case SearchStop::complete:
      return "complete";
    case SearchStop::time_budget:
      return "time_budget";
    case SearchStop::max_evaluations:
      return "max_evaluations";
  }
  return "complete";
}

core::Result<TrainingSearchResult> search_training_layouts(const TrainingProblem& problem,
                                                           const LayoutConstraints& constraints,
                                                           const SearchOptions& options) {
  if (auto st = check_problem(problem); !st) return st.error();
  const core::Deadline deadline(options.time_budget_s);
  const detail::SearchSpace search(problem, constraints, options);
  Tally planned;
  std::vector<Unit> units = search.plan(planned);
  TrainingSearchResult result;
  if (options.max_evaluations > 0) {
    std::uint64_t total = 0;
    std::size_t keep = 0;
    while (keep < units.size() && total + units[keep].candidates <= options.max_evaluations) {
      total += units[keep++].candidates;
    }
    if (keep < units.size()) {
      units.resize(keep);
      result.stop = SearchStop::max_evaluations;
    }
  }

  const int n_threads = core::worker_count(units.size(), std::clamp(options.threads, 1, 64));
  std::vector<Tally> tallies(static_cast<std::size_t>(n_threads));
  std::atomic<std::size_t> done{0};
  std::atomic<bool> out_of_time{false};
  core::parallel_for_workers(
      units.size(), n_threads,
      [&](std::size_t i, int worker) {
        if (deadline.passed()) out_of_time = true;
        if (out_of_time) return false;
        Tally& tally = tallies[static_cast<std::size_t>(worker)];
        tally.unit = i + 1;
        search.run(units[i], tally);
        ++done;
        if (worker == 0 && options.progress)
          options.progress(done.load(), units.size(), deadline.elapsed_s());
        return true;
      },
      core::Caller::works);
  if (options.progress) options.progress(done.load(), units.size(), deadline.elapsed_s());
  if (out_of_time) result.stop = SearchStop::time_budget;

  std::vector<Scored> best;
  tallies.push_back(std::move(planned));
  detail::ExampleUnits example_unit = detail::no_example_units();
  for (const Tally& t : tallies) {
    result.evaluated += t.evaluated;
    best.insert(best.end(), t.best.begin(), t.best.end());
    for (std::size_t i = 0; i < t.rejected.size(); ++i) {
      result.rejected[i] += t.rejected[i];
      if (t.rejected[i] > 0 && t.example_unit[i] < example_unit[i]) {
        result.example[i] = t.example[i];
        example_unit[i] = t.example_unit[i];
      }
    }
  }
  std::sort(best.begin(), best.end());
  if (best.size() > static_cast<std::size_t>(std::max(1, options.top_n))) {
    best.resize(static_cast<std::size_t>(std::max(1, options.top_n)));
  }
  for (const Scored& s : best) {
    auto est = estimate_training(problem, s.layout);
    if (!est) return est.error();
    result.top.push_back(std::move(est).value());
  }
  result.elapsed_s = deadline.elapsed_s();
  if (result.top.empty()) {
    core::Error e =
        core::make_error(core::ErrorCode::infeasible, "no layout is valid and fits in memory");
    for (std::size_t i = 0; i < result.rejected.size(); ++i) {
      if (result.rejected[i] == 0) continue;
      e.problems.push_back(core::Problem{
          "", 0, std::string(to_string(all_reject_reasons[i])),
          fmt::format("{} rejected, e.g. {}", result.rejected[i], result.example[i]), ""});
    }
    if (result.stop != SearchStop::complete)
      e.hints.emplace_back("the search stopped early; raise its limits");
    return e;
  }
  return result;
}

}  // namespace suanli::perf
