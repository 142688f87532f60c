// JSON and table forms of inference results: one estimate (`suanli infer`) and a comparison of
// systems (`suanli compare`). Field names are part of the CLI contract (docs/cli.md); numbers are
// rounded to 4-6 significant digits so outputs are stable.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "suanli/io/table.hpp"
#include "suanli/perf/infer/estimate.hpp"

namespace suanli::io {

// Power and energy figures, where 0 means unknown (the chip's TDP is unpublished): rounded, or
// null / "unknown".
nlohmann::ordered_json known_or_null(double v);
std::string known_or_unknown(double v);

// The configuration that produced an estimate: layout, concurrency, precision, software.
nlohmann::ordered_json inference_config_json(const perf::InferenceEstimate& e,
                                             const perf::InferenceRequest& r);
// Compact text form, e.g. "tp2 dp4 fp8/kv fp8 batch 512".
std::string inference_config_text(const perf::InferenceEstimate& e);

// Everything of an estimate; `context` carries the request identification (model, system...).
nlohmann::ordered_json inference_json(const perf::InferenceEstimate& e,
                                      const perf::InferenceRequest& r,
                                      nlohmann::ordered_json context);

// Two columns (field, value) for the text and CSV forms of `suanli infer`.
Table inference_table(const perf::InferenceEstimate& e, const perf::InferenceRequest& r);

}  // namespace suanli::io
