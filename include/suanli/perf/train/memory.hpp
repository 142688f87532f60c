// Device memory one chip needs for a training layout: weights, gradients and optimizer states
// (sharded by ZeRO), activations of the micro-batches in flight (by recompute mode, with
// FlashAttention), the larger working set at the peak (the loss's or one layer's backward) and a
// framework reserve. Equations in docs/models/training.md.
#pragma once

#include "suanli/perf/train/workload.hpp"

namespace suanli::perf {

struct TrainingMemory {
  double weights = 0;      // bytes: working weights (and FP8 weight cache, ZeRO-3 buffers)
  double gradients = 0;    // bytes: fp32 main gradients of trainable parameters
  double optimizer = 0;    // bytes: fp32 master weights + Adam first and second moments
  double activations = 0;  // bytes: activations stored for backward, all micro-batches in flight
  double logits = 0;       // bytes: the loss's working set (logits, loss and its gradients) at
                           // its peak, on a rank holding the LM head; 0 elsewhere
  double working = 0;      // bytes: transient at the memory peak: the larger of `logits` and one
                           // layer's backward working set (the loss runs before any layer's
                           // backward, so the two never coexist; under DualPipe their sum)
  double reserved = 0;     // bytes: CUDA/driver context, communication buffers, fragmentation
  double total = 0;        // bytes: weights + gradients + optimizer + activations + working +
                           // reserved, on the busiest pipeline rank
  double capacity = 0;     // bytes: device memory of the chip

  bool fits() const { return total <= capacity; }
  // What the framework's allocator holds at the peak (torch.cuda.max_memory_allocated): the
  // total without the reserve.
  double allocated() const { return total - reserved; }
};

// Memory of the busiest pipeline rank. The layout must pass check_layout().
TrainingMemory training_memory(const TrainingProblem& problem, const TrainingLayout& layout);

// The smallest number of fully recomputed layers per stage that makes `layout` (with
// recompute = full) fit; 0 when even every layer recomputed does not fit.
int min_full_recompute_layers(const TrainingProblem& problem, TrainingLayout layout);

}  // namespace suanli::perf
