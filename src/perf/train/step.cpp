// Public training estimate: checks, memory, step time, tokens/s, MFU, band and notes.
#include <fmt/format.h>

#include <algorithm>

#include "detail/eval.hpp"
#include "suanli/model/model_stats.hpp"
#include "suanli/perf/common/collective.hpp"
#include "suanli/perf/common/op_cost.hpp"
#include "suanli/perf/train/layout.hpp"
#include "suanli/perf/train/step.hpp"

namespace suanli::perf {
namespace {

double gb(double bytes) {
  return bytes / 1e9;
}

// The fitted residual band of the efficiency entry, widened for what the fit saw little of.
TrainingBand band_of(const detail::EvalContext& ctx, const TrainingLayout& layout) {
  double u = 0;
  if (ctx.shape.n_moe > 0) u += 0.10;  // routing balance and grouped GEMMs
  if (ctx.fell_back) u += 0.10;
  if (ctx.problem->workload.lora_rank > 0) u += 0.05;
  if (layout.cp > 1 || layout.ep > 1) u += 0.05;
  const Efficiency& eff = ctx.problem->eff;
  return TrainingBand{std::min(1.0, eff.band_low) / (1 + u),
                      std::max(1.0, eff.band_high) * (1 + u)};
}

// Forward FLOPs per token that recomputation repeats (same accounting as the model FLOPs).
double recompute_flops_per_token(const detail::EvalContext& ctx, const model::ModelArch& m,
                                 const TrainingLayout& layout) {
  const double attn = ctx.shape.attn_flops_per_ctx * ctx.shape.causal_ctx * m.n_layers;
  if (layout.recompute == Recompute::selective) return attn;
  if (layout.recompute != Recompute::full) return 0;
  const double n = max_layers_per_stage(m.n_layers, layout.pp);
  const double frac = layout.recompute_layers > 0 ? layout.recompute_layers / n : 1.0;
  return frac * (model::forward_gemm_flops_per_token(m) + attn);
}

}  // namespace

double training_model_flops_per_token(const model::ModelArch& m, int seq_len, bool lora) {
  const detail::TrainShape s = detail::make_train_shape(m, seq_len, 0, false);
  const double layers = m.n_layers + s.n_mtp;
  const double attn_fwd = s.attn_flops_per_ctx * s.causal_ctx * layers;
  // MTP modules: their block, projection and another LM-head pass.
  const double mtp = s.n_mtp * 2 * (s.mtp_matmul + s.vocab * s.d);
  return (lora ? 2.0 : 3.0) * (model::forward_gemm_flops_per_token(m) + mtp) + 3 * attn_fwd;
}

core::Result<TrainingEstimate> estimate_training(const TrainingProblem& problem,
                                                 const TrainingLayout& layout, bool ignore_memory) {
  if (auto st = check_problem(problem); !st) return st.error();
  if (auto bad = check_layout(problem, layout)) {
    core::Error e = core::make_error(core::ErrorCode::invalid_input,
                                     fmt::format("layout not possible: {}", bad->message));
    e.problems.push_back(
        core::Problem{"", 0, std::string(to_string(bad->reason)), bad->message, ""});
    return e;
  }
  const detail::EvalContext ctx = detail::make_eval_context(problem);
  const detail::LayerSet layers = detail::layer_set(ctx, layout);
  TrainingEstimate est;
  est.layout = layout;
  est.memory = detail::memory_of(ctx, layout, layers);
  if (!est.memory.fits()) {
    const std::string msg = fmt::format(
        "needs {:.1f} GB per chip but {} has {:.1f} GB (weights {:.1f}, gradients {:.1f}, "
        "optimizer {:.1f}, activations {:.1f}, working set {:.1f}, reserved {:.1f})",
        gb(est.memory.total), problem.cluster.chip->id, gb(est.memory.capacity),
        gb(est.memory.weights), gb(est.memory.gradients), gb(est.memory.optimizer),
        gb(est.memory.activations), gb(est.memory.working), gb(est.memory.reserved));
    if (!ignore_memory) {
      core::Error e = core::make_error(core::ErrorCode::infeasible, "layout does not fit: " + msg);
      e.hints.emplace_back(
          "raise tp, pp or the ZeRO stage, use recompute, or a smaller micro-batch");
      return e;
    }
    est.notes.push_back("does not fit as modelled (" + msg + "); estimated anyway");
  }
  detail::Outcome out;
  detail::evaluate(ctx, layout, layers, out);

  const model::ModelArch& m = *problem.model;
  const TrainingWorkload& w = problem.workload;
  const bool lora = w.lora_rank > 0;
  est.compute = ctx.compute;
  est.precision_fell_back = ctx.fell_back;
  est.micro_batches = out.micro_batches;
  est.step_time = out.step_time;
  est.breakdown = out.breakdown;
  est.tokens_per_step = static_cast<double>(w.global_batch) * w.seq_len;
  est.tokens_per_s = est.tokens_per_step / est.step_time;
  est.tokens_per_s_per_chip = est.tokens_per_s / problem.cluster.n_chips;
  est.model_flops_per_token = training_model_flops_per_token(m, w.seq_len, lora);
  est.hardware_flops_per_token =
      est.model_flops_per_token + recompute_flops_per_token(ctx, m, layout);
  est.peak_flops = peak_flops(*problem.cluster.chip, ctx.compute);
  est.mfu = est.model_flops_per_token * est.tokens_per_s_per_chip / est.peak_flops;
  est.hfu = est.hardware_flops_per_token * est.tokens_per_s_per_chip / est.peak_flops;
  est.band = band_of(ctx, layout);
  const Cluster& c = problem.cluster;
  const auto inside = [&](int group, int stride) {
    return group <= 1 || within_scaleup(group, stride, c);
  };
  est.placement.tp = inside(layout.tp, 1);
  est.placement.cp = inside(layout.cp, layout.tp);
  est.placement.ep = inside(layout.ep, layout.tp);
  est.placement.dp = inside(layout.dp * layout.cp, layout.tp);
  est.placement.pp = layout.pp == 1 || within_scaleup(2, layout.tp * layout.cp * layout.dp, c);

  if (ctx.fell_back) {
    est.notes.push_back(fmt::format("{} does not support {}: GEMMs run in {}",
                                    problem.cluster.chip->id, hw::to_string(w.compute),
                                    hw::to_string(ctx.compute)));
  }
  if (m.n_layers % (layout.pp * layout.vpp) != 0) {
    est.notes.push_back(fmt::format("{} layers split unevenly over pp*vpp = {} stages", m.n_layers,
                                    layout.pp * layout.vpp));
  }
  if (lora) {
    est.notes.push_back(
        fmt::format("LoRA rank {}: base weights frozen (no weight gradients or "
                    "optimizer states), adapters on attention and dense MLP",
                    w.lora_rank));
  }
  return est;
}

}  // namespace suanli::perf
