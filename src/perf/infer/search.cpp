#include "suanli/perf/infer/search.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <set>

#include "detail/search_pools.hpp"
#include "suanli/core/parallel_for.hpp"
#include "suanli/perf/common/software_profile.hpp"

namespace suanli::perf {
namespace {

bool better(const InferenceEstimate& a, const InferenceEstimate& b) {
  if (a.feasible != b.feasible) return a.feasible;
  // Higher throughput per chip wins; a relative tie keeps the earlier (simpler) candidate.
  return a.output_tokens_per_s_per_chip > b.output_tokens_per_s_per_chip * (1 + 1e-9);
}

// Smaller chunked-prefill budgets tried on the best co-located layout when a TPOT limit is set:
// a long prefill step stalls every decoding sequence, so a compute-poor chip meets the limit
// at a useful batch only with shorter steps (vLLM/SGLang `--max-num-batched-tokens`,
// `--chunked-prefill-size`).
constexpr std::array<int, 2> prefill_chunks{2048, 512};

// The best candidate re-estimated with each smaller prefill chunk; the best of them or `best`.
InferenceEstimate refine_prefill_chunk(const InferenceRequest& best_request,
                                       InferenceEstimate best) {
  if (best_request.workload.tpot_slo_s <= 0 || best_request.workload.prefill_chunk > 0 ||
      best_request.disaggregation.enabled()) {
    return best;
  }
  for (int chunk : prefill_chunks) {
    InferenceRequest c = best_request;
    c.workload.prefill_chunk = chunk;
    InferenceEstimate e = estimate_inference(c);
    if (better(e, best)) {
      e.notes.push_back(
          fmt::format("prefill chunked to {} tokens per step to meet the TPOT limit", chunk));
      e.step_tokens_searched = true;
      best = std::move(e);
    }
  }
  return best;
}

std::vector<int> powers_of_two_up_to(int limit) {
  std::vector<int> out;
  for (int v = 1; v <= limit; v *= 2) out.push_back(v);
  return out;
}

}  // namespace

std::vector<InferenceParallelism> layout_candidates(const InferenceRequest& req, int n,
                                                    const InferenceParallelism& fixed,
                                                    int max_pipeline) {
  const model::ModelArch& m = *req.model;
  const int domain = std::max(1, std::min(req.cluster.scaleup_domain, n));
  const bool plain_code = runs_framework_kernels(req.software);
  std::vector<InferenceParallelism> out;
  const std::vector<int> tps =
      fixed.tp > 0 ? std::vector<int>{fixed.tp} : powers_of_two_up_to(std::min(domain, 64));
  const std::vector<int> pps = fixed.pp > 0
                                   ? std::vector<int>{fixed.pp}
                                   : powers_of_two_up_to(std::min(max_pipeline, m.n_layers));
  for (int pp : pps) {
    for (int tp : tps) {
      if (fixed.tp == 0 && m.n_heads % tp != 0) continue;
      if (n % (tp * pp) != 0) continue;
      const int dp = n / (tp * pp);
      if (fixed.dp > 0 && fixed.dp != dp) continue;
      if (!m.is_moe()) {
        out.push_back({tp, pp, dp, 1});
        continue;
      }
      // Expert parallelism: tensor-sliced experts (ep 0), or ep a divisor of tp or a multiple
      // of tp dividing the chips of a stage. Plain PyTorch code keeps its MoE layers inside the
      // TP group (ep a divisor of tp): experts over data-parallel ranks (ep 0 may slice them over
      // several, ep a multiple of tp spreads them) need attention DP and a dispatch/combine
      // all-to-all that a serving engine implements; a given --ep still runs as stated.
      std::set<int> eps;
      if (fixed.ep > 0) {
        eps.insert(fixed.ep);
      } else {
        if (!plain_code) eps.insert(0);
        for (int e = 1; e <= tp; e *= 2) {
          if (tp % e == 0) eps.insert(e);
        }
        for (int g = tp; g <= (plain_code ? tp : tp * dp); g += tp) {
          if ((tp * dp) % g == 0 && g <= 2 * m.n_experts) eps.insert(g);
        }
      }
      for (int ep : eps) out.push_back({tp, pp, dp, ep});
    }
  }
  return out;
}

void adopt_search_result(InferenceRequest& request, const InferenceEstimate& best) {
  if (!best.feasible) return;
  request.parallelism = best.layout.as_parallelism();  // the decode pool's when split
  request.disaggregation = best.disaggregation;
  if (best.disaggregation.enabled()) {
    request.prefill_parallelism = best.prefill_layout.as_parallelism();
  }
  if (best.step_tokens_searched) request.workload.prefill_chunk = best.step_tokens;
}

InferenceSearchResult search_inference(const InferenceRequest& req,
                                       const InferenceSearchOptions& opt) {
  InferenceSearchResult r;
  std::vector<InferenceRequest> cands;
  if (!req.disaggregation.enabled()) {
    for (const auto& par :
         layout_candidates(req, req.cluster.n_chips, req.parallelism, opt.max_pipeline)) {
      InferenceRequest c = req;
      c.parallelism = par;
      cands.push_back(std::move(c));
    }
  }
  if (opt.try_disaggregation || req.disaggregation.enabled()) {
    for (auto& c : detail::disaggregated_candidates(req, opt)) cands.push_back(std::move(c));
  }
  r.candidates = static_cast<int>(cands.size());
  r.stop_reason = "exhausted";
  if (static_cast<long long>(cands.size()) > opt.max_candidates) {  // never a partial search
    r.stop_reason = "over the candidate limit";
    r.best.reason = fmt::format("the layout search has {} candidates, over the limit of {}",
                                cands.size(), opt.max_candidates);
    return r;
  }
  std::vector<InferenceEstimate> results(cands.size());
  core::parallel_for(cands.size(), opt.threads,
                     [&](std::size_t i) { results[i] = estimate_inference(cands[i]); });
  r.evaluated = static_cast<int>(results.size());
  std::size_t best_index = 0;
  for (std::size_t i = 0; i < results.size(); ++i) {
    const InferenceEstimate& e = results[i];
    if (e.feasible) {
      ++r.feasible;
    } else if (r.reasons.size() < 5 &&
               std::find(r.reasons.begin(), r.reasons.end(), e.reason) == r.reasons.end()) {
      r.reasons.push_back(e.reason);
    }
    if (i == 0 || better(e, r.best)) {
      r.best = e;
      best_index = i;
    }
  }
  if (results.empty()) {
    r.best.reason = "no layout divides the chips";
    return r;
  }
  r.best = refine_prefill_chunk(cands[best_index], std::move(r.best));
  return r;
}

}  // namespace suanli::perf
