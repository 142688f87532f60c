// Shared set-up for the planner tests: the built-in catalog (loaded once) and a plan request for
// a model, a few systems and a target with the price book's default assumptions.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "suanli/catalog/catalog.hpp"
#include "suanli/catalog/infer_data.hpp"
#include "suanli/search/plan.hpp"

namespace suanli::testing {

inline const catalog::Catalog& plan_catalog() {
  static const auto loaded = catalog::load_catalog({SUANLI_DATA_DIR});
  if (!loaded) ADD_FAILURE() << loaded.error().describe();
  static const catalog::Catalog empty;
  return loaded ? *loaded : empty;
}

inline std::vector<search::SystemChoice> choose(const std::vector<std::string>& ids) {
  const catalog::Catalog& cat = plan_catalog();
  std::vector<search::SystemChoice> out;
  for (const auto& id : ids) {
    auto s = cat.find_system(id);
    EXPECT_TRUE(s.ok()) << id;
    if (!s) continue;
    out.push_back({s->item, cat.find_chip(s->item->chip_id)->item, ""});
  }
  return out;
}

// A plan for `model` on `systems`; destination and constraints left for the test to set.
inline search::PlanRequest plan_request(const std::string& model,
                                        const std::vector<std::string>& systems, double target,
                                        const std::string& dest = "") {
  const catalog::Catalog& cat = plan_catalog();
  search::PlanRequest r;
  r.model = cat.find_model(model)->item;
  r.workload = perf::workload_of(**catalog::find_scenario(cat, "chat"));
  r.precision.weights = hw::Dtype::fp8;
  r.target_tps = target;
  r.systems = choose(systems);
  r.efficiency = &cat.efficiency;
  r.profiles = &cat.profiles;
  r.prices = &cat.prices;
  r.assumptions = *cost::resolve_assumptions(cat.prices, {}, cost::Usage::inference, dest);
  r.max_sizes = 2;
  return r;
}

inline search::Destination destination(const std::string& country, const std::string& date) {
  search::Destination d;
  d.country = country;
  d.date = *policy::Date::parse(date);
  d.rules = &plan_catalog().policies;
  return d;
}

}  // namespace suanli::testing
