#include "suanli/api/plan_row.hpp"

namespace suanli::api {

InferRequest plan_row_request(const PlanRequest& request, const search::PlanRequest& resolved,
                              const search::PlanRow& row) {
  InferRequest r;
  r.model = request.model;
  r.hardware.system = row.system;
  r.hardware.chips = row.replica_chips;
  r.precision = resolved.precision.weights;
  r.compute = resolved.precision.compute;
  r.kv_cache = resolved.precision.kv_cache;
  r.software = resolved.software;
  for (const search::SystemChoice& sc : resolved.systems) {
    if (sc.system->id == row.system && !sc.software.empty()) r.software = sc.software;
  }
  const perf::InferenceWorkload& w = resolved.workload;
  r.scenario = w.scenario;
  r.input = w.input_tokens;
  r.output = w.output_tokens;
  r.cache_hit = w.cached_share;
  // The budget the search shortened the prefill step to, where it did: the row's rate assumes it.
  r.step_tokens = row.step_tokens > 0 ? row.step_tokens : w.prefill_chunk;
  r.max_batch = w.max_batch;
  if (!w.spread.fixed()) r.length_spread = w.spread;
  r.concurrency = w.concurrency;
  r.ttft_slo_s = w.ttft_slo_s;
  r.tpot_slo_s = w.tpot_slo_s;
  r.parallelism = row.layout.as_parallelism();  // the decode pool's when split
  r.disaggregate = row.disaggregation;          // the prefill pool's layout is searched again
  r.threads = request.threads;
  return r;
}

}  // namespace suanli::api
