// The inference engine: for a model on a cluster at a precision, layout and workload, predicts
// throughput (output and input tokens/s, per chip and per deployment), TTFT and TPOT (mean, and
// p99 for server loads), memory, time breakdown per phase, limiter, energy and an uncertainty
// band. Pure function of its inputs; an impossible configuration is returned with its reason.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "suanli/model/model_arch.hpp"
#include "suanli/perf/common/cluster.hpp"
#include "suanli/perf/common/efficiency.hpp"
#include "suanli/perf/infer/config.hpp"
#include "suanli/perf/infer/plan.hpp"
#include "suanli/perf/infer/request.hpp"
#include "suanli/perf/infer/step.hpp"

namespace suanli::perf {

// Seconds of one step split by what bounds it.
struct PhaseTime {
  double compute = 0;        // s
  double memory = 0;         // s
  double communication = 0;  // s, exposed
  double overhead = 0;       // s
  double total() const { return compute + memory + communication + overhead; }
};

// Bytes per chip (the fullest chip).
struct MemoryUse {
  double capacity = 0;   // device memory
  double weights = 0;    // model weights
  double kv_cache = 0;   // KV cache in use at the predicted concurrency
  double workspace = 0;  // activations, logits, runtime buffers
  double free = 0;       // left over
};

// What set the batch (or the arrival rate) of an estimate. Names (to_string) are part of the JSON
// contract: "kv-cache", "max-batch", ...; `none` prints as "".
enum class BatchLimit {
  none,           // not set (infeasible, or nothing bound below the top rate)
  kv_cache,       // sequences that fit in the KV cache
  max_batch,      // the stack's scheduler cap
  step_tokens,    // the engine step's token budget
  given,          // the request's concurrency
  burst,          // the requests of a finite burst (fewer than would fit)
  tpot_slo,       // the TPOT limit
  ttft_slo,       // the TTFT limit
  prefill_pool,   // the prefill pool's rate (disaggregated)
  prefill_queue,  // the prompt queue is unstable (server)
  throughput,     // the arrival rate exceeds what the batch can serve (server)
};

// The largest part of the busiest step. Names (to_string) are part of the JSON contract;
// `none` prints as "".
enum class Limiter { none, compute, memory_bandwidth, communication, overhead };

std::string_view to_string(BatchLimit b);
std::string_view to_string(Limiter l);
std::optional<BatchLimit> parse_batch_limit(std::string_view text);
std::optional<Limiter> parse_limiter(std::string_view text);

struct InferenceEstimate {
  bool feasible = false;
  std::string reason;  // why not, when !feasible (e.g. "weights 1.34 TB exceed 8 x 96 GB")

  Layout layout;          // colocated layout, or the decode pool's
  Layout prefill_layout;  // prefill pool's layout when disaggregated
  Disaggregation disaggregation;
  ResolvedPrecision precision;
  int chips = 0;                              // chips the prediction covers
  double concurrency = 0;                     // mean concurrent sequences over the deployment
  BatchLimit batch_limit = BatchLimit::none;  // what set the batch
  int step_tokens = 0;          // tokens per engine step (chunked-prefill budget) of the reported
                                // pool: the co-located, prefill-only or decode pool
  int prefill_step_tokens = 0;  // the prefill pool's step budget when disaggregated
  bool step_tokens_searched = false;  // the search chose step_tokens (not the stack's own) to
                                      // meet a TPOT limit: a request reproduces it only with it

  double requests_per_s = 0;       // completed requests per second, deployment
  double output_tokens_per_s = 0;  // generated tokens per second, deployment
  double input_tokens_per_s = 0;   // prompt tokens per second, deployment
  double output_tokens_per_s_per_chip = 0;
  double input_tokens_per_s_per_chip = 0;

  double ttft_s = 0;                 // mean time to first token, s
  double tpot_s = 0;                 // mean time per output token, s
  std::optional<double> ttft_p99_s;  // p99 TTFT under Poisson load (server), s
  std::optional<double> tpot_p99_s;  // p99 TPOT under Poisson load (server), s

  MemoryUse memory;
  PhaseTime prefill;                // one prefill step (a prompt chunk) on one stage
  PhaseTime decode;                 // one decode step at the predicted batch on one stage
  Limiter limiter = Limiter::none;  // largest part of the busiest step

  double power_w_per_chip = 0;  // mean electrical power per chip incl. host share, W
  double tokens_per_joule = 0;  // output tokens per joule

  double band_low = 0;             // output tokens/s per chip, low end of the uncertainty band
  double band_high = 0;            // output tokens/s per chip, high end
  std::vector<std::string> notes;  // fallbacks and assumptions
  // The reported step (decode step at the predicted batch, with its prompt share; the prefill
  // step for prefill-only) on one chip of one stage, op by op; filled when the request asks.
  std::vector<OpLine> breakdown;
};

InferenceEstimate estimate_inference(const InferenceRequest& request);

// The deployment of an estimate in words: its layout ("tp1 dp8 ep8"), or both pools when
// prefill and decode are split ("prefill 44 [tp1 dp44 ep11] + decode 20 [tp1 dp20 ep20]").
std::string deployment_text(const InferenceEstimate& e);

// The scheduler setting of the request that set the estimate's batch: "--max-batch" or
// "--step-tokens" when one the request gave is what bound, else "" (the stack's own settings,
// the KV cache, a latency limit). A configuration in words says it where no column shows
// `batch_limit` (compare's and plan's tables).
std::string_view batch_set_by_request(const InferenceWorkload& w, const InferenceEstimate& e);

}  // namespace suanli::perf
