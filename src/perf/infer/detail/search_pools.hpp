// Candidate prefill/decode splits for the search: for each prefill pool size, the best prefill
// layout (prompt tokens/s per chip) and the best decode layout for the remaining chips (output
// tokens/s per chip at the TPOT limit), returned as full disaggregated requests.
#pragma once

#include <vector>

#include "suanli/perf/infer/search.hpp"

namespace suanli::perf::detail {

std::vector<InferenceRequest> disaggregated_candidates(const InferenceRequest& request,
                                                       const InferenceSearchOptions& options);

}  // namespace suanli::perf::detail
