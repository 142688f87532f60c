// Best inference configuration: when the layout (TP, PP, DP, EP), the concurrency or the
// prefill/decode split are not given, search them for the highest output tokens/s per chip that
// meets the workload's TTFT/TPOT limits. Candidates are enumerated in a fixed order and
// evaluated on worker threads; the reduction is in candidate order, so the result is
// deterministic. Every candidate is evaluated; a space over the candidate limit is not searched.
#pragma once

#include <string>
#include <vector>

#include "suanli/perf/infer/estimate.hpp"

namespace suanli::perf {

struct InferenceSearchOptions {
  int threads = 2;                  // worker threads (1 = evaluate inline)
  long long max_candidates = 4096;  // a larger layout space is not searched (stop_reason says)
  bool try_disaggregation = false;  // also search prefill/decode pool splits
  int max_pipeline = 8;             // largest pipeline degree considered
};

struct InferenceSearchResult {
  InferenceEstimate best;            // feasible best, or (when none) the first candidate's reason
  int candidates = 0;                // candidates enumerated
  int evaluated = 0;                 // candidates evaluated
  int feasible = 0;                  // candidates that met every limit
  std::string stop_reason;           // "exhausted", or "over the candidate limit" (none evaluated)
  std::vector<std::string> reasons;  // distinct reasons of infeasible candidates (first few)
};

// Layouts for `n_chips` of `request.model` honouring the degrees already given in `fixed`.
std::vector<InferenceParallelism> layout_candidates(const InferenceRequest& request, int n_chips,
                                                    const InferenceParallelism& fixed,
                                                    int max_pipeline);

InferenceSearchResult search_inference(const InferenceRequest& request,
                                       const InferenceSearchOptions& options = {});

// Makes `request` the one a feasible search `best` evaluated: the layout it found (both pools'
// when it split prefill from decode) and the prefill step it shortened to meet a TPOT limit
// (step_tokens_searched), so estimating `request` again gives `best`.
void adopt_search_result(InferenceRequest& request, const InferenceEstimate& best);

}  // namespace suanli::perf
