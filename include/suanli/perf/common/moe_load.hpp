// Load of the busiest expert-parallel rank: routed tokens spread multinomially over the ranks, so
// the slowest rank, which the others wait for, carries more than the mean (docs/models/ops.md).
#pragma once

#include <algorithm>
#include <cmath>

namespace suanli::perf {

// Token-expert assignments on the busiest of `ep` ranks when each carries `mean` on average: the
// mean plus the multinomial spread sqrt(2 mean ln ep) (the expected maximum of ep near-Poisson
// loads). Never below the mean; equal to it for one rank.
inline double busiest_rank_load(double mean, int ep) {
  if (ep <= 1 || mean <= 0) return std::max(mean, 0.0);
  return mean + std::sqrt(2.0 * mean * std::log(static_cast<double>(ep)));
}

}  // namespace suanli::perf
