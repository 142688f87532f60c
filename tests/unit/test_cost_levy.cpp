// The levy is applied only when the policy engine reports one for the destination and date: the
// plan's levy equals access()'s, the capex carries hardware x levy (x pass-through), and no
// destination means no levy.
#include <gtest/gtest.h>

#include "../property/plan_fixture.hpp"
#include "suanli/policy/access.hpp"

namespace suanli::search {
namespace {

struct Case {
  const char* system;
  const char* date;
};

TEST(CostLevy, FollowsThePolicyEngine) {
  const catalog::Catalog& cat = testing::plan_catalog();
  bool saw_levy = false;
  bool saw_none = false;
  for (const Case& c : {Case{"hgx-h20", "2025-05-01"}, Case{"hgx-h20", "2025-09-01"},
                        Case{"hgx-h200", "2026-02-01"}, Case{"atlas-800t-a2", "2026-02-01"},
                        Case{"hgx-h100", "2026-02-01"}}) {
    auto req = testing::plan_request("llama-3.1-8b", {c.system}, 1e5, "CN");
    req.destination = testing::destination("CN", c.date);
    auto res = plan_inference(req);
    ASSERT_TRUE(res.ok()) << res.error().describe();
    const PlanRow& row = res->rows.front();
    const hw::Chip& chip = *cat.find_chip(row.chip)->item;
    auto acc = policy::access(cat.policies, chip, "CN", req.destination.date);
    ASSERT_TRUE(acc.ok());
    EXPECT_DOUBLE_EQ(row.levy_percent, acc->levy_percent) << c.system << " " << c.date;
    EXPECT_EQ(row.available, acc->available) << c.system << " " << c.date;
    EXPECT_DOUBLE_EQ(row.capex.levy_usd, row.capex.hardware_usd * acc->levy_percent / 100)
        << c.system << " " << c.date;
    saw_levy = saw_levy || acc->levy_percent > 0;
    saw_none = saw_none || acc->levy_percent == 0;
  }
  EXPECT_TRUE(saw_levy);  // the catalog has a levy among these cases (H20 15%, H200 25%)
  EXPECT_TRUE(saw_none);
}

TEST(CostLevy, NoDestinationMeansNoLevy) {
  auto req = testing::plan_request("llama-3.1-8b", {"hgx-h20", "hgx-h200"}, 1e5);
  auto res = plan_inference(req);
  ASSERT_TRUE(res.ok());
  for (const PlanRow& r : res->rows) {
    EXPECT_TRUE(r.available);
    EXPECT_DOUBLE_EQ(r.levy_percent, 0);
    EXPECT_DOUBLE_EQ(r.capex.levy_usd, 0);
  }
}

TEST(CostLevy, PassThroughZeroRemovesTheLevyFromTheCost) {
  auto req = testing::plan_request("llama-3.1-8b", {"hgx-h20"}, 1e5, "CN");
  req.destination = testing::destination("CN", "2025-09-01");
  auto with = plan_inference(req);
  req.assumptions.levy_pass_through = 0;
  auto without = plan_inference(req);
  ASSERT_TRUE(with.ok() && without.ok());
  EXPECT_GT(with->rows[0].levy_percent, 0);
  EXPECT_DOUBLE_EQ(without->rows[0].capex.levy_usd, 0);
  EXPECT_GT(with->rows[0].tokens.usd_per_m_output, without->rows[0].tokens.usd_per_m_output);
}

}  // namespace
}  // namespace suanli::search
