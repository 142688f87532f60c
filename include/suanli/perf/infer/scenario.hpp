// A named serving scenario (chat, reasoning, summarize, offline): request lengths and the p99
// latency limits a deployment must meet. Presets live in data/scenarios/*.yaml with reasoning.
#pragma once

#include <string>

#include "suanli/perf/infer/config.hpp"

namespace suanli::perf {

struct ScenarioPreset {
  std::string id;                    // e.g. "chat"
  std::string name;                  // one-line title
  Scenario mode = Scenario::server;  // server (Poisson arrivals under limits) or offline
  double input_tokens = 0;           // mean prompt tokens
  double output_tokens = 0;          // mean generated tokens
  double ttft_slo_s = 0;             // p99 time-to-first-token limit, s (0 = none)
  double tpot_slo_s = 0;             // p99 time-per-output-token limit, s (0 = none)
  LengthSpread spread;               // how answer lengths vary (answer_cv; fixed when not given)
  std::string rationale;             // why these numbers (with sources)
};

// The workload of a preset.
InferenceWorkload workload_of(const ScenarioPreset& preset);

}  // namespace suanli::perf
