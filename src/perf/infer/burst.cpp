#include "detail/burst.hpp"

#include <algorithm>
#include <cmath>

#include "detail/cycle.hpp"

namespace suanli::perf::detail {
namespace {

// Prefill of `requests` prompts of one instance in steps of the engine's token budget per
// attention rank (fewer when the prompts of the burst do not fill a step).
double prefill_seconds(const InferencePlan& plan, const InferenceWorkload& w, double requests) {
  const Layout& l = plan.layout;
  const Prompt prompt = prompt_of(w);
  const double total = requests * prompt.computed;
  const double per_rank =
      std::max(1.0, std::min<double>(std::max(1, plan.step_tokens), total / std::max(1, l.dpa)));
  const double t = prefill_step(plan, per_rank, prompt).total();
  const double rate = per_rank * l.dpa / std::max(t, 1e-12);
  return total / rate;
}

}  // namespace

double burst_cycle_time(const InferencePlan& plan, const InferenceWorkload& w, double seqs,
                        double context) {
  return decode_cycle(plan, w, std::max(1.0, seqs), context, false).time;
}

double harmonic_number(double n) {
  if (n <= 1) return 1.0;
  if (n < 64) {
    // Sum to floor(n), then interpolate the fractional part linearly.
    const double whole = std::floor(n);
    double h = 0;
    for (int i = 1; i <= static_cast<int>(whole); ++i) h += 1.0 / i;
    return h + (n - whole) / (whole + 1);
  }
  constexpr double euler_gamma = 0.5772156649015329;
  return std::log(n) + euler_gamma + 1 / (2 * n) - 1 / (12 * n * n);
}

BurstTime burst_time(const InferencePlan& plan, const InferenceWorkload& w, double cap,
                     double context) {
  const Layout& l = plan.layout;
  const double beams = std::max(1, w.beams);
  BurstTime b;
  b.requests = std::max(1.0, static_cast<double>(w.requests) / std::max(1, l.instances));
  b.in_flight = std::clamp(std::floor(cap / beams), 1.0, b.requests);
  b.prefill = prefill_seconds(plan, w, b.requests);
  const double cycles = w.output_tokens / tokens_per_step(w.spec);  // cycles per request
  const double m = b.in_flight;
  const double full_cycle = burst_cycle_time(plan, w, m * beams, context);
  if (w.spread.fixed()) {
    // Equal lengths: the admitted requests finish together, so the burst runs in waves.
    const double waves = std::floor(b.requests / m);
    const double rest = b.requests - waves * m;
    const double wave = cycles * full_cycle;
    b.decode = waves * wave;
    b.drain = wave;
    if (rest > 1e-9) {
      b.drain = cycles * burst_cycle_time(plan, w, rest * beams, context);
      b.decode += b.drain;
    }
    // Wave i's requests wait i waves.
    const double full_waves_wait = m * wave * waves * (waves - 1) / 2;
    b.mean_wait = (full_waves_wait + rest * waves * wave) / b.requests;
    b.longest = w.output_tokens;
    return b;
  }
  // Exponential lengths: completions are memoryless, so while requests queue the batch stays at
  // m; once the queue is empty the m in flight have exponential remaining lengths of the same
  // mean, and on average m·exp(-k/cycles) are left after k cycles until the last one ends at
  // cycles·H(m). The drain integrates the cycle time over that shrinking batch (in u = ln batch).
  const double queued = b.requests - m;
  const double per_request = cycles * full_cycle / m;
  const double steady = queued * per_request;
  double drain = 0;
  const double top = std::log(m);
  if (top > 0) {
    constexpr int intervals = 16;  // Simpson's rule over u in [0, ln m]
    const double h = top / intervals;
    double sum = 0;
    for (int i = 0; i <= intervals; ++i) {
      const double weight = (i == 0 || i == intervals) ? 1 : (i % 2 == 1 ? 4 : 2);
      sum += weight * burst_cycle_time(plan, w, std::exp(i * h) * beams, context);
    }
    drain = cycles * sum * h / 3;
  }
  // The last request alone, from ln m to H(m) in units of its mean length.
  drain += cycles * (harmonic_number(m) - top) * burst_cycle_time(plan, w, beams, context);
  b.drain = drain;
  b.decode = steady + drain;
  b.mean_wait = queued * (queued + 1) / 2 * per_request / b.requests;
  b.longest = w.output_tokens * harmonic_number(m);
  return b;
}

}  // namespace suanli::perf::detail
