// Writers for `suanli plan` results: JSON ({"rows": [...], "pareto": [...]}), a compact text
// table, and a plot-ready CSV with one row per system and Pareto flags. Defined once, used by the
// CLI (and later the server).
#pragma once

#include <nlohmann/json.hpp>

#include "suanli/api/plan.hpp"
#include "suanli/cost/currency.hpp"
#include "suanli/io/table.hpp"
#include "suanli/search/plan.hpp"
#include "suanli/search/plan_train.hpp"

namespace suanli::io {

nlohmann::ordered_json plan_row_json(const search::PlanRow& row);
// With a currency other than USD, a "currency" block (code, rate, its date and source) and, per
// row, "in_currency" with the money figures converted; the USD keys stay as they are.
nlohmann::ordered_json plan_json(const search::PlanResult& result,
                                 const cost::Currency& currency = {});
// Aligned text, key columns; money in `currency`.
Table plan_table(const search::PlanResult& result, const cost::Currency& currency = {});
// One line per ranked row with switching lines (--from): its porting and ramp cost and the gaps
// of its stack that concern the plan, e.g. "hgx-h20: stays on cuda: no switching cost"; money in
// `currency`.
std::vector<std::string> switching_lines(const search::PlanResult& result,
                                         const cost::Currency& currency = {});
// One line per ranked row with a horizon cost (its chip stops being obtainable mid-horizon), e.g.
// "hgx-h20: from 2026-09-01 (denied), 41 months without supply: ..."; money in `currency`.
std::vector<std::string> horizon_lines(const search::PlanResult& result,
                                       const cost::Currency& currency = {});
// One line per delivery fact of every ranked row (not unavailable) whose chip has some for the
// destination and date, e.g. "hgx-h200: first deliveries 2026-02-15: ... [source]".
std::vector<std::string> deliveries_lines(const search::PlanResult& result);
std::vector<std::string> deliveries_lines(const search::TrainPlanResult& result);
// One line per market-access risk of every ranked row (not unavailable) for the buyer, e.g.
// "hgx-h20 (prc): operators and public computing hubs: over 50% of chips to be domestic ...".
std::vector<std::string> risk_lines(const search::PlanResult& result);
std::vector<std::string> risk_lines(const search::TrainPlanResult& result);
Table plan_csv_table(const search::PlanResult& result);  // every numeric column, Pareto flags

nlohmann::ordered_json train_plan_json(const search::TrainPlanResult& result);
Table train_plan_table(const search::TrainPlanResult& result);

}  // namespace suanli::io
