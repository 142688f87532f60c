// `suanli train --tokens`: what the run costs in money and energy on the catalog system, with the
// price book's default cost assumptions (owned hardware; `suanli plan --train` takes overrides).
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "cli_context.hpp"
#include "suanli/perf/training_time.hpp"

namespace suanli::cli {

struct TrainRunCost {
  nlohmann::ordered_json json;  // "cost_to_train" object
  std::string text;             // one line for the text report
};

// nullopt (with a note) when the cluster is not a catalog system or the cost inputs are missing.
std::optional<TrainRunCost> train_run_cost(CliContext& ctx, const catalog::Catalog& cat,
                                           const std::string& system_id,
                                           const perf::TrainingRun& run);

}  // namespace suanli::cli
