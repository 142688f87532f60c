// `plan`: size a serving fleet (or, with `train`, a training cluster) on every candidate system
// for a model and a target, with availability, levies, cost, power and energy. The request holds
// the flags as typed; plan() resolves systems, destination, constraints, objective, cost
// assumptions and the serving stack of each vendor, then runs the planner (search/).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "suanli/api/emit.hpp"
#include "suanli/api/fields.hpp"
#include "suanli/catalog/catalog.hpp"
#include "suanli/cost/currency.hpp"
#include "suanli/search/plan.hpp"
#include "suanli/search/plan_train.hpp"

namespace suanli::api {

struct PlanRequest {
  std::string model;                        // catalog id or alias
  std::string scenario = "chat";            // serving preset
  double cache_hit = 0;                     // share of each prompt in the prefix cache, [0, 1)
  std::string target;                       // fleet output throughput, e.g. "1M-tok/s"
  std::string dest;                         // destination ISO code
  std::string date;                         // YYYY-MM-DD
  std::vector<std::string> include;         // obtainability statuses ranked besides the obtainable
  std::string buyer;                        // buyer profile (policy/buyer.hpp)
  std::vector<std::string> what_if;         // policy edits, e.g. "RULE=2026-06-01"
  std::string from;                         // the buyer's current software stack, e.g. "cuda"
  std::vector<std::string> porting_months;  // STACK=ENGINEER-MONTHS overrides (with from)
  std::string engineer_month_cost;          // e.g. "20000 USD" (with from)
  std::string horizon;                      // months the plan looks ahead, e.g. "36"
  std::string failure_rate;                 // accelerators failing per year, e.g. "0.05"
  std::string currency;                     // USD (default) or CNY
  std::string budget;                       // e.g. "$50M"
  std::string power;                        // e.g. "20MW"
  std::vector<std::string> systems;         // empty = the whole catalog
  std::string objective = "cost";           // cost | latency | energy | chips
  std::optional<hw::Dtype> precision;       // default fp8 (serving) / bf16 (training)
  std::string software;                     // stack for every system; "" = by vendor
  bool cloud = false;                       // rent by the hour
  std::string region;                       // electricity region
  std::vector<std::string> prices;          // ID=USD overrides
  std::vector<std::string> cloud_prices;    // CHIP=USD/h overrides
  std::string electricity, amortization, utilization, pue, node_overhead, server_overhead,
      network_fraction, facility, levy_pass_through;  // cost overrides as typed
  bool train = false;                                 // plan a training cluster
  std::string tokens;                                 // tokens to train on (train)
  std::string days;                                   // wall-clock limit (train)
  int seq_len = 4096;                                 // training sequence length
  std::string batch_tokens = "16M";                   // tokens per optimizer step
  int threads = 2;                                    // worker threads
  double time_budget = 0;                             // s the search may take; 0 = none
  int max_pipeline = 2;                               // largest pipeline degree (serving)
  int max_sizes = 4;                                  // deployment sizes per system (serving)
  bool disaggregation = true;  // search prefill/decode pools on deployments of 16+ chips
  int step_tokens = 0;         // tokens per engine step (serving); 0 = the stack's
  int max_batch = 0;           // sequences per engine (serving); 0 = the stack's
  std::optional<perf::LengthSpread> length_spread;  // answer lengths; nullopt = the preset's
  std::optional<launch::Stack> emit;  // launch config of the top-ranked ok row (serving)
};

template <>
std::span<const Field<PlanRequest>> fields<PlanRequest>();

struct PlanAnswer {
  const model::ModelArch* model = nullptr;
  const perf::ScenarioPreset* scenario = nullptr;  // serving plans
  std::optional<search::PlanRequest> serving;      // the resolved serving request
  std::optional<search::PlanResult> serving_result;
  std::optional<search::TrainPlanRequest> training;  // the resolved training request
  std::optional<search::TrainPlanResult> training_result;
  std::vector<std::string> notes;  // aliases followed, dates assumed, what-ifs applied
  std::shared_ptr<const policy::RuleSet> what_if_rules;  // the edited rules (with --what-if)
  std::optional<Emitted> launch;                         // with --emit: the top-ranked ok row's
  cost::Currency currency;  // the currency money is shown in (--currency)
};

// `progress` (optional) hears of every system evaluated.
core::Result<PlanAnswer> plan(const catalog::Catalog& cat, const PlanRequest& request,
                              const core::Progress& progress = {});

}  // namespace suanli::api
