// Growing a system that cannot serve a model in one unit (DeepSeek-R1 on one 8 x 80 GB node):
// the inference search runs at 1 unit and, when that finds nothing feasible, at 2, 4, ... up to
// max_units units joined by the system's scale-out network, keeping the best output tokens/s
// per chip. A unit that serves but whose weights fill more than half of each chip's memory is
// also tried doubled (the KV cache, and so the batch, gets the room a deployment would give it).
// Used by `compare`; `plan` sizes replicas across units the same way (sizes of whole powers of two
// from the smallest that holds the weights).
#pragma once

#include "suanli/hw/chip.hpp"
#include "suanli/hw/system.hpp"
#include "suanli/perf/infer/search.hpp"

namespace suanli::search {

inline constexpr int max_growth_units = 8;

struct Grown {
  perf::InferenceEstimate best;  // feasible best, or the one-unit estimate with its reason
  perf::Cluster cluster;         // the cluster of `best`
  int units = 1;                 // system units of `cluster`
};

// `request` carries everything but the cluster, which is built from `system` here. Prefill /
// decode disaggregation is searched on clusters of 16+ chips when `disaggregation` is set.
Grown grow_and_search(perf::InferenceRequest request, const hw::System& system,
                      const hw::Chip& chip, int threads, bool disaggregation,
                      int max_units = max_growth_units);

}  // namespace suanli::search
