// From a suite case to an engine request: the cluster (a catalog system when the chip and
// scale-up domain match one), precision, workload (with documented dataset defaults where the
// suite leaves a length null) and the stated parallelism.
#pragma once

#include <string>
#include <vector>

#include "suanli/catalog/catalog.hpp"
#include "suanli/perf/infer_estimate.hpp"
#include "suanli/validate/suite.hpp"

namespace suanli::validate::detail {

// Mean request lengths of a benchmark dataset, used when a case leaves them null.
struct DatasetDefault {
  double input_tokens = 0;   // mean prompt tokens
  double output_tokens = 0;  // mean generated tokens per returned sequence
  int beams = 1;             // beam-search width the benchmark mandates
  std::string note;          // where the figures come from
};

// The MLPerf Inference dataset defaults for `c` (llama-2-70b OpenOrca, mixtral-8x7b
// OpenOrca+GSM8K+MBXP, gpt-j-6b CNN-DailyMail), or nullopt when the case is not an MLPerf run.
std::optional<DatasetDefault> mlperf_default(const Case& c);

struct Mapped {
  perf::InferenceRequest request;
  bool search_layout = false;  // no tp/dp stated: search the layout (honouring stated fields)
  std::vector<std::string> notes;
  bool assumed = false;  // a workload figure came from a default
  std::string skip;      // non-empty: the case cannot be predicted, and why
};

// Builds the request for an inference case; `chip` and `model` are already resolved.
Mapped map_case(const Case& c, const catalog::Catalog& cat, const hw::Chip& chip,
                const model::ModelArch& model, const std::vector<perf::EfficiencyEntry>& eff);

// The cluster of a case: the catalog system with the same chip and scale-up domain if any,
// else bare chips with the stated domain and NIC bandwidth.
core::Result<perf::Cluster> case_cluster(const Case& c, const catalog::Catalog& cat,
                                         const hw::Chip& chip);

}  // namespace suanli::validate::detail
