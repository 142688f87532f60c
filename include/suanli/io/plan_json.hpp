// Writers for `suanli plan` results: JSON ({"rows": [...], "pareto": [...]}), a compact text
// table, and a plot-ready CSV with one row per system and Pareto flags. Defined once, used by the
// CLI (and later the server).
#pragma once

#include <nlohmann/json.hpp>

#include "suanli/api/plan.hpp"
#include "suanli/io/table.hpp"
#include "suanli/search/plan.hpp"
#include "suanli/search/plan_train.hpp"

namespace suanli::io {

nlohmann::ordered_json plan_row_json(const search::PlanRow& row);
nlohmann::ordered_json plan_json(const search::PlanResult& result);
Table plan_table(const search::PlanResult& result);      // aligned text, key columns
Table plan_csv_table(const search::PlanResult& result);  // every numeric column, Pareto flags

nlohmann::ordered_json train_plan_json(const search::TrainPlanResult& result);
Table train_plan_table(const search::TrainPlanResult& result);

}  // namespace suanli::io
