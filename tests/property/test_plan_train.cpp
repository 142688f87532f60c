// Training plans: every ok row finishes within the days, buys whole units covering the job,
// prices the run as chip-hours x the chip-hour cost, and respects the budget; bad values are
// refused with the flag named.
#include <gtest/gtest.h>

#include "plan_fixture.hpp"
#include "suanli/search/plan_train.hpp"

namespace suanli::search {
namespace {

TrainPlanRequest train_request(double days) {
  const catalog::Catalog& cat = testing::plan_catalog();
  TrainPlanRequest r;
  r.model = cat.find_model("llama-3.1-8b")->item;
  r.workload.seq_len = 4096;
  r.tokens = 1e12;
  r.days = days;
  r.systems = testing::choose({"hgx-h100", "atlas-800t-a2", "gb200-nvl72"});
  r.efficiency = &cat.efficiency;
  r.profiles = &cat.profiles;
  r.prices = &cat.prices;
  r.assumptions = *cost::resolve_assumptions(cat.prices, {}, cost::Usage::training, "");
  return r;
}

TEST(PlanTrain, RowsMeetTheDaysInWholeUnits) {
  const TrainPlanRequest req = train_request(30);
  auto res = plan_training(req);
  ASSERT_TRUE(res.ok()) << res.error().describe();
  ASSERT_GT(res->n_ok, 0);
  EXPECT_EQ(res->rows.front().status, RowStatus::ok);
  for (const TrainPlanRow& r : res->rows) {
    if (r.status != RowStatus::ok) continue;
    EXPECT_LE(r.days, req.days) << r.system;
    EXPECT_GE(r.chips, r.job_chips) << r.system;
    EXPECT_EQ(r.chips % (r.chips / r.units), 0) << r.system;
    EXPECT_DOUBLE_EQ(r.run.usd, r.run.chip_hours * r.hour.total()) << r.system;
    EXPECT_NEAR(r.run.chip_hours, static_cast<double>(r.chips) * r.days * 24,
                1e-6 * r.run.chip_hours);
  }
  for (std::size_t i = 1; i < res->rows.size(); ++i) {
    const auto& a = res->rows[i - 1];
    const auto& b = res->rows[i];
    if (a.status == RowStatus::ok && b.status == RowStatus::ok) {
      EXPECT_LE(a.run.usd, b.run.usd);
    }
  }
  EXPECT_FALSE(res->pareto.empty());
}

TEST(PlanTrain, BudgetIsRespectedAndExplained) {
  TrainPlanRequest req = train_request(30);
  req.constraints.budget_usd = 1;
  auto res = plan_training(req);
  ASSERT_TRUE(res.ok());
  EXPECT_EQ(res->n_ok, 0);
  EXPECT_EQ(res->explanation.rfind("no system meets the request: ", 0), 0u) << res->explanation;
}

TEST(PlanTrain, BadValuesAreRefused) {
  TrainPlanRequest req = train_request(0);
  EXPECT_EQ(plan_training(req).error().message, "--days: 0 days is outside (0, 3650]");
  req = train_request(30);
  req.tokens = 1e17;
  EXPECT_EQ(plan_training(req).error().message, "--tokens: 1e+17 tokens is outside (0, 1e16]");
  req = train_request(30);
  req.batch_tokens = 100;
  EXPECT_EQ(plan_training(req).error().message,
            "--batch-tokens: 100 tokens per step must be between the sequence length (4096) and "
            "1e9");
}

}  // namespace
}  // namespace suanli::search
