#include "detail/busiest_rank.hpp"

#include <algorithm>
#include <cmath>

#include "suanli/perf/common/moe_load.hpp"

namespace suanli::perf::detail {

double expected_max_poisson(double mean, int ranks) {
  if (!(mean > 0)) return 0.0;
  if (ranks <= 1) return mean;
  // e^-mean underflows near 745: beyond 600 the normal tail bound.
  constexpr double exact_below = 600;
  if (mean >= exact_below) return busiest_rank_load(mean, ranks);
  const double n = ranks;
  double term = std::exp(-mean);  // P(N = k)
  double cdf = term;              // P(N <= k)
  double sum = 0;
  // The tail 1 - cdf^n falls below 1e-15 well before 20 standard deviations above the mean.
  const int last = static_cast<int>(std::ceil(mean + 20.0 * std::sqrt(mean))) + 60;
  for (int k = 0; k <= last; ++k) {
    const double tail = 1.0 - std::pow(cdf, n);
    if (tail < 1e-15) break;
    sum += tail;
    term *= mean / (k + 1);
    cdf += term;
  }
  return std::max(sum, mean);
}

double busiest_rank_prefill_tokens(double mean_tokens, double unit_tokens, double room_tokens,
                                   int ranks) {
  if (!(mean_tokens > 0) || !(unit_tokens > 0) || ranks <= 1) return std::max(mean_tokens, 0.0);
  const double busiest = expected_max_poisson(mean_tokens / unit_tokens, ranks) * unit_tokens;
  return std::max(mean_tokens, std::min(busiest, room_tokens));
}

}  // namespace suanli::perf::detail
