// Validity of a training layout for a problem: chip counts, divisibility of heads, layers, batch,
// sequence and experts, and supported combinations. The same rules give the CLI its error
// messages and the layout search its per-reason rejection counts.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "suanli/core/result.hpp"
#include "suanli/perf/train/workload.hpp"

namespace suanli::perf {

// Why a layout cannot run. Keys (to_string) are part of the JSON contract.
enum class RejectReason {
  range,               // a degree or size outside what suanli models
  chips,               // tp * pp * dp * cp differs from the cluster's chips
  heads,               // attention heads (or KV heads / FFN width) not divisible by tp
  layers,              // layers not divisible by pp * vpp (or a stage would be empty)
  batch,               // global batch not divisible by dp * micro_batch
  sequence,            // sequence not divisible by 2 * cp (load-balanced causal chunks)
  experts,             // experts not divisible by ep, ep not dividing dp * cp, or ep on dense
  zero_with_pipeline,  // ZeRO-2/3 combined with pipeline parallelism
  recompute,           // recompute_layers out of range or without full recompute
  memory,              // does not fit in device memory
};

// In the order check_layout() tests them.
inline constexpr std::array all_reject_reasons{
    RejectReason::range,     RejectReason::chips,
    RejectReason::heads,     RejectReason::layers,
    RejectReason::batch,     RejectReason::sequence,
    RejectReason::experts,   RejectReason::zero_with_pipeline,
    RejectReason::recompute, RejectReason::memory};

std::string_view to_string(RejectReason r);

struct LayoutIssue {
  RejectReason reason = RejectReason::range;
  std::string message;  // what is wrong, with the numbers involved
};

// Checks everything about a layout except memory. Returns the first issue found, in the
// order of all_reject_reasons.
std::optional<LayoutIssue> check_layout(const TrainingProblem& problem,
                                        const TrainingLayout& layout);

// Checks the problem itself (model present, workload sizes in range, chip usable).
core::Status check_problem(const TrainingProblem& problem);

// Why DualPipe cannot run with `vpp` virtual stages per rank (it holds its own two), or "" when
// it can (vpp == 1).
std::string dualpipe_vpp_problem(int vpp);

// Layers held by the pipeline rank with the most layers (ceil(n_layers / pp)).
int max_layers_per_stage(int n_layers, int pp);

}  // namespace suanli::perf
