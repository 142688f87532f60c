// Shared by the inference tests: the built-in catalog (loaded once) and request builders.
#pragma once

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "suanli/api/infer.hpp"
#include "suanli/catalog/catalog.hpp"
#include "suanli/perf/infer/estimate.hpp"
#include "suanli/perf/infer/ops.hpp"
#include "suanli/perf/infer/plan.hpp"

namespace suanli::test {

inline const catalog::Catalog& infer_catalog() {
  static const catalog::Catalog cat = [] {
    auto loaded = catalog::load_catalog({SUANLI_DATA_DIR});
    if (!loaded) throw std::runtime_error(loaded.error().describe());
    return std::move(loaded).value();
  }();
  return cat;
}

inline const model::ModelArch& test_model(const std::string& id) {
  return *infer_catalog().find_model(id)->item;
}

inline const hw::Chip& test_chip(const std::string& id) {
  return *infer_catalog().find_chip(id)->item;
}

// A request on `n` bare chips with fixed default efficiencies (independent of the fitted table).
inline perf::InferenceRequest make_request(const std::string& model, const std::string& chip, int n,
                                           hw::Dtype weights, double input, double output) {
  perf::InferenceRequest r;
  r.model = &test_model(model);
  r.cluster = *perf::make_cluster(test_chip(chip), n);
  r.precision.weights = weights;
  r.workload.input_tokens = input;
  r.workload.output_tokens = output;
  r.software = "vllm";
  return r;
}

// DeepSeek-V3 in fp8 on 8 `chip`s, attention data-parallel over the 8 with the experts spread
// over them (tp 1, dp 8, ep 8), a prompt of `input` tokens, with per-op lines (`explain`): the
// plan the op-level tests time one step of.
inline perf::InferencePlan deepseek_dp8_ep8_plan(const std::string& chip, double input) {
  perf::InferenceRequest r = make_request("deepseek-v3", chip, 8, hw::Dtype::fp8, input, 256);
  r.parallelism = {1, 1, 8, 8};
  r.explain = true;
  auto plan = perf::build_plan(r, 8, r.parallelism);
  if (!plan) throw std::runtime_error(plan.error().message);
  return std::move(plan).value();
}

// A step of `seqs` sequences decoding at a context of `context` tokens.
inline perf::StepLoad decode_load(double seqs, double context) {
  perf::StepLoad load;
  load.decode_seqs = seqs;
  load.decode_context = context;
  return load;
}

// A front-door request: `model` on a catalog system (`chips` 0 = one unit of it), a prompt of
// `input` and `output` generated tokens; every other field at its default.
inline api::InferRequest system_request(const std::string& model, const std::string& system,
                                        int chips, double input, double output) {
  api::InferRequest r;
  r.model = model;
  r.hardware.system = system;
  r.hardware.chips = chips;
  r.input = input;
  r.output = output;
  return r;
}

// The same on `chips` bare chips of `chip`.
inline api::InferRequest chip_request(const std::string& model, const std::string& chip, int chips,
                                      double input, double output) {
  api::InferRequest r = system_request(model, "", chips, input, output);
  r.hardware.chip = chip;
  return r;
}

}  // namespace suanli::test
