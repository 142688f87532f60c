// The plan's horizon cost on the built-in catalog (docs/models/cost.md §horizon): a what-if ban of
// the H20 within the horizon strands failed units, replaced by the cheapest system obtainable to
// the horizon's end with the port onto its stack; the exact diagnostics of bad input.
#include <fmt/format.h>

#include <gtest/gtest.h>
#include <algorithm>

#include "suanli/api/plan.hpp"
#include "suanli/search/horizon.hpp"
#include "tests/unit/cn_plan_fixture.hpp"
#include "tests/unit/infer_fixture.hpp"

namespace suanli::api {
namespace {

PlanRequest h20_ban(const std::string& what_if) {
  PlanRequest req = test::cn_h20_atlas_plan();
  req.what_if = {what_if};
  return req;
}

}  // namespace

TEST(PlanHorizon, AMidHorizonBanReplacesFailedUnitsWithTheNextObtainableSystem) {
  auto a = plan(test::infer_catalog(), h20_ban("h20 licences revoked 2026-09-01"));
  ASSERT_TRUE(a) << a.error().describe();
  const search::PlanResult& res = *a->serving_result;
  const search::PlanRow& h20 = test::row_of(res, "hgx-h20");
  const search::PlanRow& atlas = test::row_of(res, "atlas-800t-a2");
  EXPECT_FALSE(atlas.horizon);
  ASSERT_TRUE(h20.horizon);
  const search::RowHorizon& h = *h20.horizon;
  EXPECT_EQ(h.stops.to_string(), "2026-09-01");
  EXPECT_FALSE(h.resumes);
  ASSERT_EQ(h.events.size(), 1U);
  EXPECT_EQ(h.events[0].obtainability, policy::Obtainability::denied);
  EXPECT_FALSE(h.events[0].obtainable);
  EXPECT_DOUBLE_EQ(h.failure_rate.value, 0.09);
  EXPECT_EQ(h.failure_rate.source.substr(0, 37), "Llama Team, Meta, The Llama 3 Herd of");
  EXPECT_FALSE(h.failure_rate.estimate.empty());
  const cost::HorizonCost& c = h.cost;
  EXPECT_DOUBLE_EQ(c.months_without_supply, 41);    // 2026-09-01 to the end of 48 months
  EXPECT_NEAR(c.stranded_fraction, 0.3075, 1e-12);  // 0.09/year x 41/12 years
  EXPECT_NEAR(c.stranded_chips, static_cast<double>(h20.fleet.chips) * 0.3075, 1e-9);
  EXPECT_EQ(h.replacement, "atlas-800t-a2");
  EXPECT_DOUBLE_EQ(h.replacement_usd_per_m, atlas.tokens.usd_per_m_output);
  ASSERT_TRUE(h.port);
  EXPECT_EQ(h.port->from, "cuda");
  EXPECT_EQ(h.port->to, "cann");
  EXPECT_DOUBLE_EQ(h.port->porting_usd, 6 * 16000.0);
  EXPECT_NEAR(c.replacement_usd, c.lost_tokens * atlas.tokens.usd_per_m_output / 1e6, 1e-6);
  EXPECT_NEAR(c.total_usd, h20.usd_per_year * 4 + c.replacement_usd + 96000, 1e-3);
  EXPECT_GT(c.usd_per_m_output, h20.tokens.usd_per_m_output);
  EXPECT_DOUBLE_EQ(search::ranked_usd_per_m(h20), c.usd_per_m_output);
  bool noted = false;
  for (const auto& n : res.notes) noted = noted || n.starts_with("horizon: a chip that stops");
  EXPECT_TRUE(noted);
}

TEST(PlanHorizon, WithNothingToReplaceItTheLostTokensAreNotServed) {
  PlanRequest req = h20_ban("h20 licences revoked 2026-09-01");
  req.systems = {"hgx-h20"};
  req.failure_rate = "0.05";
  auto a = plan(test::infer_catalog(), req);
  ASSERT_TRUE(a) << a.error().describe();
  const search::PlanRow& h20 = test::row_of(*a->serving_result, "hgx-h20");
  ASSERT_TRUE(h20.horizon);
  const search::RowHorizon& h = *h20.horizon;
  EXPECT_EQ(h.replacement, "");
  EXPECT_FALSE(h.port);
  EXPECT_DOUBLE_EQ(h.failure_rate.value, 0.05);
  EXPECT_EQ(h.failure_rate.source, "--failure-rate");
  const cost::HorizonCost& c = h.cost;
  EXPECT_DOUBLE_EQ(c.replacement_usd, 0);
  EXPECT_NEAR(c.total_usd, h20.usd_per_year * 4, 1e-3);
  const double served = std::min(200e3, h20.fleet.capacity_tps);
  // 0.05/year over 41/12 years: 0.05 x (41/12)^2 / 2 years of the fleet's tokens are lost.
  const double lost = served * 8760 * 3600 * 0.05 * (41.0 / 12) * (41.0 / 12) / 2;
  EXPECT_NEAR(c.lost_tokens / lost, 1, 1e-12);
  EXPECT_NEAR(c.served_tokens, served * 8760 * 3600 * 4 - lost, 1);
  const std::string text = search::horizon_text(h);
  EXPECT_TRUE(
      text.starts_with("from 2026-09-01 (denied), 41 months without supply: 17.1% of the "
                       "fleet fails at 5%/year ("))
      << text;
  EXPECT_NE(text.find("; no obtainable system replaces it: "), std::string::npos) << text;
}

TEST(PlanHorizon, NoBanWithinTheHorizonNoHorizonCost) {
  PlanRequest req = h20_ban("h20 licences revoked 2026-09-01");
  req.horizon = "6";  // ends before 2026-09-01
  auto a = plan(test::infer_catalog(), req);
  ASSERT_TRUE(a) << a.error().describe();
  for (const auto& r : a->serving_result->rows) EXPECT_FALSE(r.horizon) << r.system;
}

TEST(PlanHorizon, BadInputGetsAnExactMessage) {
  PlanRequest req = h20_ban("h20 licences revoked 2025-06-01");
  auto before = plan(test::infer_catalog(), req);
  ASSERT_FALSE(before);
  EXPECT_EQ(before.error().code, core::ErrorCode::invalid_input);
  EXPECT_EQ(before.error().message,
            "--what-if 'h20 licences revoked 2025-06-01': 2025-06-01 is before the plan date "
            "2026-02-01; a what-if changes the rules on or after --date (without a date the rule "
            "is lifted)");
  req.what_if = {"us-2025-08-h20-licences=2026-01-31"};
  auto by_id = plan(test::infer_catalog(), req);
  ASSERT_FALSE(by_id);
  EXPECT_EQ(by_id.error().message,
            "--what-if 'us-2025-08-h20-licences=2026-01-31': 2026-01-31 is before the plan date "
            "2026-02-01; a what-if changes the rules on or after --date (without a date the rule "
            "is lifted)");
  req = h20_ban("h20 licences revoked 2026-09-01");
  for (const char* months : {"0", "-6"}) {
    req.horizon = months;
    auto h = plan(test::infer_catalog(), req);
    ASSERT_FALSE(h) << months;
    EXPECT_EQ(h.error().code, core::ErrorCode::usage);
    EXPECT_EQ(h.error().describe(),
              fmt::format("--horizon: {} is outside the plausible range 1 .. 360", months));
  }
  req.horizon = "";
  req.failure_rate = "1.5";
  auto f = plan(test::infer_catalog(), req);
  ASSERT_FALSE(f);
  EXPECT_EQ(f.error().message, "--failure-rate: 1.5 is outside the plausible range 0 .. 1");
  req.failure_rate = "often";
  auto word = plan(test::infer_catalog(), req);
  ASSERT_FALSE(word);
  EXPECT_EQ(word.error().message, "--failure-rate: 'often' is not a number");
}

}  // namespace suanli::api
