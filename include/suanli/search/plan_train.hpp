// `suanli plan --train`: for every candidate system, the cluster that trains a model on a number
// of tokens within a number of days (the training engine's layout search at a reference size,
// then scaled), with its availability, levy, cost, energy and power, ranked by the objective.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "suanli/core/progress.hpp"
#include "suanli/core/result.hpp"
#include "suanli/cost/capex.hpp"
#include "suanli/cost/chip_hour.hpp"
#include "suanli/cost/power.hpp"
#include "suanli/cost/training_cost.hpp"
#include "suanli/perf/common/measured_efficiency.hpp"
#include "suanli/perf/train/workload.hpp"
#include "suanli/search/plan.hpp"

namespace suanli::search {

struct TrainPlanRequest {
  const model::ModelArch* model = nullptr;  // never null
  perf::TrainingWorkload workload;          // seq_len and precision; global_batch derived
  double tokens = 0;                        // tokens to train on
  double days = 0;                          // wall-clock limit, days
  double batch_tokens = 16.0 * (1 << 20);   // tokens per optimizer step (global batch x seq_len)
  std::vector<SystemChoice> systems;        // candidates
  const std::vector<perf::EfficiencyEntry>* efficiency = nullptr;  // may be null: defaults
  const std::vector<hw::ChipProfile>* profiles = nullptr;  // measured chip profiles; may be null
  std::string software = "megatron";  // training stack for the efficiency lookup
  Destination destination;
  Constraints constraints;
  Objective objective = Objective::cost;    // cost: USD of the run; latency: days; energy: MWh
  cost::Assumptions assumptions;            // resolved for Usage::training
  const cost::PriceBook* prices = nullptr;  // never null
  int threads = 2;                          // worker threads of the layout search
  core::Progress progress;                  // optional: systems evaluated of the total
  double time_budget_s = 0;                 // --time-budget; 0 = none (search/time_budget.hpp)
};

struct TrainPlanRow {
  std::string system;  // system id
  std::string chip;    // chip id
  RowStatus status = RowStatus::infeasible;
  bool available = true;  // obtainable or included (true without a destination)
  std::optional<policy::Obtainability> obtainability;  // with a destination: the chip's status
  std::vector<SupplyChange> supply_changes;            // dated status changes within the horizon
  std::string reason;                                  // policy reason, or why the row is not ok
  double levy_percent = 0;                             // percent of the hardware price
  bool feasible = false;                               // a layout fits and meets the days limit
  perf::TrainingLayout layout;                         // best layout at the sized cluster
  std::string config;                                  // layout in words
  std::int64_t chips = 0;                              // chips bought (whole units)
  std::int64_t job_chips = 0;                          // chips the job runs on (a power of two)
  std::int64_t units = 0;                              // system units bought
  double days = 0;                                     // wall-clock days to train the tokens
  double tokens_per_s = 0;                             // tokens/s of the job
  double mfu = 0;                                      // model FLOP utilization, fraction
  bool priced = false;                                 // a price (or cloud rate) was found
  bool powered = false;                                // the power is known
  cost::Capex capex;                                   // per chip (own mode)
  cost::ChipPower power;                               // per chip
  cost::ChipHourCost hour;                             // per chip-hour
  cost::TrainingCost run;                   // money and energy of the run (bought chips counted)
  double power_mw = 0;                      // MW of provisioned facility power
  std::optional<RowDeliveries> deliveries;  // with a destination: delivery facts of its chip
  std::vector<policy::Risk> risks;          // with a destination: market-access risks (buyer's)
  std::vector<std::string> notes;           // fallbacks and estimates
};

// One point of the cost vs time front of training.
struct TrainPoint {
  std::string system;      // system id
  std::int64_t chips = 0;  // chips bought
  double usd = 0;          // USD of the run
  double days = 0;         // wall-clock days
  double power_mw = 0;     // MW of provisioned facility power
};

struct TrainPlanResult {
  std::vector<TrainPlanRow> rows;  // ranked
  std::vector<TrainPoint> pareto;  // USD of the run vs days over ok rows
  int n_ok = 0;                    // rows with status ok
  std::string explanation;         // why nothing is ok
  std::vector<std::string> notes;  // request-level assumptions
};

// Errors: bad request values (tokens, days, budget, power), unknown destination or date.
core::Result<TrainPlanResult> plan_training(const TrainPlanRequest& request);

}  // namespace suanli::search
