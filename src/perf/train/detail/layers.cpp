// Per-layer times and activation sizes of one micro-batch on one chip (docs/models/training.md,
// "Per-layer costs"). GEMMs and rooflines come from the shared op-cost model.
#include <algorithm>
#include <cmath>

#include "detail/eval.hpp"
#include "suanli/perf/common/moe_load.hpp"
#include "suanli/perf/common/op_cost.hpp"

namespace suanli::perf::detail {
namespace {

constexpr double act_elem_bytes = 2;   // activations are stored in 16-bit
constexpr double bwd_attention = 2.5;  // FlashAttention backward: 5 matmuls vs 2 forward
constexpr double fp8_cast_bytes = 3;   // read 16-bit, write 8-bit per element cast

bool is_torus(hw::Topology t) {
  return t == hw::Topology::torus_2d || t == hw::Topology::torus_3d;
}

}  // namespace

EvalContext make_eval_context(const TrainingProblem& problem) {
  EvalContext ctx;
  ctx.problem = &problem;
  const TrainingWorkload& w = problem.workload;
  ctx.shape = make_train_shape(*problem.model, w.seq_len, w.lora_rank, problem.pytorch_native);
  const hw::Chip& chip = *problem.cluster.chip;
  ctx.compute = effective_compute_dtype(chip, w.compute, ctx.fell_back);
  bool unused = false;
  ctx.attention = effective_compute_dtype(chip, hw::Dtype::bf16, unused);
  ctx.torus = is_torus(problem.cluster.scaleup_topology);
  return ctx;
}

double group_time(const EvalContext& ctx, Collective kind, double bytes, int group, int stride) {
  const Cluster& c = ctx.problem->cluster;
  double t = collective_time(kind, bytes, group, stride, c, ctx.problem->eff).value;
  if (ctx.torus && t > 0 && within_scaleup(group, stride, c)) {
    // A ring along k of the torus' dimensions uses k/dims of each chip's links.
    const double dims = c.scaleup_topology == hw::Topology::torus_3d ? 3 : 2;
    const double side = std::max(2.0, std::pow(static_cast<double>(c.scaleup_domain), 1 / dims));
    const double lo = std::floor(std::log(static_cast<double>(stride)) / std::log(side) + 1e-9);
    const double hi =
        std::ceil(std::log(static_cast<double>(stride) * group) / std::log(side) - 1e-9);
    const double spanned = std::clamp(hi - lo, 1.0, dims);
    t *= dims / spanned;
  }
  return t;
}

LayerSet layer_set(const EvalContext& ctx, const TrainingLayout& layout) {
  const TrainingProblem& p = *ctx.problem;
  const TrainShape& s = ctx.shape;
  const hw::Chip& chip = *p.cluster.chip;
  const Efficiency& eff = p.eff;
  const TrainingWorkload& w = p.workload;
  const double tp = layout.tp;
  const double rows = static_cast<double>(layout.micro_batch) * w.seq_len / layout.cp;
  const bool fp8 = hw::bit_length(ctx.compute) <= 8;
  const bool lora = w.lora_rank > 0;
  const double act_bytes = fp8 ? 1.0 : 2.0;
  const hw::Dtype weight_dtype = fp8 ? ctx.compute : w.weights;
  const double mem_bw = chip.memory_bandwidth.value.value * eff.memory;
  const double d = s.d;

  // The framework realises `model_compute` of the GEMM rate inside a step; 8- and 4-bit GEMMs a
  // smaller share of their (wider) peak: narrow_gemm.
  Efficiency gemm_eff = eff;
  gemm_eff.gemm *= eff.model_compute;
  if (fp8) gemm_eff.gemm *= eff.narrow_gemm;
  const auto gemm = [&](double r, double cols, double inner) {
    if (r <= 0 || cols <= 0) return 0.0;
    return gemm_time(chip, gemm_eff, ctx.compute, r, cols, inner, weight_dtype, act_bytes)
        .time()
        .value;
  };
  Efficiency grouped_eff = gemm_eff;
  grouped_eff.gemm *= eff.grouped_gemm;
  const auto grouped_gemm = [&](double r, double cols, double inner) {
    if (r <= 0 || cols <= 0) return 0.0;
    return gemm_time(chip, grouped_eff, ctx.compute, r, cols, inner, weight_dtype, act_bytes)
        .time()
        .value;
  };
  const auto stream = [&](double bytes) { return mem_bw > 0 ? bytes / mem_bw : 0.0; };

  // Attention core, TP/CP communication and activations common to both layer kinds.
  LayerTimes base;
  {
    const double flops = s.attn_flops_per_ctx / tp * rows * s.causal_ctx;
    double bytes = rows * s.qkvo_elems / tp * act_elem_bytes;
    if (!w.flash_attention) bytes += 8.0 * rows * s.heads / tp * w.seq_len;  // scores, 4 passes
    base.attn_f = roofline_time(chip, eff, ctx.attention, flops, bytes, eff.attention).time().value;
    base.attn_b = bwd_attention * base.attn_f;
    if (layout.tp > 1) {
      // Forward: all-gather before and reduce-scatter after each of the two blocks. Backward
      // also re-gathers each block's input for the weight gradient (only the shard is kept).
      base.tp_f = 4 * group_time(ctx, Collective::all_gather, rows * d * 2, layout.tp, 1);
      base.tp_b = 1.5 * base.tp_f;
    }
    if (layout.cp > 1) {
      const double kv = static_cast<double>(layout.micro_batch) * w.seq_len * s.kv_elems / tp * 2;
      base.cp_f = group_time(ctx, Collective::all_gather, kv, layout.cp, layout.tp);
      base.cp_b = 2 * base.cp_f;
    }
  }
  const double attn_gemm = gemm(rows, s.attn_cols / tp, d);
  const double up_gemm = gemm(rows, s.up_cols / tp, d);
  double adapters = 0;
  if (lora) {
    const double flops = 2 * rows * w.lora_rank * s.lora_io / tp;
    const double bytes = rows * s.lora_io / tp * act_elem_bytes;
    adapters =
        roofline_time(chip, eff, ctx.attention, flops, bytes, eff.gemm_at(rows)).time().value;
  }
  const double scores = w.flash_attention ? 0.0 : 5.0 * s.heads * w.seq_len / act_elem_bytes;

  const auto finish = [&](LayerTimes& lt, double mlp_gemm, double elems, double casts,
                          const double* act_mlp) {
    const double frozen = attn_gemm + mlp_gemm;
    lt.gemm_f = frozen + adapters;
    lt.gemm_b = (lora ? 1.0 : 2.0) * frozen + 2 * adapters;
    lt.elem_f =
        stream(rows * elems / tp * act_elem_bytes + (fp8 ? rows * casts / tp * fp8_cast_bytes : 0));
    lt.elem_b = 2 * lt.elem_f;
    lt.selective = lt.attn_f + lt.elem_f + up_gemm;
    const double per_token = act_elem_bytes * rows / tp;
    lt.act[0] = (s.act_attn[0] + act_mlp[0] + scores) * per_token;
    lt.act[1] = (s.act_attn[1] + act_mlp[1]) * per_token;
    lt.act[2] = d * per_token;
  };

  LayerSet out;
  out.dense = base;
  finish(out.dense, gemm(rows, s.mlp_cols / tp, d), s.elem_dense, s.cast_dense, s.act_dense_mlp);

  if (s.n_moe > 0) {
    out.moe = base;
    // The rank with the most routed tokens sets the pace; its experts run as one grouped GEMM.
    const double local_experts = s.n_experts / layout.ep;
    const double mean_rows = rows * s.n_active * layout.ep / s.n_experts * local_experts;
    const double rows_expert = busiest_rank_load(mean_rows, layout.ep) / local_experts;
    const double mlp = local_experts * grouped_gemm(rows_expert, s.expert_cols / tp, d) +
                       gemm(rows, s.shared_cols / tp, d) + gemm(rows / tp, s.n_experts, d);
    finish(out.moe, mlp, s.elem_moe, s.cast_moe, s.act_moe_mlp);
    if (layout.ep > 1) {
      const double tokens = rows * s.n_active * d / tp;
      const double dispatch = fp8 ? 1.0 : 2.0;  // FP8 dispatch, 16-bit combine
      out.moe.ep_f =
          group_time(ctx, Collective::all_to_all, tokens * dispatch, layout.ep, layout.tp) +
          group_time(ctx, Collective::all_to_all, tokens * 2, layout.ep, layout.tp);
      out.moe.ep_b = out.moe.ep_f;
    }
  }

  // LM head, loss (fp32 logits) and embedding lookup on the last / first stage.
  LayerTimes& h = out.head;
  h.gemm_f = gemm(rows, s.vocab / tp, d);
  h.gemm_b = (lora ? 1.0 : 2.0) * h.gemm_f;
  h.elem_f = stream(rows * s.vocab / tp * 8 + rows * d / tp * 4);
  h.elem_b = h.elem_f;
  if (layout.tp > 1) {
    h.tp_f = group_time(ctx, Collective::all_gather, rows * d * 2, layout.tp, 1);
    h.tp_b = h.tp_f;
  }
  out.logits = rows * s.vocab / tp * s.loss_bytes_per_logit;
  return out;
}

}  // namespace suanli::perf::detail
