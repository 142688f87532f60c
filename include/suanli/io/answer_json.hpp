// JSON and table forms of the front door's answers (api/), defined once for every front end:
// the CLI prints them, the HTTP server and the Python module return the same JSON.
#pragma once

#include <nlohmann/json.hpp>

#include "suanli/api/compare.hpp"
#include "suanli/api/infer.hpp"
#include "suanli/api/plan.hpp"
#include "suanli/api/train.hpp"
#include "suanli/io/table.hpp"

namespace suanli::io {

// {"reason": ..., "limit": ...} of an infeasible answer.
nlohmann::ordered_json infeasible_json(const api::Infeasible& infeasible);

// `infer`: the request identification, then every field of the estimate.
nlohmann::ordered_json infer_answer_json(const api::InferAnswer& answer);
Table infer_answer_table(const api::InferAnswer& answer);
// `infer --explain`: the reported step op by op (empty when the request did not ask).
nlohmann::ordered_json breakdown_json(const api::InferAnswer& answer);
Table breakdown_table(const api::InferAnswer& answer);

// `compare`: the scenario, then one row per system (with access columns given a destination).
nlohmann::ordered_json compare_answer_json(const api::CompareAnswer& answer);
Table compare_answer_table(const api::CompareAnswer& answer);
// One line per market-access risk of every available row, e.g. "hgx-h20 (prc): ...".
std::vector<std::string> compare_risk_lines(const api::CompareAnswer& answer);

// `plan`: the serving plan (plan_json) or the training plan (train_plan_json), with "launch"
// when the request gave --emit.
nlohmann::ordered_json plan_answer_json(const api::PlanAnswer& answer);

// `train`: cluster and workload, the estimate, time and cost to train, the search summary.
nlohmann::ordered_json train_answer_json(const api::TrainAnswer& answer);

// "owned: 4-year amortization, ..." : the cost assumptions of a plan or a training cost.
std::string assumptions_line(const cost::Assumptions& assumptions);

}  // namespace suanli::io
