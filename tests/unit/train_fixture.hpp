// Shared by the training tests: the built-in catalog (loaded once) and problem builders with the
// built-in default efficiencies, so that the tests do not move when the fitted table changes.
#pragma once

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "suanli/catalog/catalog.hpp"
#include "suanli/perf/train/workload.hpp"

namespace suanli::test {

inline const catalog::Catalog& train_catalog() {
  static const catalog::Catalog cat = [] {
    auto loaded = catalog::load_catalog({SUANLI_DATA_DIR});
    if (!loaded) throw std::runtime_error(loaded.error().describe());
    return std::move(loaded).value();
  }();
  return cat;
}

inline const model::ModelArch& train_model(const std::string& id) {
  return *train_catalog().find_model(id)->item;
}

inline const hw::Chip& train_chip(const std::string& id) {
  return *train_catalog().find_chip(id)->item;
}

// `n` bare chips of `chip` (8-chip scale-up domains, 400 Gb/s scale-out per chip).
inline perf::TrainingProblem train_problem(const std::string& model, const std::string& chip, int n,
                                           int seq, int global_batch,
                                           hw::Dtype compute = hw::Dtype::bf16) {
  perf::TrainingProblem p;
  p.model = &train_model(model);
  p.cluster = *perf::make_cluster(train_chip(chip), n, 8, 400);
  p.eff = perf::Efficiency{};
  p.workload.seq_len = seq;
  p.workload.global_batch = global_batch;
  p.workload.compute = compute;
  p.workload.weights = hw::Dtype::bf16;
  p.allow_uneven_stages = false;  // tests that want uneven stages say so
  return p;
}

inline perf::TrainingLayout train_layout(int tp, int pp, int dp, int cp = 1) {
  perf::TrainingLayout l;
  l.tp = tp, l.pp = pp, l.dp = dp, l.cp = cp;
  return l;
}

}  // namespace suanli::test
