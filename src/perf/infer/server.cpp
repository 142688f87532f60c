#include "detail/server.hpp"

#include <algorithm>
#include <cmath>

#include "suanli/perf/infer/queue.hpp"

namespace suanli::perf::detail {
namespace {

constexpr double p99 = 0.99;

}  // namespace

ServerPoint server_point(const InferencePlan& plan, const InferenceWorkload& w, double lambda,
                         double cap) {
  const Layout& l = plan.layout;
  const double context = decode_context(w, plan.model->max_position);
  const double tau = tokens_per_step(w.spec);
  const double beams = std::max(1, w.beams);  // sequences decoded per request
  ServerPoint sp;
  sp.lambda = lambda;
  // Little's law for the decode batch: B = lambda x (O / tau) x t_cycle(B), by fixed point.
  double batch = std::max(1.0, lambda * w.output_tokens * 0.01);
  for (int i = 0; i < 60; ++i) {
    const Cycle c = decode_cycle(plan, w, batch, context, true);
    const double next = lambda * beams * w.output_tokens / tau * c.time;
    if (next > 4 * cap + 16) {
      sp.limit = BatchLimit::throughput;
      sp.batch = next;
      return sp;
    }
    if (std::fabs(next - batch) < 1e-3 * std::max(1.0, batch)) {
      batch = next;
      break;
    }
    batch = 0.5 * (batch + next);
  }
  batch = std::max(batch, 1e-6);
  sp.batch = batch;
  sp.batch_p99 = poisson_quantile(batch, p99);
  sp.cycle = decode_cycle(plan, w, batch, context, true);
  sp.tpot = sp.cycle.time / tau;
  sp.tpot_p99 = decode_cycle(plan, w, std::max(sp.batch_p99, batch), context, true).time / tau;

  // Prompts join the next engine step. The prompt-token budget a step leaves after the decode
  // tokens serves them as one deterministic server (M/D/1 on prompt tokens): a prompt occupies
  // I / budget of a step. TTFT = queueing wait + residual of the running step + the steps that
  // carry the prompt (at the p99 batch for the p99).
  // The steps that carry a prompt take at least the prompt's own prefill time (its FLOPs and
  // weight reads do not shrink because the mean step of a lightly loaded server is short).
  // A pipeline's cycle runs each of its pp micro-batches through every stage, and each
  // micro-batch's step has its own budget: the server takes pp budgets of prompt tokens a cycle
  // (as the cycle's prefill rate counts them), and pp prompts' prefills overlap.
  const double rank_decode = batch / l.dpa / l.pp * verified_tokens(w.spec);
  const double budget = prefill_room(plan, rank_decode, 0.05 * plan.step_tokens);
  const Prompt prompt = prompt_of(w);
  const double prefill = prefill_latency(plan, prompt);
  const double service =
      std::max(prompt.computed / budget * sp.cycle.time, prefill) / static_cast<double>(l.pp);
  const QueueWait wait = md_c_wait(lambda / l.dpa, service, 1, p99);
  const double steps = std::max(1.0, std::ceil(prompt.computed / budget));
  const double t99 = sp.tpot_p99 * tau;
  sp.ttft = wait.mean + 0.5 * sp.cycle.time + std::max(steps * sp.cycle.time, prefill);
  sp.ttft_p99 = wait.quantile + t99 + std::max(steps * t99, prefill);

  sp.ok = true;
  if (!wait.stable) {
    sp.ok = false;
    sp.limit = BatchLimit::prefill_queue;
  } else if (sp.batch_p99 > cap) {
    sp.ok = false;
    sp.limit = BatchLimit::kv_cache;
  } else if (w.tpot_slo_s > 0 && sp.tpot_p99 > w.tpot_slo_s) {
    sp.ok = false;
    sp.limit = BatchLimit::tpot_slo;
  } else if (w.ttft_slo_s > 0 && sp.ttft_p99 > w.ttft_slo_s) {
    sp.ok = false;
    sp.limit = BatchLimit::ttft_slo;
  }
  return sp;
}

ServerPoint max_server_load(const InferencePlan& plan, const InferenceWorkload& w, double cap) {
  const double context = decode_context(w, plan.model->max_position);
  // Upper bound: the offline rate at the largest batch.
  const Cycle top = decode_cycle(plan, w, std::max(cap, 1.0), context, true);
  double hi = top.output_rate / std::max(w.output_tokens, 1e-9) * 1.05;
  double lo = 0;
  ServerPoint best;
  ServerPoint at_hi = server_point(plan, w, hi, cap);
  if (at_hi.ok) return at_hi;
  BatchLimit binding = at_hi.limit;
  for (int i = 0; i < 40 && hi - lo > 1e-4 * hi; ++i) {
    const double mid = 0.5 * (lo + hi);
    ServerPoint sp = server_point(plan, w, mid, cap);
    if (sp.ok) {
      lo = mid;
      best = sp;
    } else {
      hi = mid;
      binding = sp.limit;
    }
  }
  if (!best.ok) {
    best = server_point(plan, w, std::max(lo, 1e-9), cap);
    best.ok = false;
  }
  best.limit = binding;
  return best;
}

}  // namespace suanli::perf::detail
