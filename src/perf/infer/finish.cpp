#include "detail/finish.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace suanli::perf::detail {
namespace {

constexpr double idle_power_share = 0.30;  // share of TDP drawn by an idle, clocked-up chip

}  // namespace

std::string check_workload(const InferenceWorkload& w) {
  if (!(w.input_tokens > 0) || !std::isfinite(w.input_tokens)) {
    return fmt::format("input tokens must be > 0, got {}", w.input_tokens);
  }
  const bool needs_output =
      w.scenario != Scenario::prefill_only && w.scenario != Scenario::decode_only;
  if (needs_output && (!(w.output_tokens > 0) || !std::isfinite(w.output_tokens))) {
    return fmt::format("output tokens must be > 0, got {}", w.output_tokens);
  }
  if (w.input_tokens > 1e7 || w.output_tokens > 1e7) return "sequence lengths above 10M tokens";
  if (!(w.cached_share >= 0 && w.cached_share < 1)) {
    return fmt::format("cached prompt share must be in [0, 1), got {}", w.cached_share);
  }
  if (!leaves_last_token(w.input_tokens, w.cached_share)) {
    return fmt::format(
        "a cached prompt share of {} leaves {:.3g} of the {}-token prompt to "
        "compute; its last token is always computed",
        w.cached_share, w.input_tokens * (1 - w.cached_share), w.input_tokens);
  }
  if (w.requests < 0) return fmt::format("burst requests must be >= 0, got {}", w.requests);
  if (w.requests > 0 && w.scenario != Scenario::offline) {
    return "a finite burst of requests is an offline run";
  }
  if (!(w.spread.cv >= 0 && w.spread.cv <= max_length_cv)) {
    return fmt::format("answer-length spread must be a coefficient of variation in [0, {}], got {}",
                       max_length_cv, w.spread.cv);
  }
  if (w.requests > 0 && !w.spread.fixed() && !w.spread.exponential()) {
    return fmt::format(
        "a burst drains in waves (fixed lengths) or as exponential lengths do, not at cv {}",
        w.spread.cv);
  }
  if (w.spec.draft_tokens < 0 || w.spec.draft_tokens > 16) {
    return fmt::format("draft tokens must be in [0, 16], got {}", w.spec.draft_tokens);
  }
  if (w.spec.acceptance < 0 || w.spec.acceptance > 1) {
    return fmt::format("acceptance must be in [0, 1], got {}", w.spec.acceptance);
  }
  if (w.spec.draft_tokens > 0) {
    const double verified = verified_tokens(w.spec);
    if (w.spec.verify_tokens > 0 && w.spec.verify_tokens < 2) {
      return fmt::format("draft tokens verified per step must be >= 2, got {}",
                         w.spec.verify_tokens);
    }
    // At most every drafted token of the longest chain plus the target's own token comes out.
    const double most = std::min(verified, w.spec.draft_tokens + 1.0);
    if (w.spec.accept_length != 0 && (w.spec.accept_length < 1 || w.spec.accept_length > most)) {
      return fmt::format("acceptance length must be in [1, {}] with {} draft steps, got {}", most,
                         w.spec.draft_tokens, w.spec.accept_length);
    }
  } else if (w.spec.verify_tokens > 0 || w.spec.accept_length > 0) {
    return "draft tokens and acceptance length need draft steps (--mtp N)";
  }
  if (w.concurrency < 0) return fmt::format("concurrency must be >= 0, got {}", w.concurrency);
  return {};
}

void fill_phases(InferenceEstimate& e, const InferencePlan& plan, const MemoryPlan& mem,
                 const InferenceWorkload& w, double batch, double context,
                 const StepTime& busiest) {
  const Layout& l = plan.layout;
  e.memory.capacity = mem.capacity;
  e.memory.weights = mem.weights;
  e.memory.workspace = mem.workspace;
  e.memory.kv_cache = batch / l.dpa * kv_bytes_per_sequence(plan, context);
  e.memory.free =
      std::max(0.0, mem.capacity - e.memory.weights - e.memory.workspace - e.memory.kv_cache);
  const Prompt prompt = prompt_of(w);
  const double chunk = std::min(prompt.computed, static_cast<double>(plan.step_tokens));
  e.prefill = to_phase(prefill_step(plan, chunk, prompt));
  if (batch > 0) {
    const Cycle c = decode_cycle(plan, w, batch, context, false);
    e.decode = to_phase(c.stage);
  }
  e.limiter = limiter_of(busiest);
}

void fill_energy_and_band(InferenceEstimate& e, const InferencePlan& plan,
                          const StepTime& busiest) {
  const hw::Chip& chip = *plan.cluster.chip;
  const Efficiency& eff = plan.eff;
  e.band_low = e.output_tokens_per_s_per_chip * eff.band_low;
  e.band_high = e.output_tokens_per_s_per_chip * eff.band_high;
  if (!chip.tdp.known()) {
    // Host power alone would be a silently wrong figure: energy stays unknown (0).
    e.notes.push_back(
        fmt::format("{} has no published TDP: power and tokens per joule unknown", chip.id));
    return;
  }
  const double tdp = chip.tdp.value.value;
  const double total = busiest.total();
  const double busy = total > 0 ? (busiest.compute + busiest.memory) / total : 1.0;
  e.power_w_per_chip =
      tdp * (idle_power_share + (1 - idle_power_share) * busy) + plan.cluster.host_power_per_chip;
  if (e.power_w_per_chip > 0) {
    e.tokens_per_joule = e.output_tokens_per_s_per_chip / e.power_w_per_chip;
  }
}

void fill_per_chip(InferenceEstimate& e) {
  const double chips = std::max(1, e.chips);
  e.output_tokens_per_s_per_chip = e.output_tokens_per_s / chips;
  e.input_tokens_per_s_per_chip = e.input_tokens_per_s / chips;
}

}  // namespace suanli::perf::detail
