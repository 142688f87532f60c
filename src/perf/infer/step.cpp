#include "suanli/perf/infer/step.hpp"

#include <algorithm>
#include <cmath>

#include "suanli/perf/common/op_cost.hpp"

namespace suanli::perf {
namespace {

// Dense peak for `d`, or the best 16-bit figure when the chip publishes none for `d`.
double peak_or_fallback(const hw::Chip& chip, hw::Dtype d) {
  double p = peak_flops(chip, d);
  if (p <= 0) p = peak_flops(chip, hw::Dtype::bf16);
  if (p <= 0) p = peak_flops(chip, hw::Dtype::fp16);
  return p;
}

}  // namespace

StepTime& StepTime::operator+=(const StepTime& o) {
  compute += o.compute;
  memory += o.memory;
  comm += o.comm;
  overhead += o.overhead;
  flops += o.flops;
  bytes += o.bytes;
  comm_raw += o.comm_raw;
  return *this;
}

StepTime StepTime::scaled(double k) const {
  StepTime s = *this;
  s.compute *= k;
  s.memory *= k;
  s.comm *= k;
  s.overhead *= k;
  s.flops *= k;
  s.bytes *= k;
  s.comm_raw *= k;
  return s;
}

StepTime time_ops(const InferencePlan& plan, const StepOps& ops) {
  const hw::Chip& chip = *plan.cluster.chip;
  const Efficiency& eff = plan.eff;
  const double narrow =
      hw::bytes_per_element(plan.precision.compute) <= 1.0 ? eff.narrow_gemm : 1.0;
  const double stack = std::max(eff.model_compute, 1e-3);
  const double gemm_peak = peak_or_fallback(chip, plan.precision.compute) * narrow * stack;
  const double half_peak = peak_or_fallback(chip, hw::Dtype::bf16) * stack;
  const double attn_peak = peak_or_fallback(chip, plan.precision.attention);
  const double bw = chip.memory_bandwidth.known() ? chip.memory_bandwidth.value.value : 1e12;
  const double mem_rate = bw * std::max(eff.memory, 1e-3);

  StepTime t;
  for (std::size_t i = 0; i < ops.ops.size(); ++i) {
    const OpCost& op = ops.ops[i];
    if (op.flops <= 0 && op.bytes <= 0) continue;
    double rate = 0;
    switch (op.klass) {
      case OpClass::gemm: {
        // The router and LM head stay 16-bit when the body is quantized.
        const auto id = static_cast<OpId>(i);
        const double peak = (id == OpId::lm_head || id == OpId::router) ? half_peak : gemm_peak;
        rate = peak * std::max(eff.gemm_at(std::max(op.rows, 1.0)), 1e-4);
        break;
      }
      case OpClass::attention:
        rate = attn_peak * std::max(eff.attention, 1e-3);
        break;
      case OpClass::elementwise:
        rate = 0;
        break;
    }
    const double c = rate > 0 ? op.flops * op.padding / rate : 0.0;
    const double mtime = op.bytes / mem_rate;
    if (c > mtime) {
      t.compute += c;
    } else {
      t.memory += mtime;
    }
    t.flops += op.flops;
    t.bytes += op.bytes;
  }
  // Expert all-to-all (dispatch/combine) is hidden with its own overlap first, then the other
  // collectives with `overlap` against the busy time left.
  double ep_comm = 0, comm = 0;
  for (std::size_t i = 0; i < ops.comms.size(); ++i) {
    const CommCost& cc = ops.comms[i];
    if (cc.calls <= 0 || (cc.bytes <= 0 && cc.outside_bytes <= 0) || cc.group <= 1) continue;
    const units::Seconds one =
        cc.outside_bytes >= 0
            ? all_to_all_time(cc.bytes, cc.outside_bytes, cc.group, cc.stride, plan.cluster, eff)
            : collective_time(cc.kind, cc.bytes, cc.group, cc.stride, plan.cluster, eff);
    const auto id = static_cast<CommId>(i);
    const bool expert = id == CommId::moe_dispatch || id == CommId::moe_combine;
    (expert ? ep_comm : comm) += cc.calls * one.value;
  }
  t.comm_raw = comm + ep_comm;
  const double busy = t.compute + t.memory;
  const double ep_hidden = std::clamp(eff.ep_overlap, 0.0, 1.0) * std::min(ep_comm, busy);
  const double other_hidden =
      std::clamp(eff.overlap, 0.0, 1.0) * std::min(comm, std::max(0.0, busy - ep_hidden));
  t.comm = comm + ep_comm - ep_hidden - other_hidden;
  t.overhead = ops.layers * eff.layer_overhead_us * 1e-6 + eff.step_overhead_ms * 1e-3;
  return t;
}

StepTime step_time(const InferencePlan& plan, const StepLoad& load) {
  const double tokens = load.tokens();
  const double budget = std::max(1, plan.step_tokens);
  if (tokens <= budget) return time_ops(plan, step_ops(plan, load));
  // Over budget: the prompt tokens are spread over several sub-steps.
  const double n_sub = std::ceil(tokens / budget);
  StepLoad part = load;
  part.decode_seqs /= n_sub;
  part.prefill_tokens /= n_sub;
  part.prefill_seqs /= n_sub;
  return time_ops(plan, step_ops(plan, part)).scaled(n_sub);
}

}  // namespace suanli::perf
