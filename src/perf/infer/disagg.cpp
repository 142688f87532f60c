#include "detail/disagg.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "detail/finish.hpp"
#include "suanli/perf/infer/queue.hpp"

namespace suanli::perf::detail {
namespace {

InferenceEstimate infeasible(InferenceEstimate e, std::string reason) {
  e.feasible = false;
  e.reason = std::move(reason);
  return e;
}

struct PrefillPool {
  double tokens = 0;   // prompt tokens per step per attention rank
  double step = 0;     // s per step
  int servers = 1;     // prompts served concurrently over the pool
  double service = 0;  // s per prompt
  double rate = 0;     // requests/s at full load
};

PrefillPool prefill_pool(const InferencePlan& plan, const MemoryPlan& mem, const Prompt& prompt) {
  const Layout& l = plan.layout;
  PrefillPool p;
  const double kv_tokens =
      mem.kv_available / std::max(kv_bytes_per_computed_token(plan, prompt), 1e-9);
  p.tokens = std::max(1.0, std::min<double>(plan.step_tokens, kv_tokens));
  p.step = prefill_step(plan, p.tokens, prompt).total();
  const double per_rank = std::max(1.0, std::floor(p.tokens / prompt.computed));
  // A pipeline holds a micro-batch on each of its pp stages: pp prompts' worth of steps overlap.
  p.servers = static_cast<int>(per_rank) * l.dpa * l.instances * l.pp;
  p.service = std::max(1.0, std::ceil(prompt.computed / p.tokens)) * p.step * l.pp;
  p.rate = p.tokens * l.dpa * l.instances / p.step / prompt.computed;
  return p;
}

}  // namespace

InferenceEstimate estimate_disaggregated(const InferenceRequest& req) {
  InferenceEstimate e;
  const InferenceWorkload& w = req.workload;
  const Disaggregation& d = req.disaggregation;
  e.disaggregation = d;
  if (d.prefill_chips + d.decode_chips > req.cluster.n_chips) {
    return infeasible(std::move(e),
                      fmt::format("prefill {} + decode {} chips exceed the {} chips available",
                                  d.prefill_chips, d.decode_chips, req.cluster.n_chips));
  }
  auto pplan = build_plan(req, d.prefill_chips, req.prefill_parallelism);
  if (!pplan) return infeasible(std::move(e), "prefill pool: " + pplan.error().message);
  auto dplan = build_plan(req, d.decode_chips, req.parallelism);
  if (!dplan) return infeasible(std::move(e), "decode pool: " + dplan.error().message);
  e.layout = dplan->layout;
  e.prefill_layout = pplan->layout;
  e.precision = dplan->precision;
  e.notes = dplan->notes;
  e.chips = d.prefill_chips + d.decode_chips;

  const double total = w.input_tokens + w.output_tokens;
  const MemoryPlan pmem = memory_plan(*pplan, w.input_tokens);
  if (!pmem.fits) return infeasible(std::move(e), "prefill pool: " + pmem.reason);
  const MemoryPlan dmem = memory_plan(*dplan, total);
  if (!dmem.fits) return infeasible(std::move(e), "decode pool: " + dmem.reason);
  const Prompt prompt = prompt_of(w);
  PrefillPool pp = prefill_pool(*pplan, pmem, prompt);
  // A prompt waits for the step in progress and then for its own steps: with a TTFT limit and no
  // step budget given, halve the prefill pool's step budget (down to the prompt, and no lower than
  // min_pool_step_tokens) until one step plus one prompt's service take at most half the limit.
  constexpr int min_pool_step_tokens = 512;
  while (w.ttft_slo_s > 0 && w.prefill_chunk <= 0 && pp.service + pp.step > 0.5 * w.ttft_slo_s &&
         0.5 * pplan->step_tokens >= std::max<double>(min_pool_step_tokens, prompt.computed)) {
    pplan->step_tokens /= 2;
    pp = prefill_pool(*pplan, pmem, prompt);
  }
  e.step_tokens = dplan->step_tokens;
  e.prefill_step_tokens = pplan->step_tokens;

  // Decode pool: largest batch under the cap and the TPOT limit (p99 of a Poisson batch).
  const Layout& dl = dplan->layout;
  const double context = decode_context(w, dplan->model->max_position);
  BatchLimit limit = BatchLimit::none;
  const double cap = batch_cap(*dplan, dmem, w, context, limit);
  if (cap < 1) return infeasible(std::move(e), "decode pool: " + no_sequence_fits(w, context));
  const double tau = tokens_per_step(w.spec);
  const bool poisson = w.scenario == Scenario::server;
  auto p99_batch = [&](double b) { return poisson ? poisson_quantile(b, 0.99) : b; };
  auto tpot_at = [&](double b) { return decode_cycle(*dplan, w, b, context, false).time / tau; };
  double batch = cap;
  if (w.concurrency > 0) batch = std::min(cap, static_cast<double>(w.concurrency) / dl.instances);
  auto ok = [&](double b) {
    const double hi = p99_batch(b);
    return hi <= cap && (w.tpot_slo_s <= 0 || tpot_at(hi) <= w.tpot_slo_s);
  };
  if (!ok(batch)) {
    double lo = 0, hi = batch;
    for (int i = 0; i < 40 && hi - lo > 0.5; ++i) {
      const double mid = 0.5 * (lo + hi);
      (ok(mid) ? lo : hi) = mid;
    }
    if (lo < 1)
      return infeasible(std::move(e), "decode pool: the TPOT limit is not met at batch 1");
    batch = lo;
    limit = BatchLimit::tpot_slo;
  }
  const Cycle c = decode_cycle(*dplan, w, batch, context, false);
  const double decode_rate = c.output_rate * dl.instances / w.output_tokens;

  // KV-cache transfer of one prompt from a prefill instance over the scale-out network.
  const double kv_prompt = kv_bytes_per_sequence(*pplan, w.input_tokens) * pplan->layout.pp;
  const double link = req.cluster.scaleout.bandwidth.value * req.efficiency.scaleout *
                      pplan->layout.chips_per_instance();
  const double transfer = link > 0 ? kv_prompt / link : 0.0;

  double lambda = std::min(pp.rate, decode_rate);
  e.batch_limit = pp.rate < decode_rate ? BatchLimit::prefill_pool : limit;
  QueueWait wait = md_c_wait(lambda, pp.service, pp.servers, 0.99);
  if (poisson) {
    auto ttft99 = [&](double lam) {
      const QueueWait qw = md_c_wait(lam, pp.service, pp.servers, 0.99);
      return qw.stable ? qw.quantile + pp.service + transfer + pp.step : 1e9;
    };
    double lo = 0, hi = lambda;
    const bool ttft_bound = w.ttft_slo_s > 0 && ttft99(hi) > w.ttft_slo_s;
    if (ttft_bound || !md_c_wait(hi, pp.service, pp.servers, 0.99).stable) {
      for (int i = 0; i < 50; ++i) {
        const double mid = 0.5 * (lo + hi);
        const bool good = w.ttft_slo_s > 0 ? ttft99(mid) <= w.ttft_slo_s : ttft99(mid) < 1e8;
        (good ? lo : hi) = mid;
      }
      if (lo <= 0) return infeasible(std::move(e), "prefill pool: the TTFT limit is not met");
      lambda = lo;
      e.batch_limit = ttft_bound ? BatchLimit::ttft_slo : BatchLimit::prefill_pool;
    }
    wait = md_c_wait(lambda, pp.service, pp.servers, 0.99);
    e.ttft_p99_s = wait.quantile + pp.service + transfer + pp.step;
    e.tpot_p99_s = tpot_at(p99_batch(std::min(batch, lambda * w.output_tokens / tau * c.time)));
  }
  e.requests_per_s = lambda;
  e.output_tokens_per_s = lambda * w.output_tokens;
  e.input_tokens_per_s = lambda * w.input_tokens;
  const double used_batch = std::min(batch, lambda * w.output_tokens / tau * c.time / dl.instances);
  e.concurrency = used_batch * dl.instances;
  e.tpot_s = tpot_at(std::max(used_batch, 1.0));
  e.ttft_s = (wait.stable ? wait.mean : 0.0) + pp.service + transfer + 0.5 * pp.step;
  e.feasible = true;
  fill_phases(e, *dplan, dmem, w, used_batch, context, c.stage);
  e.breakdown = explain_cycle(*dplan, c);  // the decode pool's step
  e.prefill = to_phase(prefill_step(*pplan, pp.tokens, prompt));
  fill_per_chip(e);
  fill_energy_and_band(e, *dplan, c.stage);
  return e;
}

}  // namespace suanli::perf::detail
