#include "detail/search_pools.hpp"

#include <algorithm>
#include <set>

namespace suanli::perf::detail {
namespace {

// Best layout of one pool of `n` chips for `scenario` (prefill-only or decode-only), by the
// per-chip rate that pool is judged on; ok = false when nothing fits.
struct PoolChoice {
  bool ok = false;
  InferenceParallelism layout;
  double rate = 0;  // prompt or output tokens/s per chip
};

PoolChoice best_pool(const InferenceRequest& req, int n, Scenario scenario,
                     const InferenceParallelism& fixed, int max_pipeline) {
  PoolChoice best;
  InferenceRequest pool = req;
  pool.disaggregation = {};
  pool.cluster.n_chips = n;
  pool.workload.scenario = scenario;
  pool.workload.concurrency = 0;
  if (scenario == Scenario::decode_only) {
    // The decode pool's sequences arrive with their prompts in the cache (input = the KV length
    // at admission) and grow by their answers (decode_context adds the tokens in flight).
    pool.workload.ttft_slo_s = 0;
  }
  for (const auto& par : layout_candidates(pool, n, fixed, max_pipeline)) {
    pool.parallelism = par;
    const InferenceEstimate e = estimate_inference(pool);
    if (!e.feasible) continue;
    if (scenario == Scenario::prefill_only && req.workload.ttft_slo_s > 0 &&
        e.ttft_s > 0.5 * req.workload.ttft_slo_s) {
      continue;  // leave half of the TTFT budget to queueing
    }
    const double rate = scenario == Scenario::prefill_only ? e.input_tokens_per_s_per_chip
                                                           : e.output_tokens_per_s_per_chip;
    if (!best.ok || rate > best.rate * (1 + 1e-9)) {
      best = {true, par, rate};
    }
  }
  return best;
}

}  // namespace

std::vector<InferenceRequest> disaggregated_candidates(const InferenceRequest& req,
                                                       const InferenceSearchOptions& opt) {
  std::vector<InferenceRequest> out;
  const int n = req.cluster.n_chips;
  if (n < 2) return out;
  std::set<int> sizes;
  if (req.disaggregation.enabled()) {
    sizes.insert(req.disaggregation.prefill_chips);
  } else {
    for (int i = 1; i < 16; ++i) {
      if ((n * i) % 16 == 0) sizes.insert(n * i / 16);
    }
    for (int p = 1; p < n; p *= 2) sizes.insert(p);
  }
  for (int p : sizes) {
    const int d = req.disaggregation.enabled() ? req.disaggregation.decode_chips : n - p;
    if (p < 1 || d < 1) continue;
    const PoolChoice pre =
        best_pool(req, p, Scenario::prefill_only, req.prefill_parallelism, opt.max_pipeline);
    if (!pre.ok) continue;
    const PoolChoice dec =
        best_pool(req, d, Scenario::decode_only, req.parallelism, opt.max_pipeline);
    if (!dec.ok) continue;
    InferenceRequest c = req;
    c.disaggregation = {p, d};
    c.prefill_parallelism = pre.layout;
    c.parallelism = dec.layout;
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace suanli::perf::detail
