#include "suanli/perf/infer/scenario.hpp"

namespace suanli::perf {

InferenceWorkload workload_of(const ScenarioPreset& preset) {
  InferenceWorkload w;
  w.scenario = preset.mode;
  w.input_tokens = preset.input_tokens;
  w.output_tokens = preset.output_tokens;
  w.ttft_slo_s = preset.ttft_slo_s;
  w.tpot_slo_s = preset.tpot_slo_s;
  w.spread = preset.spread;
  return w;
}

}  // namespace suanli::perf
