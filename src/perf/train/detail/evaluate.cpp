// Step time of a layout from its per-layer times (docs/models/training.md, "Step time").
#include <algorithm>
#include <cmath>

#include "detail/eval.hpp"
#include "suanli/perf/train/layout.hpp"

namespace suanli::perf::detail {
namespace {

constexpr double adam_bytes =
    30;  // per parameter: read grad, master, m, v; write master, m, v, weight
constexpr double cast_bytes =
    6;  // per weight: FP8 cast of weight and its transpose (read 2 + write 1, twice)

// Where the time of one micro-batch goes on one layer (or the head), seconds.
struct Parts {
  double compute = 0, recompute = 0, tp = 0, cp = 0, ep = 0, overhead = 0;
  double fwd = 0, bwd = 0;  // totals of the forward and backward passes (recompute in bwd)
  double fwd_compute = 0, bwd_compute = 0;  // compute only (overlap windows)

  void add(const Parts& o, double k) {
    compute += k * o.compute, recompute += k * o.recompute, tp += k * o.tp, cp += k * o.cp;
    ep += k * o.ep, overhead += k * o.overhead, fwd += k * o.fwd, bwd += k * o.bwd;
    fwd_compute += k * o.fwd_compute, bwd_compute += k * o.bwd_compute;
  }
};

}  // namespace

void evaluate(const EvalContext& ctx, const TrainingLayout& layout, const LayerSet& layers,
              Outcome& out) {
  const TrainingProblem& p = *ctx.problem;
  const TrainShape& s = ctx.shape;
  const Efficiency& eff = p.eff;
  const double ov = std::clamp(eff.overlap, 0.0, 1.0);
  // Exposed part of a communication of `t` seconds that may overlap `window` seconds of compute.
  const auto hide = [ov](double t, double window) { return t - std::min(ov * t, window); };
  // DualPipe runs a forward and a backward chunk of two micro-batches together, so that the
  // expert all-to-all and the pipeline sends of one hide behind the computation of the other:
  // exposed only where they outlast it.
  const bool dual = layout.schedule == PipelineSchedule::dualpipe;
  const auto hide_paired = [&](double t, double window) {
    return dual ? std::max(0.0, t - window) : hide(t, window);
  };
  const double launch = eff.layer_overhead_us * 1e-6;
  const StageParams sp = stage_params(ctx, layout);
  double frac = 0;  // share of the rank's layers fully recomputed
  if (layout.recompute == Recompute::full) {
    frac = layout.recompute_layers > 0 ? std::min(1.0, layout.recompute_layers / sp.layers) : 1.0;
  }

  const auto parts_of = [&](const LayerTimes& x, bool is_layer) {
    Parts r;
    const double tp_f = hide(x.tp_f, x.gemm_f), tp_b = hide(x.tp_b, x.gemm_b);
    const double cp_f = hide(x.cp_f, x.attn_f), cp_b = hide(x.cp_b, x.attn_b);
    const double ep_f = hide_paired(x.ep_f, x.fwd_compute());
    const double ep_b = hide_paired(x.ep_b, x.bwd_compute());
    const double fwd = x.fwd_compute() + tp_f + cp_f + ep_f + (is_layer ? launch : 0.0);
    double rec = 0;
    if (is_layer && layout.recompute == Recompute::selective) rec = x.selective;
    if (is_layer && layout.recompute == Recompute::full) rec = frac * fwd;
    r.fwd_compute = x.fwd_compute();
    r.bwd_compute = x.bwd_compute();
    r.compute = r.fwd_compute + r.bwd_compute;
    r.recompute = rec;
    r.tp = tp_f + tp_b, r.cp = cp_f + cp_b, r.ep = ep_f + ep_b;
    r.overhead = is_layer ? 2 * launch + launch : 0.0;  // one forward and two backward launches
    r.fwd = fwd;
    r.bwd = x.bwd_compute() + tp_b + cp_b + ep_b + rec + (is_layer ? 2 * launch : 0.0);
    return r;
  };
  const Parts dense = parts_of(layers.dense, true);
  const Parts moe = s.n_moe > 0 ? parts_of(layers.moe, true) : Parts{};
  Parts head = parts_of(layers.head, false);
  // Multi-token prediction: each MTP module runs one more block and one more LM-head pass after
  // the last layer (its small 2d -> d projection is left out).
  for (int k = 0; k < s.n_mtp; ++k) {
    const Parts head_once = parts_of(layers.head, false);
    head.add(s.n_moe > 0 ? moe : dense, 1);
    head.add(head_once, 1);
  }

  // Critical pipeline rank: an even split puts L/pp layers and the LM head on the last rank; an
  // uneven split is either the rank with ceil(L/pp) layers or the balanced share of all work.
  const int n_layers = s.n_layers;
  const int pp = layout.pp;
  Parts stage;
  if (pp == 1 || n_layers % pp == 0) {
    const double n = static_cast<double>(n_layers / pp);  // pp divides the layers here
    const double n_moe = std::min(n, static_cast<double>(s.n_moe));
    stage.add(dense, n - n_moe);
    stage.add(moe, n_moe);
    stage.add(head, 1);
  } else {
    Parts a, b;
    const double n = sp.layers;
    a.add(dense, n - sp.moe_layers);
    a.add(moe, sp.moe_layers);
    b.add(dense, static_cast<double>(s.n_dense) / pp);
    b.add(moe, static_cast<double>(s.n_moe) / pp);
    b.add(head, 1.0 / pp);
    stage = (a.fwd + a.bwd >= b.fwd + b.bwd) ? a : b;
  }

  const int m = layout.micro_batches(p.workload.global_batch);
  const double v = layout.vpp;
  double p2p_f = 0, p2p_b = 0;
  if (pp > 1) {
    const double rows = static_cast<double>(layout.micro_batch) * p.workload.seq_len / layout.cp;
    const double t = group_time(ctx, Collective::send_recv, rows * s.d * 2 / layout.tp, 2,
                                layout.tp * layout.cp * layout.dp);
    p2p_f = v * hide_paired(t, stage.fwd / v);
    p2p_b = v * hide_paired(t, stage.bwd / v);
  }
  const double per_mb = stage.fwd + stage.bwd + p2p_f + p2p_b;
  double bubble = pp > 1 ? (pp - 1) / v * per_mb : 0.0;
  if (dual && pp > 1) {
    // DeepSeek-V3 report, Table 2: (pp/2 - 1)(F&B + B - 3W), with F&B a forward and a backward
    // chunk run together (their computation; communication hidden), B a backward chunk and W its
    // weight-gradient half (the weight GEMMs are half of a backward pass's FLOPs).
    const double f_and_b = stage.fwd_compute + stage.bwd_compute + stage.recompute;
    const double w_grad = stage.bwd_compute / 2;
    bubble = std::max(0.0, (pp / 2.0 - 1.0) * (f_and_b + stage.bwd - 3.0 * w_grad));
  }
  // DualPipe holds two stages per rank: twice the parameters to reduce, gather and update.
  const double copies = dual ? 2.0 : 1.0;

  // Data parallelism: gradient reduction and parameter gathers, overlapped with one
  // micro-batch's backward (gradients) or forward (parameters).
  const int gd = sp.shard_dense, ge = sp.shard_expert;
  const int sd = layout.tp, se = layout.tp * layout.ep;
  const double w_bytes = hw::bytes_per_element(p.workload.weights);
  const auto both = [&](Collective k, double dense_elems, double expert_elems, double bytes) {
    return group_time(ctx, k, copies * dense_elems * bytes, gd, sd) +
           group_time(ctx, k, copies * expert_elems * bytes, ge, se);
  };
  // Gradient reduction also overlaps the pipeline drain, parameter gathers the fill.
  const double fc = stage.fwd_compute + bubble / 2, bc = stage.bwd_compute + bubble / 2;
  double dp_exposed = 0;
  if (gd > 1 || ge > 1) {
    const double rs = both(Collective::reduce_scatter, sp.trainable_dense, sp.trainable_expert, 4);
    const double ag =
        both(Collective::all_gather, sp.trainable_dense, sp.trainable_expert, w_bytes);
    switch (layout.zero) {
      case 0:
        dp_exposed =
            hide(both(Collective::all_reduce, sp.trainable_dense, sp.trainable_expert, 4), bc);
        break;
      case 1:
        dp_exposed = hide(rs, bc) + hide(ag, fc);
        break;
      case 2:
        dp_exposed = m * hide(rs, bc) + hide(ag, fc);
        break;
      default: {
        const double gather =
            both(Collective::all_gather, sp.dense_local, sp.expert_local, w_bytes);
        dp_exposed = m * (hide(gather, fc) + hide(gather + rs, bc));
        break;
      }
    }
  }

  // Optimizer: Adam over the local shard, memory-bound; FP8 casts of 16-bit weights once a step.
  const double bw = p.cluster.chip->memory_bandwidth.value.value * eff.memory;
  const double shard_d = layout.zero >= 1 ? gd : 1, shard_e = layout.zero >= 1 ? ge : 1;
  double opt_bytes = adam_bytes * (sp.trainable_dense / shard_d + sp.trainable_expert / shard_e);
  if (hw::bit_length(ctx.compute) <= 8 && w_bytes >= 2) {
    opt_bytes += cast_bytes * (sp.dense_local + sp.expert_local);
  }
  opt_bytes *= copies;
  const double optimizer = bw > 0 ? opt_bytes / bw : 0.0;
  const double step_overhead = eff.step_overhead_ms * 1e-3;

  TrainingBreakdown& b = out.breakdown;
  b.compute = m * stage.compute;
  b.recompute = m * stage.recompute;
  b.tp = m * stage.tp;
  b.cp = m * stage.cp;
  b.ep = m * stage.ep;
  b.pp = m * (p2p_f + p2p_b);
  b.dp = dp_exposed;
  b.bubble = bubble;
  b.optimizer = optimizer;
  b.overhead = m * stage.overhead + step_overhead;
  out.micro_batches = m;
  out.step_time = m * per_mb + bubble + dp_exposed + optimizer + step_overhead;
}

}  // namespace suanli::perf::detail
