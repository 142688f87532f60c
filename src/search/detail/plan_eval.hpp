// Evaluation of one system for `plan`: availability and levy, price and power, the inference
// search at a few deployment sizes, fleet sizing and cost of each size, and the choice of the
// best size under the constraints. Internal to the planner.
#pragma once

#include <fmt/format.h>

#include <string>
#include <vector>

#include "suanli/search/plan.hpp"
#include "suanli/search/system_inputs.hpp"

namespace suanli::search::detail {

// A row (PlanRow or TrainPlanRow) naming the system and chip of `choice`, with what `in` says of
// its availability, levy, price and power; status and sizing are left to the caller.
template <class Row>
Row row_from_inputs(const SystemChoice& choice, const SystemInputs& in) {
  Row row;
  row.system = choice.system->id;
  row.chip = choice.chip->id;
  row.available = in.available;
  row.obtainability = in.obtainability;
  row.supply_changes = in.supply_changes;
  row.risks = in.risks;
  row.reason = in.reason;
  row.levy_percent = in.levy_percent;
  row.priced = in.priced;
  row.powered = in.powered;
  row.capex = in.capex;
  row.power = in.power;
  row.hour = in.hour;
  row.notes = in.notes;
  return row;
}

// Deployment sizes (chips per replica) tried for `choice`: powers of two from the smallest that
// holds the weights, at most request.max_sizes of them, plus the whole system unit.
std::vector<int> deployment_sizes(const PlanRequest& request, const SystemChoice& choice);

// The system's row (best size) and, in `configs`, one row per feasible size evaluated.
PlanRow evaluate_system(const PlanRequest& request, const SystemChoice& choice,
                        std::vector<PlanRow>& configs);

// Lower is better under the request's objective (infinite when the row cannot be scored).
double objective_key(const PlanRow& row, Objective objective);

// "$1.23M", "$950k", "$4.1B".
std::string money(double usd);

// Each feasible row's deliveries for the destination and date (none without a destination or
// delivery data); `chips(row)` is the row's fleet. Row: PlanRow or TrainPlanRow.
template <class Row, class Chips>
void add_deliveries(const Destination& dest, std::vector<Row>& rows, Chips chips) {
  if (dest.country.empty() || dest.deliveries == nullptr) return;
  for (Row& r : rows) {
    if (!r.feasible || chips(r) <= 0) continue;
    r.deliveries = row_deliveries(*dest.deliveries, r.chip, dest.country, dest.date, chips(r));
  }
}

// One note per row whose status changes within the horizon, e.g. "supply: hgx-h20 is licensed
// on 2026-02-01; from 2026-06-01: denied: ...". Row: PlanRow or TrainPlanRow.
template <class Row>
void supply_notes(const Destination& dest, const std::vector<Row>& rows,
                  std::vector<std::string>& notes) {
  for (const Row& r : rows) {
    if (r.supply_changes.empty() || !r.obtainability) continue;
    std::string note = fmt::format("supply: {} is {} on {}", r.system,
                                   policy::to_string(*r.obtainability), dest.date.to_string());
    for (const SupplyChange& c : r.supply_changes) {
      note += fmt::format("; from {}: {}", c.date.to_string(), c.reason);
    }
    notes.push_back(std::move(note));
  }
}

// Why no row is ok, e.g. "every system is unavailable for CN on 2025-05-01 except hgx-h20
// (over_budget: needs $1.2B of capex, over the $50M budget)". Row: PlanRow or TrainPlanRow.
template <class Row>
std::string explain(const Destination& dest, const std::vector<Row>& rows) {
  std::vector<std::string> others;
  std::size_t unavailable = 0;
  for (const Row& r : rows) {
    if (r.status == RowStatus::unavailable) {
      ++unavailable;
    } else {
      others.push_back(fmt::format("{} ({}: {})", r.system, to_string(r.status), r.reason));
    }
  }
  const std::string where = dest.country.empty()
                                ? std::string()
                                : fmt::format(" for {} on {}", dest.country, dest.date.to_string());
  if (others.empty()) return fmt::format("every system is unavailable{}", where);
  if (unavailable == 0)
    return fmt::format("no system meets the request: {}", fmt::join(others, "; "));
  return fmt::format("every system is unavailable{} except {}", where, fmt::join(others, "; "));
}

}  // namespace suanli::search::detail
