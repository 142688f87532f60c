// `train`: step time, tokens/s, MFU and memory of training a model on a cluster, for the stated
// layout or the best searched one, the time to train a number of tokens and, on a catalog
// system, its cost and energy. Every training default is decided here.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "suanli/api/fields.hpp"
#include "suanli/api/infeasible.hpp"
#include "suanli/api/resolve.hpp"
#include "suanli/cost/assumptions.hpp"
#include "suanli/perf/train/search.hpp"
#include "suanli/perf/train/step.hpp"
#include "suanli/perf/train/time.hpp"
#include "suanli/search/run_cost.hpp"

namespace suanli::api {

struct TrainRequest {
  std::string model;                      // catalog id or alias
  HardwareRequest hardware;               // --system | --chip --chips, network overrides
  int seq = 0;                            // tokens per sequence (required)
  std::string global_batch;               // sequences per step, e.g. "2048"
  std::string global_batch_tokens;        // tokens per step, e.g. "16M" (instead of global_batch)
  perf::LayoutConstraints layout;         // stated degrees; the rest searched
  int recompute_layers = 0;               // layers per stage fully recomputed (0 = all)
  hw::Dtype precision = hw::Dtype::bf16;  // GEMM format
  std::optional<hw::Dtype> weights;       // working weight format; nullopt = by precision
  int lora_rank = 0;                      // 0 = full training
  std::string tokens;                     // tokens to train on, e.g. "15T"; "" = none
  int top = 5;                            // layouts listed by a search
  std::string software;                   // training stack; "" = data/defaults.yaml
  bool uneven_stages = true;              // pipeline stages may hold unequal layer counts
  bool no_flash_attention = false;        // materialise attention scores
  bool search = false;                    // search unstated fields even when tp/pp/dp/cp given
  bool ignore_memory = false;             // predict a stated layout that does not fit
  double time_budget = 0;                 // s; 0 = none
  long long max_evaluations = 0;          // layouts at most; 0 = no limit
  int max_micro_batch = 16;               // largest micro-batch searched
  int threads = 2;                        // search threads
};

template <>
std::span<const Field<TrainRequest>> fields<TrainRequest>();

struct TrainCost {
  search::RunCost run;            // money and energy of the run
  cost::Assumptions assumptions;  // what it was priced with
};

struct TrainAnswer {
  ModelChoice model;
  HardwareChoice hardware;
  perf::TrainingProblem problem;  // as evaluated
  perf::TrainingEstimate estimate;
  std::optional<perf::TrainingSearchResult> search;  // when the layout was searched
  std::optional<perf::TrainingRun> run;              // with tokens
  std::optional<TrainCost> cost;                     // with tokens on a catalog system
  std::vector<std::string> notes;                    // what was assumed
};

struct TrainOptions {
  const std::vector<perf::EfficiencyEntry>* efficiency = nullptr;  // null = the catalog's
  perf::SearchProgress progress;                                   // optional
};

// Errors: usage and invalid input naming the flag; infeasible for a layout that does not fit
// (unless ignore_memory) or a search that finds none.
core::Result<TrainAnswer> predict_training(const catalog::Catalog& cat, const TrainRequest& request,
                                           const TrainOptions& options = {});

}  // namespace suanli::api
