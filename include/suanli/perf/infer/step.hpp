// Time of one engine step on one pipeline stage: every op as a roofline max(compute, memory) at
// the fitted efficiencies, collectives from the alpha-beta models with a documented overlap, and
// fixed per-layer and per-step overheads (docs/models/inference.md §step).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

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

// `load` split into the `n_sub` equal sub-steps a step-token budget forces (n_sub = 1 when it
// fits): one sub-step's load.
StepLoad sub_step_load(const InferencePlan& plan, const StepLoad& load, double& n_sub);

// One step of `load` on one stage. When the load exceeds the plan's step-token budget it runs as
// several sub-steps, each reading the weights again.
StepTime step_time(const InferencePlan& plan, const StepLoad& load);

// Time of one step from precomputed ops (exposed for tests and the op breakdown).
StepTime time_ops(const InferencePlan& plan, const StepOps& ops);

// What limits one line of the op breakdown.
enum class OpBound { compute, memory, network, overhead };
std::string_view to_string(OpBound b);

// One op, collective or fixed cost of a step on one chip, as `infer --explain` shows it.
struct OpLine {
  std::string name;                 // OpId / CommId name, or layer_overhead / step_overhead
  double flops = 0;                 // FLOPs on one chip over the stage's layers
  double bytes = 0;                 // device-memory bytes (collectives: bytes sent per chip)
  std::optional<hw::Dtype> dtype;   // precision the op computes in; none for data movement
  double time = 0;                  // s: roofline max for ops, before overlap for collectives
  OpBound bound = OpBound::memory;  // the term that sets `time`
  double compute_efficiency = 0;    // share of the dtype's dense peak the op's kernel reaches
  double memory_efficiency = 0;     // share of the memory bandwidth streaming reaches
};

// Every op of `ops` with its roofline terms, then the collectives and the fixed overheads.
std::vector<OpLine> explain_ops(const InferencePlan& plan, const StepOps& ops);

}  // namespace suanli::perf
