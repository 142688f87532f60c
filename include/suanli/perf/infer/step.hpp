// Time of one engine step on one pipeline stage: every op as a roofline max(compute, memory) at
// the fitted efficiencies, collectives from the alpha-beta models with a documented overlap, and
// fixed per-layer and per-step overheads (docs/models/inference.md §step).
#pragma once

#include "suanli/perf/infer/ops.hpp"

namespace suanli::perf {

struct StepTime {
  double compute = 0;   // s, ops bound by the matrix/vector engines
  double memory = 0;    // s, ops bound by device-memory bandwidth
  double comm = 0;      // s, communication not hidden behind compute
  double overhead = 0;  // s, kernel launches, synchronisation, scheduler and sampling
  double flops = 0;     // operations executed on one chip
  double bytes = 0;     // device-memory bytes moved on one chip
  double comm_raw = 0;  // s, communication before overlap
  double total() const { return compute + memory + comm + overhead; }
  StepTime& operator+=(const StepTime& o);
  StepTime scaled(double k) const;
};

// One step of `load` on one stage. When the load exceeds the plan's step-token budget it runs as
// several sub-steps, each reading the weights again.
StepTime step_time(const InferencePlan& plan, const StepLoad& load);

// Time of one step from precomputed ops (exposed for tests and the op breakdown).
StepTime time_ops(const InferencePlan& plan, const StepOps& ops);

}  // namespace suanli::perf
