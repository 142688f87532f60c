// The layout search space: plans (tp, cp, pp) work units in a fixed order and evaluates every
// (ep, vpp, micro-batch, ZeRO, recompute) inside one, keeping the best layouts and per-reason
// rejection counts of one worker (docs/models/training.md, "Layout search").
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <tuple>
#include <vector>

#include "detail/eval.hpp"
#include "suanli/perf/train/search.hpp"

namespace suanli::perf::detail {

// Total order of layouts for deterministic ties.
inline auto order_key(const TrainingLayout& l) {
  return std::make_tuple(l.tp, l.pp, l.dp, l.cp, l.ep, l.vpp, l.micro_batch, l.zero,
                         static_cast<int>(l.recompute), l.recompute_layers);
}

// A layout and its step time, ordered by time then layout.
struct Scored {
  double step_time = 0;
  TrainingLayout layout;
  bool operator<(const Scored& o) const {
    if (step_time != o.step_time) return step_time < o.step_time;
    return order_key(layout) < order_key(o.layout);
  }
};

// One (tp, cp, pp) triple; all inner choices are evaluated by one worker.
struct Unit {
  int tp = 1, cp = 1, pp = 1;
  std::uint64_t candidates = 0;  // (ep, vpp, micro-batch, zero) combinations
};

// Per rejection reason, the work unit its example came from (0 = planning, unit i = i + 1).
using ExampleUnits = std::array<std::size_t, all_reject_reasons.size()>;

// No example yet for any reason.
constexpr ExampleUnits no_example_units() {
  ExampleUnits a{};
  a.fill(static_cast<std::size_t>(-1));
  return a;
}

// Results of one worker.
struct Tally {
  std::vector<Scored> best;     // sorted, at most top_n
  std::uint64_t evaluated = 0;  // layouts scored
  std::array<std::uint64_t, all_reject_reasons.size()> rejected{};
  std::array<std::string, all_reject_reasons.size()> example;
  // The work unit being run and the unit each example came from: the example kept is the one of
  // the earliest unit, so the output does not depend on which worker ran which unit.
  std::size_t unit = 0;
  ExampleUnits example_unit = no_example_units();
};

class SearchSpace {
 public:
  SearchSpace(const TrainingProblem& p, const LayoutConstraints& c, const SearchOptions& o)
      : p_(p), c_(c), o_(o), ctx_(make_eval_context(p)) {}

  // Plans the work units (deterministic) and counts the layouts rejected before them.
  std::vector<Unit> plan(Tally& t) const;
  // Evaluates every layout of one unit.
  void run(const Unit& u, Tally& t) const;

 private:
  bool reject(Tally& t, RejectReason r, const TrainingLayout& l) const;
  void try_recompute(TrainingLayout l, const LayerSet& layers, Tally& t) const;
  void score(const TrainingLayout& l, const LayerSet& layers, Tally& t) const;
  std::vector<int> eps(const TrainingLayout& l) const;
  std::vector<int> vpps(int pp) const;
  std::vector<int> micro_batches(int dp) const;
  std::vector<int> zeros(const TrainingLayout& l) const;

  const TrainingProblem& p_;
  const LayoutConstraints& c_;
  const SearchOptions& o_;
  EvalContext ctx_;
};

}  // namespace suanli::perf::detail
