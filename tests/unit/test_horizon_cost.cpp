// Horizon cost (docs/models/cost.md §horizon): stranded capacity when a chip stops being
// obtainable mid-horizon, the lost tokens served by a replacement at its cost per token, the
// port onto its stack, the horizon total and its cost per token, with hand-computed values.
#include <gtest/gtest.h>

#include "suanli/cost/horizon.hpp"

namespace suanli::cost {
namespace {

// A fleet of 500 chips serving 1000 tok/s for 48 months at $1M; supply stops at month 24.
HorizonInputs two_years_without_supply() {
  HorizonInputs in;
  in.horizon_months = 48;
  in.stop_month = 24;
  in.resume_month = 48;
  in.fleet_chips = 500;
  in.served_tps = 1000;
  in.base_usd = 1e6;
  in.failure_rate = 0.1;
  in.replacement_usd_per_m = 0.5;
  in.replacement_porting_usd = 96000;
  return in;
}

}  // namespace

TEST(HorizonCost, StrandedUnitsAreReplacedAtTheReplacementsCost) {
  const HorizonCost c = horizon_cost(two_years_without_supply());
  EXPECT_DOUBLE_EQ(c.months_without_supply, 24);
  EXPECT_DOUBLE_EQ(c.stranded_fraction, 0.2);  // 0.1/year x 2 years
  EXPECT_DOUBLE_EQ(c.stranded_chips, 100);
  EXPECT_DOUBLE_EQ(c.stranded_tps, 200);
  // 1000 tok/s x 31,536,000 s/year x (0.1 x 2^2 / 2) years
  EXPECT_DOUBLE_EQ(c.lost_tokens, 6.3072e9);
  EXPECT_NEAR(c.replacement_usd, 3153.6, 1e-9);  // 6.3072e9 tokens x $0.5/M
  EXPECT_DOUBLE_EQ(c.porting_usd, 96000);
  EXPECT_NEAR(c.total_usd, 1099153.6, 1e-6);
  EXPECT_DOUBLE_EQ(c.served_tokens, 1.26144e11);  // every token of the 48 months is served
  EXPECT_NEAR(c.usd_per_m_output, 8.713483, 1e-6);
}

TEST(HorizonCost, FailuresSaturateAtTheWholeFleet) {
  HorizonInputs in = two_years_without_supply();
  in.stop_month = 0;
  in.failure_rate = 0.5;  // the whole fleet has failed after 2 of the 4 years
  const HorizonCost c = horizon_cost(in);
  EXPECT_DOUBLE_EQ(c.stranded_fraction, 1);
  EXPECT_DOUBLE_EQ(c.stranded_chips, 500);
  EXPECT_DOUBLE_EQ(c.lost_tokens, 1000 * 31536000.0 * 3);  // 4 - 1 / (2 x 0.5) years
}

TEST(HorizonCost, WithoutReplacementTheLostTokensAreNotServed) {
  HorizonInputs in = two_years_without_supply();
  in.stop_month = 0;
  in.failure_rate = 0.5;
  in.replacement_usd_per_m.reset();
  const HorizonCost c = horizon_cost(in);
  EXPECT_DOUBLE_EQ(c.replacement_usd, 0);
  EXPECT_DOUBLE_EQ(c.porting_usd, 0);
  EXPECT_DOUBLE_EQ(c.total_usd, 1e6);
  EXPECT_DOUBLE_EQ(c.served_tokens, 1000 * 31536000.0 * 1);  // 4 years less 3 lost
  EXPECT_NEAR(c.usd_per_m_output, 31.709792, 1e-6);
}

TEST(HorizonCost, SupplyThatResumesEndsTheStranding) {
  HorizonInputs in = two_years_without_supply();
  in.stop_month = 12;
  in.resume_month = 24;
  const HorizonCost c = horizon_cost(in);
  EXPECT_DOUBLE_EQ(c.months_without_supply, 12);
  EXPECT_DOUBLE_EQ(c.stranded_fraction, 0.1);
  EXPECT_DOUBLE_EQ(c.lost_tokens, 1000 * 31536000.0 * 0.05);  // 0.1 x 1^2 / 2 years
}

TEST(HorizonCost, NoFailuresNoStranding) {
  HorizonInputs in = two_years_without_supply();
  in.failure_rate = 0;
  const HorizonCost c = horizon_cost(in);
  EXPECT_DOUBLE_EQ(c.stranded_chips, 0);
  EXPECT_DOUBLE_EQ(c.lost_tokens, 0);
  EXPECT_DOUBLE_EQ(c.total_usd, 1e6 + 96000);  // the port is still paid
}

}  // namespace suanli::cost
