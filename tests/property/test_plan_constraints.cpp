// Budget and power limits are respected: every ok row is within both, every row flagged over a
// limit is over it, a looser limit never makes fewer rows ok, and rows are ranked by status then
// objective. An empty result explains itself.
#include <gtest/gtest.h>

#include "plan_fixture.hpp"

namespace suanli::search {
namespace {

const std::vector<std::string> systems{"hgx-h100", "hgx-h20",  "l20-8",
                                       "mi300x-8", "gaudi2-8", "hgx-a100"};

void check_rows(const PlanRequest& req, const PlanResult& res) {
  RowStatus last = RowStatus::ok;
  for (const PlanRow& r : res.rows) {
    EXPECT_GE(r.status, last) << r.system;
    last = r.status;
    if (r.status == RowStatus::ok) {
      if (req.constraints.budget_usd) {
        EXPECT_LE(r.commitment_usd, *req.constraints.budget_usd) << r.system;
      }
      if (req.constraints.power_w) {
        EXPECT_LE(r.power_mw * 1e6, *req.constraints.power_w);
      }
      EXPECT_GE(r.fleet.capacity_tps, req.target_tps) << r.system;
    }
    if (r.status == RowStatus::over_budget) {
      EXPECT_GT(r.commitment_usd, *req.constraints.budget_usd) << r.system;
    }
    if (r.status == RowStatus::over_power && r.powered) {
      EXPECT_GT(r.power_mw * 1e6, *req.constraints.power_w) << r.system;
    }
  }
}

TEST(PlanConstraints, BudgetAndPowerAreRespected) {
  auto req = testing::plan_request("llama-3.1-8b", systems, 2e5);
  auto free = plan_inference(req);
  ASSERT_TRUE(free.ok()) << free.error().describe();
  check_rows(req, *free);
  // A budget between the cheapest and the dearest fleet splits the rows.
  double lo = 1e30, hi = 0;
  for (const PlanRow& r : free->rows) {
    if (r.status != RowStatus::ok) continue;
    lo = std::min(lo, r.commitment_usd);
    hi = std::max(hi, r.commitment_usd);
  }
  ASSERT_LT(lo, hi);
  int previous_ok = 0;
  for (double f : {0.5, 0.999, 1.0}) {
    req.constraints.budget_usd = lo + (hi - lo) * f;
    auto res = plan_inference(req);
    ASSERT_TRUE(res.ok());
    check_rows(req, *res);
    EXPECT_GE(res->n_ok, previous_ok);  // a looser budget never loses a row
    previous_ok = res->n_ok;
  }
  // A power limit between the least and the most power-hungry fleet splits the rows too.
  double wlo = 1e30, whi = 0;
  for (const PlanRow& r : free->rows) {
    if (r.status != RowStatus::ok || !r.powered) continue;
    wlo = std::min(wlo, r.power_mw);
    whi = std::max(whi, r.power_mw);
  }
  ASSERT_LT(wlo, whi);
  req.constraints.budget_usd.reset();
  req.constraints.power_w = (wlo + whi) / 2 * 1e6;
  auto powered = plan_inference(req);
  ASSERT_TRUE(powered.ok());
  check_rows(req, *powered);
  int over = 0;
  for (const PlanRow& r : powered->rows) over += r.status == RowStatus::over_power ? 1 : 0;
  EXPECT_GT(over, 0);
  EXPECT_GT(powered->n_ok, 0);
}

TEST(PlanConstraints, ObjectiveOrdersOkRows) {
  for (Objective o : {Objective::cost, Objective::latency, Objective::energy, Objective::chips}) {
    auto req = testing::plan_request("llama-3.1-8b", systems, 2e5);
    req.objective = o;
    auto res = plan_inference(req);
    ASSERT_TRUE(res.ok());
    const auto key = [&](const PlanRow& r) {
      switch (o) {
        case Objective::cost:
          return r.tokens.usd_per_m_output;
        case Objective::latency:
          return r.tpot_ms;
        case Objective::energy:
          return 1 / r.tokens.output_tokens_per_joule;
        case Objective::chips:
          return static_cast<double>(r.fleet.chips);
      }
      return 0.0;
    };
    for (std::size_t i = 1; i < res->rows.size(); ++i) {
      if (res->rows[i].status != RowStatus::ok) break;
      EXPECT_LE(key(res->rows[i - 1]), key(res->rows[i])) << to_string(o);
    }
  }
}

TEST(PlanConstraints, EmptyResultExplainsWhy) {
  auto req =
      testing::plan_request("llama-3.1-8b", {"hgx-h100", "hgx-b200", "atlas-800t-a2"}, 1e5, "CN");
  req.destination = testing::destination("CN", "2025-05-01");
  auto all = plan_inference(req);
  ASSERT_TRUE(all.ok()) << all.error().describe();
  EXPECT_EQ(all->n_ok, 1);
  EXPECT_TRUE(all->explanation.empty());
  EXPECT_EQ(all->rows.front().system, "atlas-800t-a2");
  req.constraints.budget_usd = 1000;
  auto none = plan_inference(req);
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(none->n_ok, 0);
  EXPECT_TRUE(none->pareto_tpot.empty());
  EXPECT_EQ(none->explanation.rfind("every system is unavailable for CN on 2025-05-01 except "
                                    "atlas-800t-a2 (over_budget: needs $",
                                    0),
            0u)
      << none->explanation;
  req.systems = testing::choose({"hgx-h100", "hgx-b200"});
  auto blocked = plan_inference(req);
  ASSERT_TRUE(blocked.ok());
  EXPECT_EQ(blocked->explanation, "every system is unavailable for CN on 2025-05-01");
  for (const PlanRow& r : blocked->rows) {
    EXPECT_EQ(r.status, RowStatus::unavailable);
    EXPECT_FALSE(r.reason.empty());  // listed with the reason, not dropped
  }
}

TEST(PlanConstraints, BadRequestsAreRejectedWithMessages) {
  auto req = testing::plan_request("llama-3.1-8b", {"hgx-h100"}, 1e5);
  req.constraints.budget_usd = -5e6;
  auto neg = plan_inference(req);
  ASSERT_FALSE(neg.ok());
  EXPECT_EQ(neg.error().message, "--budget: $-5M is not positive: a budget must be above $0");
  req.constraints.budget_usd = 1e15;
  EXPECT_EQ(plan_inference(req).error().message, "--budget: $1e+15 is absurd (above $1e+13)");
  req.constraints.budget_usd.reset();
  req.constraints.power_w = 0;
  EXPECT_EQ(plan_inference(req).error().message, "--power: 0 W is not positive");
  req.constraints.power_w.reset();
  req.target_tps = 1e12;
  EXPECT_EQ(plan_inference(req).error().message, "--target: 1e+12 tokens/s is outside (0, 1e+10]");
  req.target_tps = 1e5;
  req.destination = testing::destination("ZZ", "2025-05-01");
  auto country = plan_inference(req);
  ASSERT_FALSE(country.ok());
  EXPECT_EQ(country.error().code, core::ErrorCode::not_found);
}

}  // namespace
}  // namespace suanli::search
