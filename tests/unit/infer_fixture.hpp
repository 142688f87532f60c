// Shared by the inference tests: the built-in catalog (loaded once) and request builders.
#pragma once

#include <gtest/gtest.h>

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

}  // namespace suanli::test
