// Best training layout by exhaustive search: every valid (TP, PP, DP, CP, EP, virtual stages,
// micro-batch, recompute, ZeRO) that fits memory, ranked by step time. Multi-threaded and
// deterministic; stop rules (time budget, maximum evaluations); progress through a callback.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "suanli/core/result.hpp"
#include "suanli/perf/train/layout.hpp"
#include "suanli/perf/train/step.hpp"

namespace suanli::perf {

// Layout fields fixed by the caller; nullopt fields are searched.
struct LayoutConstraints {
  std::optional<int> tp, pp, dp, cp, ep, vpp;  // parallel degrees
  std::optional<int> micro_batch;              // sequences per micro-batch
  std::optional<Recompute> recompute;          // recompute mode
  std::optional<int> zero;                     // ZeRO stage 0..3
  std::optional<PipelineSchedule> schedule;    // given, never searched (default 1F1B)
};

// Called with (completed work units, total work units, seconds elapsed) from the calling thread.
using SearchProgress = std::function<void(std::size_t done, std::size_t total, double elapsed_s)>;

struct SearchOptions {
  int top_n = 5;                      // layouts returned, best first
  int threads = 2;                    // worker threads (the calling thread is one of them)
  double time_budget_s = 0;           // s; stop when exceeded (0 = none; result may then vary)
  std::uint64_t max_evaluations = 0;  // candidate layouts considered at most (0 = no limit)
  int max_micro_batch = 16;           // largest micro-batch tried, sequences
  int max_vpp = 8;                    // largest virtual-stage count tried
  SearchProgress progress;            // optional
};

enum class SearchStop { complete, time_budget, max_evaluations };
std::string_view to_string(SearchStop s);

struct TrainingSearchResult {
  std::vector<TrainingEstimate> top;  // best first (step time, then layout order)
  std::uint64_t evaluated = 0;        // layouts that fit and whose step time was computed
  std::array<std::uint64_t, all_reject_reasons.size()> rejected{};  // by RejectReason index
  std::array<std::string, all_reject_reasons.size()> example;       // one message per reason
  SearchStop stop = SearchStop::complete;
  double elapsed_s = 0;  // wall time of the search, s (not deterministic)
};

// Checks each fixed field of `constraints` on its own (divides the chips, heads, layers, sequence,
// experts, batch; ranges) so that a caller hears which field is wrong before any search. All
// problems are reported together; each Problem's key_path is the field name ("tp", "zero").
core::Status check_constraints(const TrainingProblem& problem,
                               const LayoutConstraints& constraints);

// Searches layouts for `problem` under `constraints`. Errors: invalid problem; infeasible when
// no layout is valid and fits (the message gives the rejection counts).
core::Result<TrainingSearchResult> search_training_layouts(const TrainingProblem& problem,
                                                           const LayoutConstraints& constraints,
                                                           const SearchOptions& options);

}  // namespace suanli::perf
