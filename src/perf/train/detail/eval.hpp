// The training evaluator shared by estimate_training, training_memory and the layout search:
// per-layer times of one micro-batch on one chip (cached by the search per TP/CP/EP/micro-batch),
// then memory and step time of a whole layout without allocating.
#pragma once

#include "detail/shape.hpp"
#include "suanli/perf/common/collective.hpp"
#include "suanli/perf/train/step.hpp"

namespace suanli::perf::detail {

// One transformer layer (or the LM head), one micro-batch, one chip. Times in s, sizes in bytes.
struct LayerTimes {
  double gemm_f = 0, attn_f = 0, elem_f = 0;  // forward compute
  double gemm_b = 0, attn_b = 0, elem_b = 0;  // backward compute
  double selective = 0;                       // extra compute of selective recompute
  double tp_f = 0, tp_b = 0;                  // raw TP collective time per pass
  double cp_f = 0, cp_b = 0;                  // raw CP KV exchange per pass
  double ep_f = 0, ep_b = 0;                  // raw EP all-to-all per pass
  double act[3] = {0, 0, 0};                  // stored activations: none, selective, full

  double fwd_compute() const { return gemm_f + attn_f + elem_f; }
  double bwd_compute() const { return gemm_b + attn_b + elem_b; }
};

// Everything that depends only on (tp, cp, ep, micro_batch).
struct LayerSet {
  LayerTimes dense;   // a layer with a dense MLP
  LayerTimes moe;     // a layer with routed experts
  LayerTimes head;    // LM head + loss (+ embedding) on the last stage
  double logits = 0;  // bytes of the loss's working set for one micro-batch (its peak)
};

// Parameters held by one chip of the pipeline rank with the most layers (elements).
struct StageParams {
  double layers = 0;            // transformer layers on the rank
  double moe_layers = 0;        // of which with routed experts
  double dense_local = 0;       // non-expert parameters on the chip (after TP)
  double expert_local = 0;      // routed-expert parameters on the chip (after TP and EP)
  double trainable_dense = 0;   // trainable non-expert parameters (LoRA: adapters only)
  double trainable_expert = 0;  // trainable expert parameters
  double largest_layer = 0;     // parameters of the largest layer on the chip (ZeRO-3 buffers)
  int shard_dense = 1;          // ZeRO shard group of non-expert parameters (dp x cp)
  int shard_expert = 1;         // ZeRO shard group of expert parameters (dp x cp / ep)
};

// Numbers of one evaluation (no strings, no allocation).
struct Outcome {
  TrainingMemory memory;
  TrainingBreakdown breakdown;
  double step_time = 0;       // s
  double hardware_flops = 0;  // FLOP per token executed, recompute included
  int micro_batches = 0;
};

struct EvalContext {
  const TrainingProblem* problem = nullptr;
  TrainShape shape;
  hw::Dtype compute = hw::Dtype::bf16;    // GEMM dtype after fallback
  hw::Dtype attention = hw::Dtype::bf16;  // attention-core dtype (16-bit)
  bool fell_back = false;                 // compute differs from the requested precision
  bool torus = false;                     // scale-up domain is a torus (TPU ICI)
};

EvalContext make_eval_context(const TrainingProblem& problem);

StageParams stage_params(const EvalContext& ctx, const TrainingLayout& layout);

// Collective time with the torus correction for groups inside the scale-up domain.
double group_time(const EvalContext& ctx, Collective kind, double bytes, int group, int stride);

LayerSet layer_set(const EvalContext& ctx, const TrainingLayout& layout);

// Memory of the busiest rank; `layers` from layer_set() for the same tp/cp/ep/micro-batch.
TrainingMemory memory_of(const EvalContext& ctx, const TrainingLayout& layout,
                         const LayerSet& layers);

// Step time, breakdown and memory. The layout must pass check_layout().
void evaluate(const EvalContext& ctx, const TrainingLayout& layout, const LayerSet& layers,
              Outcome& out);

// Smallest full-recompute layer count that fits (0 = none fits), for recompute == full.
int min_recompute_layers(const EvalContext& ctx, TrainingLayout layout, const LayerSet& layers);

}  // namespace suanli::perf::detail
