#include "suanli/perf/infer/step.hpp"

#include <algorithm>
#include <cmath>

#include "suanli/perf/common/efficiency.hpp"
#include "suanli/perf/common/op_cost.hpp"
#include "suanli/perf/infer/kernel_count.hpp"

namespace suanli::perf {
namespace {

// One call of a collective of the step.
units::Seconds comm_call_time(const InferencePlan& plan, const CommCost& cc) {
  return cc.outside_bytes >= 0
             ? all_to_all_time(cc.bytes, cc.outside_bytes, cc.group, cc.stride, plan.cluster,
                               plan.eff)
             : collective_time(cc.kind, cc.bytes, cc.group, cc.stride, plan.cluster, plan.eff);
}

// Fixed cost of the stage's layers in one step: layer_overhead_us per dense GQA layer's worth
// of kernels (perf/infer/kernel_count.hpp).
double layer_overhead(const Efficiency& eff, const StepOps& ops) {
  return ops.kernels / dense_layer_kernels * eff.layer_overhead_us * 1e-6;
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

namespace {

// Rates the ops of a plan run at: peaks x efficiencies, per op class.
struct OpRates {
  double gemm_peak = 0;     // FLOP/s of the body's GEMMs at 100% tile use
  double half_peak = 0;     // FLOP/s of 16-bit GEMMs (router, LM head)
  double attn_peak = 0;     // FLOP/s of prompt attention kernels
  double attn_share = 0;    // their share of the attention dtype's peak
  double decode_peak = 0;   // FLOP/s of decode attention kernels
  double decode_share = 0;  // their share of the attention dtype's peak
  double mem_rate = 0;      // bytes/s of streaming kernels
  double gemm_share = 0;    // gemm x narrow_gemm x model_compute: share of the body's peak
  double half_share = 0;    // gemm x model_compute
};

OpRates op_rates(const InferencePlan& plan) {
  const hw::Chip& chip = *plan.cluster.chip;
  const Efficiency& eff = plan.eff;
  const double narrow =
      hw::bytes_per_element(plan.precision.compute) <= 1.0 ? eff.narrow_gemm : 1.0;
  const double stack = std::max(eff.model_compute, 1e-3);
  OpRates r;
  r.gemm_peak = peak_or_half_flops(chip, plan.precision.compute);
  r.half_peak = peak_or_half_flops(chip, hw::Dtype::bf16);
  // Attention is fitted on 16-bit kernels. Its fixed costs per tile (softmax, rescaling, the
  // pipeline's fill) keep their time when its matmuls run at 8 bits on units twice as fast, so
  // its share of that peak falls as a capped part's rises (docs/models/ops.md §8-bit attention).
  const double attn_peak = peak_or_half_flops(chip, plan.precision.attention);
  const auto share = [&](double fitted) {
    const double e = std::max(fitted, 1e-3);
    return attn_peak > r.half_peak ? at_unit_share(e, attn_peak / r.half_peak) : e;
  };
  r.attn_share = share(eff.attention);
  r.attn_peak = attn_peak * r.attn_share;
  r.decode_share = share(eff.decode_attention);
  r.decode_peak = attn_peak * r.decode_share;
  r.mem_rate = chip.memory_bandwidth.value.value * std::max(eff.memory, 1e-3);
  r.gemm_share = narrow * stack;
  r.half_share = stack;
  return r;
}

OpLine time_op(const InferencePlan& plan, const OpRates& r, OpId id, const OpCost& op) {
  const Efficiency& eff = plan.eff;
  OpLine line;
  line.name = to_string(id);
  line.flops = op.flops;
  line.bytes = op.bytes;
  double rate = 0;
  switch (op.klass) {
    case OpClass::gemm: {
      // The router and LM head stay 16-bit when the body is quantized; so do the attention
      // projections of a 4-bit checkpoint that leaves them unquantized.
      const bool half = id == OpId::lm_head || id == OpId::router ||
                        (id == OpId::attn_proj && plan.precision.projections.has_value());
      const double grouped = id == OpId::experts ? eff.grouped_gemm : 1.0;
      line.dtype = half ? hw::Dtype::bf16 : plan.precision.compute;
      line.compute_efficiency = (half ? r.half_share : r.gemm_share) * grouped *
                                std::max(eff.gemm_at(op.rows), 1e-4) / op.padding;
      rate = (half ? r.half_peak : r.gemm_peak) * line.compute_efficiency;
      break;
    }
    case OpClass::attention:
      line.dtype = plan.precision.attention;
      // Decode kernels (a few query rows per sequence) have their own fitted share.
      line.compute_efficiency = id == OpId::attn_decode ? r.decode_share : r.attn_share;
      rate = id == OpId::attn_decode ? r.decode_peak : r.attn_peak;
      break;
    case OpClass::elementwise:
      break;
  }
  // A grouped expert GEMM streams its weights slower than a plain copy (grouped_stream).
  const double stream = id == OpId::experts ? std::max(eff.grouped_stream, 1e-3) : 1.0;
  const double compute = rate > 0 ? op.flops / rate : 0.0;
  const double memory = op.bytes / (r.mem_rate * stream);
  line.bound = compute > memory ? OpBound::compute : OpBound::memory;
  line.time = std::max(compute, memory);
  line.memory_efficiency = std::max(eff.memory, 1e-3) * stream;
  return line;
}

}  // namespace

std::string_view to_string(OpBound b) {
  switch (b) {
    case OpBound::compute:
      return "compute";
    case OpBound::memory:
      return "memory";
    case OpBound::network:
      return "network";
    case OpBound::overhead:
      return "overhead";
  }
  return "compute";
}

std::vector<OpLine> explain_ops(const InferencePlan& plan, const StepOps& ops) {
  const OpRates rates = op_rates(plan);
  std::vector<OpLine> lines;
  for (std::size_t i = 0; i < ops.ops.size(); ++i) {
    const OpCost& op = ops.ops[i];
    if (op.flops <= 0 && op.bytes <= 0) continue;
    lines.push_back(time_op(plan, rates, static_cast<OpId>(i), op));
  }
  for (std::size_t i = 0; i < ops.comms.size(); ++i) {
    const CommCost& cc = ops.comms[i];
    if (cc.calls <= 0 || (cc.bytes <= 0 && cc.outside_bytes <= 0) || cc.group <= 1) continue;
    OpLine line;
    line.name = to_string(static_cast<CommId>(i));
    line.bytes = cc.calls * (cc.bytes + std::max(cc.outside_bytes, 0.0));
    line.bound = OpBound::network;
    line.time = cc.calls * comm_call_time(plan, cc).value;
    lines.push_back(std::move(line));
  }
  OpLine layers;
  layers.name = "layer_overhead";
  layers.bound = OpBound::overhead;
  layers.time = layer_overhead(plan.eff, ops);
  lines.push_back(layers);
  OpLine step;
  step.name = "step_overhead";
  step.bound = OpBound::overhead;
  step.time = plan.eff.step_overhead_ms * 1e-3;
  lines.push_back(step);
  return lines;
}

StepTime time_ops(const InferencePlan& plan, const StepOps& ops) {
  const OpRates rates = op_rates(plan);
  const Efficiency& eff = plan.eff;
  StepTime t;
  for (std::size_t i = 0; i < ops.ops.size(); ++i) {
    const OpCost& op = ops.ops[i];
    if (op.flops <= 0 && op.bytes <= 0) continue;
    const OpLine line = time_op(plan, rates, static_cast<OpId>(i), op);
    (line.bound == OpBound::compute ? t.compute : t.memory) += line.time;
    t.flops += op.flops;
    t.bytes += op.bytes;
  }
  // Expert all-to-all (dispatch/combine) is hidden with its own overlap first, then the other
  // collectives with `overlap` against the busy time left.
  double ep_comm = 0, comm = 0;
  for (std::size_t i = 0; i < ops.comms.size(); ++i) {
    const CommCost& cc = ops.comms[i];
    if (cc.calls <= 0 || (cc.bytes <= 0 && cc.outside_bytes <= 0) || cc.group <= 1) continue;
    const units::Seconds one = comm_call_time(plan, cc);
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
  t.overhead = layer_overhead(eff, ops) + eff.step_overhead_ms * 1e-3;
  return t;
}

StepLoad sub_step_load(const InferencePlan& plan, const StepLoad& load, double& n_sub) {
  // A stack whose budget bounds prefill batches only runs any decode batch in one step.
  const double counted =
      plan.software.step_budget_counts_decode ? load.busiest_tokens() : load.busiest_prefill();
  n_sub = std::max(1.0, std::ceil(counted / std::max(1, plan.step_tokens)));
  if (n_sub == 1) return load;
  // Over budget: the tokens are spread over several sub-steps.
  StepLoad part = load;
  part.decode_seqs /= n_sub;
  part.prefill_tokens /= n_sub;
  part.prefill_seqs /= n_sub;
  part.busiest_prefill_tokens /= n_sub;
  return part;
}

StepTime step_time(const InferencePlan& plan, const StepLoad& load) {
  double n_sub = 1;
  const StepLoad part = sub_step_load(plan, load, n_sub);
  const StepTime one = time_ops(plan, step_ops(plan, part));
  return n_sub > 1 ? one.scaled(n_sub) : one;
}

}  // namespace suanli::perf
