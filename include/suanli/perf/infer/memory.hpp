// Device memory of one chip in an inference deployment: weights, runtime workspace, and what is
// left for the KV cache, which bounds the number of concurrent sequences (docs/models/inference.md
// §memory). An impossible fit is a value with its reason, never an exception.
#pragma once

#include <string>

#include "suanli/perf/infer/plan.hpp"

namespace suanli::perf {

struct MemoryPlan {
  double capacity = 0;       // bytes of device memory per chip
  double usable = 0;         // bytes the engine may use (capacity x software memory fraction)
  double weights = 0;        // bytes of weights on the fullest chip (first or last stage)
  double workspace = 0;      // bytes of activations, logits and runtime buffers per chip
  double kv_available = 0;   // bytes left for the KV cache per chip (may be negative)
  double weights_total = 0;  // bytes of one full copy of the weights
  bool fits = false;         // weights, workspace and one sequence of the context fit
  std::string reason;        // why not, when !fits
};

// Bytes of one full copy of `m`'s weights in the formats of `p` (embeddings and LM head 16-bit).
double stored_weight_bytes(const model::ModelArch& m, const ResolvedPrecision& p);

// Memory of one chip of `plan` for sequences of up to `max_context` tokens.
MemoryPlan memory_plan(const InferencePlan& plan, double max_context);

// KV-cache bytes of one sequence of `context` tokens on one chip (its attention rank's stage).
double kv_bytes_per_sequence(const InferencePlan& plan, double context);

// Sequences one attention rank can hold at mean context `context` (0 when none fits).
double max_sequences_per_rank(const InferencePlan& plan, const MemoryPlan& mem, double context);

}  // namespace suanli::perf
