// Training step time for a model on a cluster with a given layout: per-layer compute (GEMMs,
// attention, elementwise) on each chip, exposed TP/CP/EP/PP/DP communication, pipeline bubble,
// recompute and optimizer, and from them tokens/s and MFU. Equations in docs/models/training.md.
#pragma once

#include <string>
#include <vector>

#include "suanli/core/result.hpp"
#include "suanli/hw/dtype.hpp"
#include "suanli/perf/train/memory.hpp"
#include "suanli/perf/train/workload.hpp"

namespace suanli::perf {

// Where the time of one optimizer step goes (seconds per step on the critical pipeline rank).
struct TrainingBreakdown {
  double compute = 0;    // s: forward and backward GEMMs, attention and elementwise kernels
  double recompute = 0;  // s: forward work repeated by activation recomputation
  double tp = 0;         // s: exposed tensor-parallel all-gather / reduce-scatter
  double cp = 0;         // s: exposed context-parallel KV exchange
  double ep = 0;         // s: exposed expert-parallel all-to-all
  double pp = 0;         // s: exposed pipeline point-to-point transfers
  double dp = 0;         // s: exposed data-parallel gradient reduction and parameter gathers
  double bubble = 0;     // s: pipeline fill and drain
  double optimizer = 0;  // s: optimizer update (memory-bound) and weight casts
  double overhead = 0;   // s: kernel launches per layer and fixed per-step cost
};

// Relative uncertainty of an estimate: the true value is expected in [x*low, x*high].
struct TrainingBand {
  double low = 1;   // factor on the predicted throughput (< 1)
  double high = 1;  // factor on the predicted throughput (> 1)
};

// Which network tier carries each parallel group's traffic (true = inside one scale-up domain:
// NVLink/HCCS/UB/ICI; false = hierarchical over the scale-out NIC).
struct TrainingPlacement {
  bool tp = true;  // tensor-parallel group (stride 1)
  bool cp = true;  // context-parallel group (stride tp)
  bool ep = true;  // expert-parallel group (stride tp)
  bool dp = true;  // gradient-reduction group, dp x cp ranks (stride tp)
  bool pp = true;  // neighbouring pipeline stages (stride tp x cp x dp)
};

struct TrainingEstimate {
  TrainingLayout layout;
  hw::Dtype compute = hw::Dtype::bf16;  // GEMM precision actually used (after fallback)
  bool precision_fell_back = false;     // the chip lacks the requested precision
  int micro_batches = 0;                // per optimizer step per data-parallel rank
  double step_time = 0;                 // s per optimizer step
  double tokens_per_step = 0;           // tokens per optimizer step (global batch x sequence)
  double tokens_per_s = 0;              // tokens/s over the whole cluster
  double tokens_per_s_per_chip = 0;     // tokens/s per chip
  double model_flops_per_token = 0;     // FLOP per token (documented formula, no recompute)
  double hardware_flops_per_token = 0;  // FLOP per token actually executed (with recompute)
  double peak_flops = 0;                // FLOP/s per chip in the compute precision
  double mfu = 0;                       // model FLOP/s / peak FLOP/s
  double hfu = 0;                       // hardware FLOP/s / peak FLOP/s
  TrainingMemory memory;                // per chip, busiest pipeline rank
  TrainingBreakdown breakdown;          // per step
  TrainingPlacement placement;          // scale-up or scale-out per parallel group
  TrainingBand band;                    // uncertainty of tokens/s (step time: inverse)
  std::vector<std::string> notes;       // assumptions and fallbacks
};

// Model FLOPs per token used for MFU: 6 x active matmul parameters + 12 x (attention width) x
// sequence per layer (PaLM, non-causal); LoRA: 4 x parameters (no weight gradients).
double training_model_flops_per_token(const model::ModelArch& model, int seq_len, bool lora);

// Estimates one layout. Errors: usage/invalid_input for a bad problem or layout (with the
// reason), infeasible when it does not fit in memory (unless `ignore_memory`).
core::Result<TrainingEstimate> estimate_training(const TrainingProblem& problem,
                                                 const TrainingLayout& layout,
                                                 bool ignore_memory = false);

}  // namespace suanli::perf
