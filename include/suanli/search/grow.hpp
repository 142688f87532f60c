// Growing a system past one unit for compare: the inference search runs on 1 unit, then 2, 4, ...
// up to max_units units (at most max_growth_chips chips) joined by the system's scale-out network.
// From the smallest that serves the model (DeepSeek-R1 does not fit one 8 x 80 GB node), a larger
// size is kept only when it serves more than min_growth_gain more output tokens/s per chip than
// the best smaller one: a larger deployment frees memory for the KV cache and spreads a MoE
// model's experts over more chips, and a split into prefill and decode pools needs 16 chips. Every
// size is tried: the gain need not grow steadily (DeepSeek-R1 on Atlas 800T A2 nodes gains nothing
// from 16 to 32 chips and 6x from 32 to 64). `plan` sizes replicas the same way (whole powers of
// two from the smallest that holds the weights, each scored).
#pragma once

#include "suanli/hw/chip.hpp"
#include "suanli/hw/system.hpp"
#include "suanli/perf/infer/search.hpp"

namespace suanli::search {

inline constexpr int max_growth_units = 8;
// Nor past 512 chips: public expert-parallel pools of DeepSeek-V3/R1 have 32-320 ranks (DeepSeek's
// 18-node EP144 decode unit, CloudMatrix 384's EP320 decode on 160 packages), so 512 chips hold
// a prefill and a decode pool of that size; the search time grows with the chips (an NVL72
// system tried at 576 chips took as long as the other eight default systems together).
inline constexpr int max_growth_chips = 512;
// A doubling that raises the output per chip by 5 % or less is not taken: that is within the
// estimate's band, and the smaller deployment has the smaller failure domain.
inline constexpr double min_growth_gain = 0.05;

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
