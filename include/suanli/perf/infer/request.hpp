// What the inference engine is asked: a model on a cluster at a precision, layout (given or
// partly given), workload, serving stack and efficiency. Every field is resolved by the caller
// (the front door, api/infer.hpp); the engine applies no product default.
#pragma once

#include <string>

#include "suanli/model/model_arch.hpp"
#include "suanli/perf/common/cluster.hpp"
#include "suanli/perf/common/efficiency.hpp"
#include "suanli/perf/infer/config.hpp"

namespace suanli::perf {

struct InferenceRequest {
  const model::ModelArch* model = nullptr;  // never null
  Cluster cluster;                          // every chip of the deployment
  InferencePrecision precision;
  InferenceParallelism parallelism;          // colocated layout, or the decode pool's
  InferenceParallelism prefill_parallelism;  // prefill pool's layout when disaggregated
  InferenceWorkload workload;
  Disaggregation disaggregation;   // off unless both pools have chips
  std::string software = "other";  // serving stack, e.g. "vllm"
  Efficiency efficiency;           // resolved for (chip family, software)
  bool explain = false;            // fill InferenceEstimate::breakdown
};

}  // namespace suanli::perf
