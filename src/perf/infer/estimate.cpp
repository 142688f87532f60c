#include "suanli/perf/infer/estimate.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "detail/burst.hpp"
#include "detail/disagg.hpp"
#include "detail/finish.hpp"
#include "detail/server.hpp"

namespace suanli::perf {
namespace {

using detail::Cycle;

InferenceEstimate infeasible(InferenceEstimate e, std::string reason) {
  e.feasible = false;
  e.reason = std::move(reason);
  return e;
}

// Largest batch (<= cap) whose cycle meets a mean TPOT limit, by bisection on the batch.
double batch_for_tpot(const InferencePlan& plan, const InferenceWorkload& w, double cap,
                      double context, bool with_prefill) {
  const double tau = detail::tokens_per_step(w.spec);
  auto tpot = [&](double b) {
    return detail::decode_cycle(plan, w, b, context, with_prefill).time / tau;
  };
  if (tpot(cap) <= w.tpot_slo_s) return cap;
  if (tpot(1.0) > w.tpot_slo_s) return 0;
  double lo = 1, hi = cap;
  for (int i = 0; i < 40 && hi - lo > 0.5; ++i) {
    const double mid = 0.5 * (lo + hi);
    (tpot(mid) <= w.tpot_slo_s ? lo : hi) = mid;
  }
  return std::floor(lo);
}

InferenceEstimate prefill_only(InferenceEstimate e, const InferencePlan& plan,
                               const InferenceWorkload& w) {
  const MemoryPlan mem = memory_plan(plan, w.input_tokens);
  if (!mem.fits) return infeasible(std::move(e), mem.reason);
  const Layout& l = plan.layout;
  const Prompt prompt = prompt_of(w);
  // The step carries up to the token budget of computed tokens.
  const double kv_per_computed = detail::kv_bytes_per_computed_token(plan, prompt);
  const double kv_tokens = mem.kv_available / std::max(kv_per_computed, 1e-9);
  // Prefill pools batch large token counts (16k per rank in the DeepSeek and SGLang deployments).
  constexpr double pool_tokens = 16384;
  double tokens =
      w.prefill_chunk > 0 ? w.prefill_chunk : std::max<double>(plan.step_tokens, pool_tokens);
  tokens = std::max(1.0, std::min(tokens, kv_tokens));
  const StepTime st = detail::prefill_step(plan, tokens, prompt);
  const double t = st.total();
  // Prompt tokens count whole, cached ones included (what a prefill pool is rated by).
  e.requests_per_s = tokens * l.dpa * l.instances / t / prompt.computed;
  e.input_tokens_per_s = e.requests_per_s * w.input_tokens;
  e.output_tokens_per_s = w.output_tokens > 0 ? e.requests_per_s * w.output_tokens : 0;
  e.ttft_s = detail::prefill_latency(plan, {std::min(prompt.computed, tokens), prompt.cached}) +
             (prompt.computed > tokens ? (prompt.computed / tokens - 1) * t : 0.0);
  e.batch_limit = BatchLimit::step_tokens;
  e.step_tokens = static_cast<int>(tokens);
  e.concurrency = tokens / prompt.computed * l.dpa * l.instances;
  detail::fill_phases(e, plan, mem, w, 0, w.input_tokens, st);
  e.breakdown = detail::explain_step(plan, detail::prefill_load(tokens, prompt));
  e.memory.kv_cache = tokens * kv_per_computed;
  detail::fill_per_chip(e);
  detail::fill_energy_and_band(e, plan, st);
  // Prefill pools are rated by input tokens: the band applies to them.
  e.band_low = e.input_tokens_per_s_per_chip * plan.eff.band_low;
  e.band_high = e.input_tokens_per_s_per_chip * plan.eff.band_high;
  e.tokens_per_joule =
      e.power_w_per_chip > 0 ? e.input_tokens_per_s_per_chip / e.power_w_per_chip : 0;
  return e;
}

// A finite burst instead of an endless queue: the rates are the burst's tokens over its
// makespan, which includes prefilling every prompt and the drain at the end.
void apply_burst(InferenceEstimate& e, const InferencePlan& plan, const InferenceWorkload& w,
                 double batch, double context) {
  const detail::BurstTime b = detail::burst_time(plan, w, batch, context);
  const double t = b.makespan();
  if (!(t > 0)) return;
  const auto n = static_cast<double>(w.requests);
  e.requests_per_s = n / t;
  e.output_tokens_per_s = n * w.output_tokens / t;
  e.input_tokens_per_s = n * w.input_tokens / t;
  e.concurrency = b.in_flight * std::max(1, w.beams) * plan.layout.instances;
  // A request waits for the admitted ones ahead of it, then for its own prompt's share.
  e.ttft_s = b.mean_wait + 0.5 * b.prefill;
  e.notes.push_back(fmt::format(
      "finite burst of {} requests: makespan {:.3g} s = prefill {:.3g} s + decode {:.3g} s "
      "(of which {:.3g} s drain as the batch empties); {} lengths, longest answer ~{:.0f} tokens",
      w.requests, t, b.prefill, b.decode, b.drain, to_string(w.spread), b.longest));
}

// What a spread of answer lengths does to the steady state (a burst's note says it there).
std::string spread_note(const InferenceWorkload& w, int max_position) {
  if (w.spread.fixed() || w.requests > 0 || !(w.output_tokens > 0)) return {};
  const double held = decode_context(w, max_position) - w.input_tokens;
  return fmt::format(
      "answer lengths spread with cv {}: a sequence in flight holds {:.0f} generated tokens on "
      "average ({:.2f} answers), not the {:.0f} of equal lengths",
      w.spread.cv, held, held / w.output_tokens, w.output_tokens / 2);
}

InferenceEstimate decode_phase(InferenceEstimate e, const InferencePlan& plan,
                               const InferenceWorkload& w) {
  const Layout& l = plan.layout;
  const double context = decode_context(w, plan.model->max_position);
  const bool colocated = w.scenario != Scenario::decode_only;
  const MemoryPlan mem = memory_plan(plan, w.input_tokens + std::max(0.0, w.output_tokens));
  if (!mem.fits) return infeasible(std::move(e), mem.reason);
  BatchLimit limit = BatchLimit::none;
  const double cap = detail::batch_cap(plan, mem, w, context, limit);
  if (cap < 1) return infeasible(std::move(e), detail::no_sequence_fits(w, context));
  double batch = cap;
  if (w.concurrency > 0) {
    batch = static_cast<double>(w.concurrency) / l.instances;
    if (batch > cap) {
      e.notes.push_back(fmt::format("concurrency {} exceeds the {} sequences that fit ({}); capped",
                                    w.concurrency, std::floor(cap * l.instances),
                                    to_string(limit)));
      batch = cap;
    } else {
      limit = BatchLimit::given;
    }
  }
  if (w.tpot_slo_s > 0) {
    const double b = batch_for_tpot(plan, w, batch, context, colocated);
    if (b < 1) {
      const double tau = detail::tokens_per_step(w.spec);
      const double t1 = detail::decode_cycle(plan, w, 1, context, colocated).time / tau;
      return infeasible(std::move(e),
                        fmt::format("TPOT {:.1f} ms at batch 1 exceeds the {:.1f} ms limit",
                                    t1 * 1e3, w.tpot_slo_s * 1e3));
    }
    if (b < batch) limit = BatchLimit::tpot_slo;
    batch = b;
  }
  const bool burst = w.scenario == Scenario::offline && w.requests > 0;
  if (burst) {  // a burst never holds more sequences than it has
    const double seqs = std::ceil(static_cast<double>(w.requests) / l.instances) * w.beams;
    if (seqs < batch) {
      batch = seqs;
      limit = BatchLimit::burst;
    }
  }
  const Cycle c = detail::decode_cycle(plan, w, batch, context, colocated);
  const double tau = detail::tokens_per_step(w.spec);
  e.batch_limit = limit;
  e.concurrency = batch * l.instances;
  e.output_tokens_per_s = c.output_rate * l.instances;
  e.tpot_s = c.time / tau;
  if (w.output_tokens > 0) e.requests_per_s = e.output_tokens_per_s / w.output_tokens;
  if (colocated) {
    e.input_tokens_per_s = e.requests_per_s * w.input_tokens;
    // A prompt waits for the steps that carry its tokens at the steady-state prefill share.
    const Prompt prompt = prompt_of(w);
    const double prefill = detail::prefill_latency(plan, prompt);
    if (w.scenario == Scenario::interactive) {
      // A closed loop of `concurrency` users: a new prompt is scheduled at once, in the step
      // after the running one, with the step-token budget it leaves.
      e.ttft_s = 0.5 * c.time + prefill;
    } else {
      // Offline: every prompt is queued; it waits for the steps that carry its tokens at the
      // steady-state prefill share.
      const double share = c.prefill_rate * c.time / (l.dpa * l.pp);
      const double steps = share > 0 ? std::max(1.0, prompt.computed / share) : 1.0;
      e.ttft_s = std::max(steps * c.time, prefill);
    }
    if (w.ttft_slo_s > 0 && e.ttft_s > w.ttft_slo_s) {
      e.notes.push_back(fmt::format("TTFT {:.0f} ms exceeds the {:.0f} ms limit", e.ttft_s * 1e3,
                                    w.ttft_slo_s * 1e3));
    }
  }
  if (std::string note = detail::busiest_rank_note(plan, c); !note.empty()) {
    e.notes.push_back(std::move(note));
  }
  if (burst) apply_burst(e, plan, w, batch, context);
  detail::fill_phases(e, plan, mem, w, batch, context, c.stage);
  e.breakdown = detail::explain_cycle(plan, c);
  detail::fill_per_chip(e);
  detail::fill_energy_and_band(e, plan, c.stage);
  return e;
}

InferenceEstimate server(InferenceEstimate e, const InferencePlan& plan,
                         const InferenceWorkload& w) {
  const Layout& l = plan.layout;
  const double context = decode_context(w, plan.model->max_position);
  const MemoryPlan mem = memory_plan(plan, w.input_tokens + w.output_tokens);
  if (!mem.fits) return infeasible(std::move(e), mem.reason);
  BatchLimit limit = BatchLimit::none;
  const double cap = detail::batch_cap(plan, mem, w, context, limit);
  if (cap < 1) return infeasible(std::move(e), detail::no_sequence_fits(w, context));
  const detail::ServerPoint sp = detail::max_server_load(plan, w, cap);
  if (!sp.ok) {
    return infeasible(std::move(e),
                      fmt::format("no arrival rate meets the limits (p99 TTFT {:.0f} ms, p99 TPOT "
                                  "{:.1f} ms at the lowest load; {})",
                                  sp.ttft_p99 * 1e3, sp.tpot_p99 * 1e3, to_string(sp.limit)));
  }
  e.batch_limit = sp.limit == BatchLimit::kv_cache ? limit : sp.limit;
  e.concurrency = sp.batch * l.instances;
  e.requests_per_s = sp.lambda * l.instances;
  e.output_tokens_per_s = e.requests_per_s * w.output_tokens;
  e.input_tokens_per_s = e.requests_per_s * w.input_tokens;
  e.tpot_s = sp.tpot;
  e.ttft_s = sp.ttft;
  e.tpot_p99_s = sp.tpot_p99;
  e.ttft_p99_s = sp.ttft_p99;
  if (std::string note = detail::busiest_rank_note(plan, sp.cycle); !note.empty()) {
    e.notes.push_back(std::move(note));
  }
  detail::fill_phases(e, plan, mem, w, sp.batch, context, sp.cycle.stage);
  e.breakdown = detail::explain_cycle(plan, sp.cycle);
  detail::fill_per_chip(e);
  detail::fill_energy_and_band(e, plan, sp.cycle.stage);
  return e;
}

}  // namespace

std::string deployment_text(const InferenceEstimate& e) {
  if (!e.disaggregation.enabled()) return layout_text(e.layout);
  return fmt::format("prefill {} [{}] + decode {} [{}]", e.disaggregation.prefill_chips,
                     layout_text(e.prefill_layout), e.disaggregation.decode_chips,
                     layout_text(e.layout));
}

InferenceEstimate estimate_inference(const InferenceRequest& req) {
  InferenceEstimate e;
  if (const std::string bad = detail::check_workload(req.workload); !bad.empty()) {
    return infeasible(std::move(e), bad);
  }
  const std::string spread = spread_note(req.workload, req.model->max_position);
  if (req.disaggregation.enabled()) {
    InferenceEstimate d = detail::estimate_disaggregated(req);
    if (d.feasible && !spread.empty()) d.notes.push_back(spread);
    return d;
  }
  auto plan = build_plan(req, req.cluster.n_chips, req.parallelism);
  if (!plan) return infeasible(std::move(e), plan.error().message);
  e.layout = plan->layout;
  e.precision = plan->precision;
  e.notes = plan->notes;
  if (!spread.empty()) e.notes.push_back(spread);
  e.chips = plan->layout.chips();
  e.step_tokens = plan->step_tokens;
  e.feasible = true;
  switch (req.workload.scenario) {
    case Scenario::prefill_only:
      return prefill_only(std::move(e), *plan, req.workload);
    case Scenario::server:
      return server(std::move(e), *plan, req.workload);
    case Scenario::decode_only:
    case Scenario::offline:
    case Scenario::interactive:
      return decode_phase(std::move(e), *plan, req.workload);
  }
  return e;
}

std::string_view to_string(Scenario s) {
  switch (s) {
    case Scenario::offline:
      return "offline";
    case Scenario::server:
      return "server";
    case Scenario::prefill_only:
      return "prefill-only";
    case Scenario::decode_only:
      return "decode-only";
    case Scenario::interactive:
      return "interactive";
  }
  return "offline";
}

std::optional<Scenario> parse_scenario(std::string_view text) {
  for (Scenario s : {Scenario::offline, Scenario::server, Scenario::prefill_only,
                     Scenario::decode_only, Scenario::interactive}) {
    if (to_string(s) == text) return s;
  }
  return std::nullopt;
}

}  // namespace suanli::perf
