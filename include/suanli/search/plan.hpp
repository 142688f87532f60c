// `suanli plan` for inference: for every candidate system, the best deployment the inference
// search finds at a few sizes, the fleet that meets the target in whole units, its availability
// and levy for the destination and date, its cost, power and energy, the budget and power checks,
// and a ranking by the objective with the Pareto fronts of cost vs TPOT and cost vs power.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "suanli/core/result.hpp"
#include "suanli/cost/capex.hpp"
#include "suanli/cost/chip_hour.hpp"
#include "suanli/cost/power.hpp"
#include "suanli/cost/token_cost.hpp"
#include "suanli/perf/infer/config.hpp"
#include "suanli/perf/infer/estimate.hpp"
#include "suanli/perf/infer/plan.hpp"
#include "suanli/policy/obtainability.hpp"
#include "suanli/search/deliveries.hpp"
#include "suanli/search/fleet.hpp"
#include "suanli/search/horizon.hpp"
#include "suanli/search/plan_request.hpp"
#include "suanli/search/system_inputs.hpp"

namespace suanli::search {

// Ranked in this order; within a status by the objective.
enum class RowStatus { ok, over_budget, over_power, unavailable, no_price, infeasible };
std::string_view to_string(RowStatus s);

struct PlanRow {
  std::string system;  // system id
  std::string chip;    // chip id
  RowStatus status = RowStatus::infeasible;
  bool available = true;  // obtainable or included (true when no destination)
  std::optional<policy::Obtainability> obtainability;  // with a destination: the chip's status
  std::vector<SupplyChange> supply_changes;            // dated status changes within the horizon
  std::string reason;                                  // policy reason, or why the row is not ok
  double levy_percent = 0;              // levy or tariff, percent of the hardware price
  bool feasible = false;                // a deployment meets the workload's limits
  perf::Layout layout;                  // best deployment's layout (the decode pool's when split)
  perf::Disaggregation disaggregation;  // prefill:decode chips of a deployment; off: colocated
  int replica_chips = 0;                // chips per deployment
  double concurrency = 0;               // concurrent sequences per deployment
  int step_tokens = 0;  // step budget the search chose for a TPOT limit; 0: the request's own
  perf::BatchLimit batch_limit = perf::BatchLimit::none;  // what set that batch
  std::string config;              // layout in words, e.g. "tp8 ep8 x 8 chips"
  FleetSize fleet;                 // sized for the target
  double output_tps_per_chip = 0;  // output tokens/s per fleet chip at the target (idle counted)
  double target_load = 0;          // target / fleet capacity, fraction (<= 1)
  double ttft_ms = 0;              // ms, p99 when the workload is a server load, else mean
  double tpot_ms = 0;              // ms, p99 when the workload is a server load, else mean
  bool priced = false;             // a price (or cloud rate) was found
  bool powered = false;            // the power is known
  cost::Capex capex;               // per chip (own mode)
  cost::ChipPower power;           // per chip
  cost::ChipHourCost hour;         // per chip-hour
  cost::TokenCost tokens;          // at the fleet's capacity
  double capex_usd = 0;            // USD, fleet capex incl. network and levy (0 when rented)
  double commitment_usd = 0;       // USD checked against --budget: capex, or rent x amortization
  double power_mw = 0;             // MW of provisioned facility power of the fleet
  double energy_mwh_year = 0;      // MWh per year at mean power
  double usd_per_year = 0;         // USD per year: fleet chip-hours x chip-hour cost
  std::optional<RowSwitching> switching;    // with --from and a price: the switching lines
  std::optional<RowHorizon> horizon;        // when the chip stops being obtainable mid-horizon
  std::optional<RowDeliveries> deliveries;  // with a destination: delivery facts of its chip
  std::vector<policy::Risk> risks;          // with a destination: market-access risks (buyer's)
  std::vector<std::string> notes;           // fallbacks and estimates worth knowing
};

// USD per M output tokens a priced row ranks on by cost: its horizon total when its chip stops
// being obtainable mid-horizon, else its cost with switching (--from), else $/M output.
double ranked_usd_per_m(const PlanRow& row);

// One evaluated configuration, for the Pareto fronts (several per system).
struct PlanPoint {
  std::string system;            // system id
  std::string config;            // layout in words
  std::int64_t chips = 0;        // fleet chips
  double cost_per_m_tokens = 0;  // USD per million output tokens
  double tpot_ms = 0;            // ms
  double power_mw = 0;           // MW
};

struct PlanResult {
  std::vector<PlanRow> rows;            // one per system, ranked
  std::vector<PlanPoint> pareto_tpot;   // cost vs TPOT front over ok configurations
  std::vector<PlanPoint> pareto_power;  // cost vs power front over ok configurations
  int n_ok = 0;                         // rows with status ok
  std::string explanation;              // why nothing is ok (empty when n_ok > 0)
  std::vector<std::string> notes;       // request-level assumptions
};

// Errors: a bad request (check_request), an unknown destination, or a date outside the policy
// catalog. A plan with no ok row is a value with its explanation, not an error.
core::Result<PlanResult> plan_inference(const PlanRequest& request);

}  // namespace suanli::search
