// Queueing approximations for serving under Poisson arrivals: the number of requests in the
// decode batch (M/G/infinity: Poisson), and the prefill queue as M/D/c (Erlang C with the
// Allen-Cunneen correction for deterministic service). Equations in docs/models/inference.md
// §queueing.
#pragma once

namespace suanli::perf {

// q-quantile of a Poisson count with mean `mean` (exact below 200, normal approximation above).
double poisson_quantile(double mean, double q);

// Erlang C: probability that an arrival waits in an M/M/c queue with offered load a = lambda/mu.
double erlang_c(int servers, double offered_load);

struct QueueWait {
  double mean = 0;      // s, mean wait before service starts
  double quantile = 0;  // s, the requested quantile of the wait
  bool stable = true;   // false when utilisation >= 1
};

// Wait in an M/D/c queue: arrival rate `lambda` (1/s), deterministic service `service` (s),
// `servers` parallel servers; `q` the quantile (0.99 for p99).
QueueWait md_c_wait(double lambda, double service, int servers, double q);

// z-score of the standard normal for quantile q (0.5 < q < 1), Acklam's approximation.
double normal_quantile(double q);

}  // namespace suanli::perf
