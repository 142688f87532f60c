// Shared by the inference tests: the built-in catalog (loaded once) and request builders.
#pragma once

#include <gtest/gtest.h>

#include "suanli/api/infer.hpp"
#include "suanli/catalog/catalog.hpp"
#include "suanli/perf/infer/estimate.hpp"

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
