#include "detail/cycle.hpp"

#include "detail/busiest_rank.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>

namespace suanli::perf::detail {
namespace {

// The steps a mean load runs as when prompts enter whole. A scheduler admits a waiting prompt
// into one step (a chunk of it when the step's budget leaves less room), so the
// `mean.prefill_tokens` = P tokens a step carry on average come as u-token units: a step holds
// a = floor(P / u) · u tokens or b = min(a + u, room) (chunked prefill cuts the last unit at the
// budget), in the shares that keep the mean at P. Costs linear in tokens give the mean load's
// step; costs that are not (the experts a step touches, a memory-bound decode turned
// compute-bound by a whole prompt) do not. At or above the room every step is full, and the mean
// load is what runs (share 0, `fewer` the mean).
void split_into_whole_prompts(const Prompt& prompt, double unit, double room, Cycle& c) {
  const StepLoad& mean = c.load;
  const double p = mean.prefill_tokens;
  if (!(unit > 0) || !(p > 0) || p >= room) return;
  const double fewer = std::floor(p / unit) * unit;
  const double more = std::min(fewer + unit, room);
  if (!(more > fewer)) return;  // p within rounding of the room
  const auto with_tokens = [&](double tokens) {
    StepLoad load = mean;
    load.prefill_tokens = tokens;
    load.prefill_seqs = tokens / prompt.computed;
    return load;
  };
  c.fewer = with_tokens(fewer);
  c.more = with_tokens(more);
  c.more_share = std::clamp((p - fewer) / (more - fewer), 0.0, 1.0);
}

StepTime cycle_step(const InferencePlan& plan, const Cycle& c) {
  if (!(c.more_share > 0)) return step_time(plan, c.fewer);
  StepTime t = step_time(plan, c.fewer).scaled(1.0 - c.more_share);
  t += step_time(plan, c.more).scaled(c.more_share);
  return t;
}

// One line of a mix of two steps: its parts weighted by `share`; the bound and efficiencies of
// the step that carries more of its time.
OpLine mixed_line(const OpLine* fewer, const OpLine* more, double share) {
  const double wf = fewer != nullptr ? (1.0 - share) * fewer->time : 0.0;
  const double wm = more != nullptr ? share * more->time : 0.0;
  OpLine out = (more != nullptr && (fewer == nullptr || wm > wf)) ? *more : *fewer;
  out.flops = (fewer != nullptr ? (1.0 - share) * fewer->flops : 0.0) +
              (more != nullptr ? share * more->flops : 0.0);
  out.bytes = (fewer != nullptr ? (1.0 - share) * fewer->bytes : 0.0) +
              (more != nullptr ? share * more->bytes : 0.0);
  out.time = wf + wm;
  return out;
}

}  // namespace

Cycle decode_cycle(const InferencePlan& plan, const InferenceWorkload& w, double batch,
                   double context, bool with_prefill) {
  const Layout& l = plan.layout;
  const double tau = tokens_per_step(w.spec);
  Cycle c;
  c.rank_seqs = batch / l.dpa;
  const double micro = c.rank_seqs / l.pp;  // pipeline micro-batch on one attention rank
  StepLoad load;
  load.decode_seqs = micro;
  load.tokens_per_seq = verified_tokens(w.spec);
  load.decode_context = context;
  // Beam search: `beams` sequences per request share one prompt; the returned sequence counts.
  const double beams = std::max(1, w.beams);
  const Prompt prompt = prompt_of(w);
  double room = 0;  // prompt tokens a step takes beside its decode tokens
  double unit = 0;  // prompts enter whole: a prompt, or a chunk of the room when that is smaller
  if (with_prefill && w.output_tokens > 0) {
    load.prefill_tokens = micro * tau * prompt.computed / (w.output_tokens * beams);
    load.prefill_context = prompt.cached + prompt.computed / 2;
    load.prefill_seqs = micro * tau / (w.output_tokens * beams);
    room = prefill_room(plan, load.decode_tokens(), 1.0);
    unit = std::min(prompt.computed, room);
    if (l.dpa > 1) {  // attention DP: the step waits for the rank that drew the most units
      load.busiest_prefill_tokens =
          busiest_rank_prefill_tokens(load.prefill_tokens, unit, room, l.dpa);
    }
  }
  c.load = load;
  c.fewer = load;
  // With attention DP the busiest rank's draw stands for the lumps (busiest_rank.hpp).
  if (l.dpa == 1) split_into_whole_prompts(prompt, unit, room, c);
  c.stage = cycle_step(plan, c).scaled(draft_factor(*plan.model, w.spec));
  c.time = l.pp * c.stage.total();
  c.output_rate = c.time > 0 ? batch * tau / c.time / beams : 0;
  c.prefill_rate = c.time > 0 ? load.prefill_tokens * l.pp * l.dpa / c.time : 0;
  return c;
}

std::string no_sequence_fits(const InferenceWorkload& w, double context) {
  if (w.spread.fixed()) return "no sequence fits in the KV cache";
  return fmt::format(
      "no sequence fits in the KV cache at the mean context of {:.0f} tokens (answers spread with "
      "cv {})",
      context, w.spread.cv);
}

std::string busiest_rank_note(const InferencePlan& plan, const Cycle& c) {
  if (!(c.load.busiest_prefill_tokens > c.load.prefill_tokens)) return {};
  return fmt::format(
      "attention DP: a step waits for the busiest of {} attention ranks, {:.0f} prompt tokens "
      "against a mean of {:.0f} (prompts reach the ranks at random)",
      plan.layout.dpa, c.load.busiest_prefill_tokens, c.load.prefill_tokens);
}

StepLoad prefill_load(double tokens, const Prompt& prompt) {
  StepLoad load;
  load.prefill_tokens = tokens;
  load.prefill_context = prompt.cached + prompt.computed / 2;
  load.prefill_seqs = prompt.computed > 0 ? tokens / prompt.computed : 0;
  return load;
}

StepTime prefill_step(const InferencePlan& plan, double tokens, const Prompt& prompt) {
  return step_time(plan, prefill_load(tokens, prompt));
}

double kv_bytes_per_computed_token(const InferencePlan& plan, const Prompt& prompt) {
  return kv_bytes_per_sequence(plan, 1.0) * prompt.total() / prompt.computed;
}

std::vector<OpLine> explain_step(const InferencePlan& plan, const StepLoad& load) {
  if (!plan.explain) return {};
  // An over-budget load runs as sub-steps (step_time): show one of them.
  double n_sub = 1;
  return explain_ops(plan, step_ops(plan, sub_step_load(plan, load, n_sub)));
}

std::vector<OpLine> explain_cycle(const InferencePlan& plan, const Cycle& c) {
  if (!plan.explain) return {};
  std::vector<OpLine> fewer = explain_step(plan, c.fewer);
  if (!(c.more_share > 0)) return fewer;
  const std::vector<OpLine> more = explain_step(plan, c.more);
  const auto find = [](const std::vector<OpLine>& lines, const std::string& name) {
    const auto it = std::find_if(lines.begin(), lines.end(),
                                 [&](const OpLine& line) { return line.name == name; });
    return it == lines.end() ? nullptr : &*it;
  };
  // The heavier step's lines in its order (it has every op of the lighter one and the prompt's).
  std::vector<OpLine> out;
  out.reserve(more.size() + fewer.size());
  for (const OpLine& line : more) {
    out.push_back(mixed_line(find(fewer, line.name), &line, c.more_share));
  }
  for (const OpLine& line : fewer) {
    if (find(more, line.name) == nullptr) out.push_back(mixed_line(&line, nullptr, c.more_share));
  }
  return out;
}

double prefill_latency(const InferencePlan& plan, const Prompt& prompt) {
  const double budget = std::max(1, plan.step_tokens);
  const double chunks = std::max(1.0, std::ceil(prompt.computed / budget));
  const double chunk = prompt.computed / chunks;
  double t = 0;
  // Chunk j attends to the cached prefix, the j earlier chunks and half of itself.
  for (int j = 0; j < static_cast<int>(chunks) && j < 64; ++j) {
    StepLoad load;
    load.prefill_tokens = chunk;
    load.prefill_context = prompt.cached + chunk * (j + 0.5);
    load.prefill_seqs = j + 1 == static_cast<int>(chunks) ? 1 : 0;
    t += step_time(plan, load).total();
  }
  if (chunks > 64) t *= chunks / 64;
  return t * plan.layout.pp;
}

double prefill_room(const InferencePlan& plan, double rank_decode_tokens, double floor) {
  const double counted = plan.software.step_budget_counts_decode ? rank_decode_tokens : 0.0;
  return std::max(floor, plan.step_tokens - counted);
}

double batch_cap(const InferencePlan& plan, const MemoryPlan& mem, const InferenceWorkload& w,
                 double context, BatchLimit& limit) {
  const Layout& l = plan.layout;
  const double kv = max_sequences_per_rank(plan, mem, context) * l.dpa;
  const double sw = static_cast<double>(plan.software.max_batch) * l.dpa;
  const double per_seq_tokens = 1.0 + std::max(0, w.spec.draft_tokens);
  const double budget = std::floor(plan.step_tokens / per_seq_tokens) * l.dpa;
  double cap = kv;
  limit = BatchLimit::kv_cache;
  if (sw < cap) {
    cap = sw;
    limit = BatchLimit::max_batch;
  }
  if (plan.software.step_budget_counts_decode && budget < cap) {
    cap = budget;
    limit = BatchLimit::step_tokens;
  }
  return std::max(0.0, cap);
}

PhaseTime to_phase(const StepTime& s) {
  return PhaseTime{s.compute, s.memory, s.comm, s.overhead};
}

Limiter limiter_of(const StepTime& s) {
  const std::array parts{s.compute, s.memory, s.comm, s.overhead};
  constexpr std::array names{Limiter::compute, Limiter::memory_bandwidth, Limiter::communication,
                             Limiter::overhead};
  std::size_t best = 0;
  for (std::size_t i = 1; i < parts.size(); ++i) {
    if (parts[i] > parts[best]) best = i;
  }
  return names[best];
}

}  // namespace suanli::perf::detail
