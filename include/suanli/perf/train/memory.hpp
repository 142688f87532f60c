// Device memory one chip needs for a training layout: weights, gradients and optimizer states
// (sharded by ZeRO), activations of the micro-batches in flight (by recompute mode, with
// FlashAttention), the loss logits and a framework reserve. Equations in docs/models/training.md.
#pragma once

#include "suanli/perf/train/workload.hpp"

namespace suanli::perf {

struct TrainingMemory {
  double weights = 0;      // bytes: working weights (and FP8 weight cache, ZeRO-3 buffers)
  double gradients = 0;    // bytes: fp32 main gradients of trainable parameters
  double optimizer = 0;    // bytes: fp32 master weights + Adam first and second moments
  double activations = 0;  // bytes: activations stored for backward, all micro-batches in flight
  double logits = 0;       // bytes: LM-head logits and loss gradients of one micro-batch
  double reserved = 0;     // bytes: CUDA/driver context, communication buffers, fragmentation
  double total = 0;        // bytes: sum of the above on the busiest pipeline rank
  double capacity = 0;     // bytes: device memory of the chip

  bool fits() const { return total <= capacity; }
};

// Memory of the busiest pipeline rank. The layout must pass check_layout().
TrainingMemory training_memory(const TrainingProblem& problem, const TrainingLayout& layout);

// The smallest number of fully recomputed layers per stage that makes `layout` (with
// recompute = full) fit; 0 when even every layer recomputed does not fit.
int min_full_recompute_layers(const TrainingProblem& problem, TrainingLayout layout);

}  // namespace suanli::perf
