// A small serving plan for China on 2026-02-01 (llama-3.1-8b at 200k tok/s on the H20 and the
// Ascend 910B server), shared by the switching, horizon and deliveries tests, and the row of a
// system in a plan.
#pragma once

#include <stdexcept>
#include <string>

#include "suanli/api/plan.hpp"

namespace suanli::test {

// The row of `system` in a plan result (a test error when the plan has none).
inline const search::PlanRow& row_of(const search::PlanResult& res, const std::string& system) {
  for (const auto& r : res.rows) {
    if (r.system == system) return r;
  }
  throw std::runtime_error("no row " + system);
}

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
