// A small serving plan for China on 2026-02-01 (llama-3.1-8b at 200k tok/s on the H20 and the
// Ascend 910B server), shared by the switching and horizon tests.
#pragma once

#include "suanli/api/plan.hpp"

namespace suanli::test {

inline api::PlanRequest cn_h20_atlas_plan() {
  api::PlanRequest req;
  req.model = "llama-3.1-8b";
  req.systems = {"hgx-h20", "atlas-800t-a2"};
  req.target = "200k-tok/s";
  req.dest = "CN";
  req.date = "2026-02-01";
  return req;
}

}  // namespace suanli::test
