// Disaggregated serving: a prefill pool and a decode pool sized separately; the deployment
// completes min(prefill rate, decode rate) requests per second, with TTFT from the prefill
// pool's queue plus the KV-cache transfer and TPOT from the decode pool.
#pragma once

#include "suanli/perf/infer/estimate.hpp"

namespace suanli::perf::detail {

InferenceEstimate estimate_disaggregated(const InferenceRequest& request);

}  // namespace suanli::perf::detail
