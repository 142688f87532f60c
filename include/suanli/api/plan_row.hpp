// A serving plan's row as the `infer` request that predicts its deployment: the same system,
// chips per deployment, layout, precision, serving stack and workload. plan's --emit launches it;
// tests/unit/test_front_door.cpp checks that infer predicts the row's rate.
#pragma once

#include "suanli/api/infer.hpp"
#include "suanli/api/plan.hpp"

namespace suanli::api {

InferRequest plan_row_request(const PlanRequest& request, const search::PlanRequest& resolved,
                              const search::PlanRow& row);

}  // namespace suanli::api
