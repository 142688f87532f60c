// Memory per chip of a training layout (docs/models/training.md, "Memory").
#include <algorithm>
#include <cmath>

#include "detail/eval.hpp"
#include "suanli/perf/train/layout.hpp"
#include "suanli/perf/train/memory.hpp"

namespace suanli::perf {
namespace detail {
namespace {

constexpr double grad_bytes = 4;        // fp32 main gradients (Megatron accumulate/reduce in fp32)
constexpr double optimizer_bytes = 12;  // fp32 master weights + Adam m + Adam v
constexpr double reserve_fixed = 2e9;   // bytes: context, NCCL/HCCL buffers
constexpr double reserve_fraction = 0.03;  // allocator fragmentation

}  // namespace

StageParams stage_params(const EvalContext& ctx, const TrainingLayout& layout) {
  const TrainShape& s = ctx.shape;
  StageParams sp;
  const int n = max_layers_per_stage(s.n_layers, layout.pp);
  sp.layers = n;
  sp.moe_layers = std::min(n, s.n_moe);
  const double dense_layers = sp.layers - sp.moe_layers;
  // Embedding on the first rank; LM head and multi-token-prediction modules on the last. A tied
  // head is shared only when pp == 1. The busier of the two end ranks is reported.
  const double layer_dense = sp.layers * s.attn_params + dense_layers * s.dense_mlp_params +
                             sp.moe_layers * s.moe_other_params;
  const double layer_experts = sp.moe_layers * s.n_experts * s.expert_params;
  const double mtp_experts = s.n_mtp * (s.n_moe > 0 ? s.n_experts * s.expert_params : 0.0);
  // Beside the LM head, the last rank holds the final norm and the MTP modules.
  const double last_extra = s.n_mtp * s.mtp_params - mtp_experts + s.final_norm;
  const double tp = layout.tp;
  const double tp_ep = tp * layout.ep;
  double dense = 0, experts = 0;
  if (layout.pp == 1) {
    dense = layer_dense + s.embed_params + (s.tied ? 0.0 : s.head_params) + last_extra;
    experts = layer_experts + mtp_experts;
  } else {
    const double first = (layer_dense + s.embed_params) / tp + layer_experts / tp_ep;
    const double last =
        (layer_dense + s.head_params + last_extra) / tp + (layer_experts + mtp_experts) / tp_ep;
    dense = layer_dense + (first >= last ? s.embed_params : s.head_params + last_extra);
    experts = layer_experts + (first >= last ? 0.0 : mtp_experts);
  }
  sp.dense_local = dense / tp;
  sp.expert_local = experts / tp_ep;
  if (ctx.problem->workload.lora_rank > 0) {
    sp.trainable_dense = sp.layers * s.lora_params / layout.tp;
  } else {
    sp.trainable_dense = sp.dense_local;
    sp.trainable_expert = sp.expert_local;
  }
  const double dense_layer = s.attn_params + (s.n_dense > 0 ? s.dense_mlp_params : 0.0);
  const double moe_layer =
      s.n_moe > 0 ? s.attn_params + s.moe_other_params + s.n_experts * s.expert_params / layout.ep
                  : 0.0;
  sp.largest_layer = std::max(dense_layer, moe_layer) / layout.tp;
  sp.shard_dense = layout.dp * layout.cp;
  sp.shard_expert = std::max(1, layout.dp * layout.cp / layout.ep);
  return sp;
}

TrainingMemory memory_of(const EvalContext& ctx, const TrainingLayout& layout,
                         const LayerSet& layers) {
  const TrainingProblem& p = *ctx.problem;
  const TrainingWorkload& w = p.workload;
  const StageParams sp = stage_params(ctx, layout);
  TrainingMemory mem;
  mem.capacity = p.cluster.chip->device_memory_bytes();

  const bool lora = w.lora_rank > 0;
  const double w_bytes = hw::bytes_per_element(w.weights);
  double weights = sp.dense_local + sp.expert_local;
  if (layout.zero >= 3) {
    weights = sp.dense_local / sp.shard_dense + sp.expert_local / sp.shard_expert;
    weights += 2 * sp.largest_layer;  // current and prefetched layer, gathered
  }
  mem.weights = weights * w_bytes;
  const bool fp8_cache = hw::bit_length(ctx.compute) <= 8 && w_bytes >= 2;
  if (fp8_cache) mem.weights += weights;  // FP8 copy of 16-bit weights kept across micro-batches
  if (lora) mem.weights += sp.trainable_dense * 2;  // adapters in 16-bit

  const double grad_shard_d = layout.zero >= 2 ? sp.shard_dense : 1;
  const double grad_shard_e = layout.zero >= 2 ? sp.shard_expert : 1;
  const double opt_shard_d = layout.zero >= 1 ? sp.shard_dense : 1;
  const double opt_shard_e = layout.zero >= 1 ? sp.shard_expert : 1;
  mem.gradients =
      grad_bytes * (sp.trainable_dense / grad_shard_d + sp.trainable_expert / grad_shard_e);
  mem.optimizer =
      optimizer_bytes * (sp.trainable_dense / opt_shard_d + sp.trainable_expert / opt_shard_e);
  // DualPipe: each rank holds two stages (one per direction), twice the parameters and their
  // gradients and optimizer states (DeepSeek-V3 report, Table 2: "Parameter 2x").
  const bool dual = layout.schedule == PipelineSchedule::dualpipe;
  if (dual) mem.weights *= 2, mem.gradients *= 2, mem.optimizer *= 2;

  // Activations of one micro-batch on the rank, by recompute mode.
  const int mode = layout.recompute == Recompute::none ? 0 : 1;
  double frac = 0;  // share of layers fully recomputed
  if (layout.recompute == Recompute::full) {
    frac = layout.recompute_layers > 0 ? std::min(1.0, layout.recompute_layers / sp.layers) : 1.0;
  }
  const auto per_layer = [&](const LayerTimes& lt) {
    const double kept = layout.recompute == Recompute::full ? lt.act[0] : lt.act[mode];
    return (1 - frac) * kept + frac * lt.act[2];
  };
  const double dense_layers = sp.layers - sp.moe_layers;
  const double per_mb =
      dense_layers * per_layer(layers.dense) + sp.moe_layers * per_layer(layers.moe);
  // One layer's backward working set (its activation gradients beside what it stored).
  const double transient =
      std::max(layers.dense.act[0], sp.moe_layers > 0 ? layers.moe.act[0] : 0.0);
  // The last rank also runs the MTP blocks and their extra LM-head pass.
  const TrainShape& s = ctx.shape;
  const double mtp_act = s.n_mtp * per_layer(s.n_moe > 0 ? layers.moe : layers.dense);
  const double logits = layers.logits * (1 + s.n_mtp);

  const double pp = layout.pp;
  const double m = layout.micro_batches(w.global_batch);
  mem.reserved = reserve_fixed + reserve_fraction * mem.capacity;
  const double fixed = mem.weights + mem.gradients + mem.optimizer + mem.reserved;
  if (layout.pp == 1) {
    mem.activations = per_mb + mtp_act;
    mem.logits = logits;
  } else if (dual) {
    // DualPipe: pp + 1 micro-batches of activations on every rank (report, Table 2), and every
    // rank holds a last stage (of one direction) with its logits.
    mem.activations = per_mb * std::min(m, pp + 1) + mtp_act;
    mem.logits = logits;
  } else {
    // First rank: pp micro-batches in flight (interleaving adds (pp-1)/(pp*vpp)); last rank:
    // one in flight per non-final chunk share, plus the logits.
    const double v = layout.vpp;
    const double in_flight = std::min(m, pp);
    const double first = per_mb * std::min(m, in_flight * (v > 1 ? 1 + (pp - 1) / (pp * v) : 1.0));
    const double last = (per_mb + mtp_act) * (v > 1 ? in_flight * (v - 1) / v + 1 : 1.0);
    if (first + transient >= last + std::max(transient, logits)) {
      mem.activations = first;
    } else {
      mem.activations = last;
      mem.logits = logits;
    }
  }
  // The loss's backward ends before the last layer's backward starts: the peak holds the larger
  // of the two working sets, not both. DualPipe runs one direction's loss while the other
  // direction's layers run their backward, so it holds both.
  mem.working = dual ? transient + mem.logits : std::max(transient, mem.logits);
  mem.total = fixed + mem.activations + mem.working;
  return mem;
}

int min_recompute_layers(const EvalContext& ctx, TrainingLayout layout, const LayerSet& layers) {
  const int n = max_layers_per_stage(ctx.shape.n_layers, layout.pp);
  layout.recompute = Recompute::full;
  layout.recompute_layers = 0;
  const TrainingMemory all = memory_of(ctx, layout, layers);
  if (!all.fits()) return 0;
  layout.recompute = Recompute::none;
  const TrainingMemory none = memory_of(ctx, layout, layers);
  if (none.fits()) return 1;
  // Memory is linear in the number of recomputed layers.
  const double saving = (none.total - all.total) / n;
  int k = saving > 0 ? static_cast<int>(std::ceil((none.total - all.capacity) / saving)) : n;
  k = std::clamp(k, 1, n);
  layout.recompute = Recompute::full;
  for (; k < n; ++k) {
    layout.recompute_layers = k;
    if (memory_of(ctx, layout, layers).fits()) return k;
  }
  return n;
}

}  // namespace detail

TrainingMemory training_memory(const TrainingProblem& problem, const TrainingLayout& layout) {
  const detail::EvalContext ctx = detail::make_eval_context(problem);
  return detail::memory_of(ctx, layout, detail::layer_set(ctx, layout));
}

int min_full_recompute_layers(const TrainingProblem& problem, TrainingLayout layout) {
  const detail::EvalContext ctx = detail::make_eval_context(problem);
  return detail::min_recompute_layers(ctx, layout, detail::layer_set(ctx, layout));
}

}  // namespace suanli::perf
