// A finite burst of requests, all present at t = 0 (a benchmark run such as `vllm bench serve
// --request-rate inf`): the makespan of prefilling every prompt and decoding every answer with
// continuous batching up to the batch cap, including the drain at the end, when fewer and fewer
// sequences share the fixed cost of a step (docs/models/inference.md §finite bursts).
#pragma once

#include "suanli/perf/infer/config.hpp"
#include "suanli/perf/infer/plan.hpp"

namespace suanli::perf::detail {

struct BurstTime {
  double requests = 0;   // requests of one instance (the router spreads them evenly)
  double in_flight = 0;  // requests decoding at once (the batch cap, in requests)
  double prefill = 0;    // s: every prompt of the instance at the pure-prefill rate
  double decode = 0;     // s: every answer, full batch then the drain
  double drain = 0;      // s: of `decode`, after the queue is empty
  double mean_wait = 0;  // s: mean decode time that passes before a request is admitted
  double longest = 0;    // expected longest answer among the last in flight, tokens
  double makespan() const { return prefill + decode; }
};

// One instance's share of the burst `w.requests`; `cap` is the batch cap in sequences per
// instance and `context` the mean KV length during decode.
BurstTime burst_time(const InferencePlan& plan, const InferenceWorkload& w, double cap,
                     double context);

// Seconds of one pure decode cycle (no prompt share) with `seqs` sequences per instance: the unit
// the burst is built from.
double burst_cycle_time(const InferencePlan& plan, const InferenceWorkload& w, double seqs,
                        double context);

// H(n) = 1 + 1/2 + ... + 1/n, continued to real n >= 1: the expected largest of n independent
// exponential draws of mean 1.
double harmonic_number(double n);

}  // namespace suanli::perf::detail
