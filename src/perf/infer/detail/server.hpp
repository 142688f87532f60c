// Serving under Poisson arrivals on one colocated instance: the operating point at a given
// arrival rate (batch from Little's law, p99 batch from the Poisson count, prefill queue as
// M/D/c) and the largest rate that meets the p99 TTFT / TPOT limits.
#pragma once

#include <string>

#include "detail/cycle.hpp"

namespace suanli::perf::detail {

struct ServerPoint {
  bool ok = false;                      // every limit met and the queues are stable
  BatchLimit limit = BatchLimit::none;  // the first limit violated, or the binding one at the top
  double lambda = 0;                    // requests/s arriving at one instance
  double batch = 0;                     // mean sequences decoding in one instance
  double batch_p99 = 0;                 // p99 of that count
  Cycle cycle;                          // at the mean batch
  double tpot = 0, tpot_p99 = 0;        // s
  double ttft = 0, ttft_p99 = 0;        // s
};

// Operating point at `lambda` requests/s per instance; `cap` is the largest batch that fits.
ServerPoint server_point(const InferencePlan& plan, const InferenceWorkload& w, double lambda,
                         double cap);

// Largest arrival rate per instance meeting the workload's limits (bisection, 40 steps).
ServerPoint max_server_load(const InferencePlan& plan, const InferenceWorkload& w, double cap);

}  // namespace suanli::perf::detail
