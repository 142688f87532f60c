// From a suite case to a front-door request: the cluster (a catalog system when the chip and
// scale-up domain match one), precision, workload (with documented dataset defaults where the
// suite leaves a length null) and the stated parallelism.
#pragma once

#include <string>
#include <vector>

#include "suanli/api/infer.hpp"
#include "suanli/api/train.hpp"
#include "suanli/catalog/catalog.hpp"
#include "suanli/validate/suite.hpp"

namespace suanli::validate::detail {

// What a benchmark dataset fixes about its requests: mean lengths, used when a case leaves them
// null, the beam width it mandates and how its answer lengths vary (applied to every case on it).
struct DatasetDefault {
  double input_tokens = 0;    // mean prompt tokens; 0 = not known
  double output_tokens = 0;   // mean generated tokens per returned sequence
  int beams = 1;              // beam-search width the benchmark mandates
  double output_cv = 0;       // coefficient of variation of the answer lengths; 0 = fixed/unknown
  std::string note;           // where the lengths come from
  std::string name;           // the dataset, e.g. "MLPerf deepseek-r1"
  std::string spread_source;  // where output_cv comes from
};

// The dataset of `c`'s benchmark or traffic: the MLPerf Inference datasets (llama-2-70b
// OpenOrca, mixtral-8x7b OpenOrca+GSM8K+MBXP, gpt-j-6b and llama-3.1-8b CNN-DailyMail,
// llama-3.1-405b, deepseek-r1 and gpt-oss-120b) and DeepSeek's Day-6 production prefill; nullopt
// for any other case.
std::optional<DatasetDefault> dataset_default(const Case& c);

// The stack a case runs on: its own, except an inference case on a training stack that is not
// a serving stack (megatron, nemo, maxtext, deepspeed, mindformers: perf::training_stacks()
// less perf::serving_stacks()), which has no serving profile and runs as "other" (an in-house or
// unlisted stack).
std::string case_stack(const Case& c);

struct Mapped {
  api::InferRequest request;  // the same request `suanli infer` builds from flags
  std::vector<std::string> notes;
  bool assumed = false;  // a workload figure came from a default
  std::string skip;      // non-empty: the case cannot be predicted, and why
};

// The front door's request for an inference case: the suite's fields as the flags a user
// would type (the hardware as bare chips with the stated domain and network, matched to a
// catalog system by api::resolve_hardware), with documented dataset defaults.
// A case that states no precision runs the format `cat`'s model stores its published checkpoint
// in (model::ModelArch::checkpoint_weights).
Mapped map_case(const Case& c, const catalog::Catalog& cat);

struct MappedTraining {
  api::TrainRequest request;  // the same request `suanli train` builds from flags
  std::vector<std::string> notes;
  bool assumed = false;  // a workload figure came from a default
  std::string skip;      // non-empty: the case cannot be predicted, and why
};

// The front door's request for a training case: the stated layout as constraints (the rest
// searched), the stated or documented default sequence length and global batch, the working
// weight format, LoRA and the ZeRO stage named in the notes.
MappedTraining map_training_case(const Case& c, const catalog::Catalog& cat);

// The hardware of a case as a front-door request.
api::HardwareRequest case_hardware(const Case& c);

}  // namespace suanli::validate::detail
