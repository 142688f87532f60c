// Cost inputs: rate parsing, override range checks with messages, resolution of the electricity
// region (destination, explicit region, default with a note), and the plan's target parser.
#include <gtest/gtest.h>

#include "suanli/cost/assumptions.hpp"
#include "suanli/search/plan_request.hpp"

namespace suanli::cost {
namespace {

PriceBook small_book() {
  PriceBook b;
  b.electricity.push_back(ElectricityRate{"CN", "China", 0.088, "2024", "cb", ""});
  b.electricity.push_back(ElectricityRate{"US", "US", 0.0755, "2024", "eia", ""});
  b.defaults.amortization_years = {4, "s", ""};
  b.defaults.utilization_inference = {0.7, "s", ""};
  b.defaults.utilization_training = {0.9, "s", ""};
  b.defaults.pue = {1.3, "s", ""};
  b.defaults.region = "US";
  return b;
}

TEST(CostInputs, ParsesRates) {
  EXPECT_DOUBLE_EQ(*parse_usd_per("0.08 USD/kWh", "kWh"), 0.08);
  EXPECT_DOUBLE_EQ(*parse_usd_per("$0.08/kWh", "kWh"), 0.08);
  EXPECT_DOUBLE_EQ(*parse_usd_per("2.5 USD/h", "h"), 2.5);
  EXPECT_DOUBLE_EQ(*parse_usd_per("184 USD/kW/month", "kW/month"), 184);
  auto bad = parse_usd_per("0.08", "kWh");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().message,
            "'0.08' is not a price per kWh (e.g. '0.08 USD/kWh' or '$0.08/kWh')");
  auto neg = parse_usd_per("-1 USD/kWh", "kWh");
  ASSERT_FALSE(neg.ok());
  EXPECT_EQ(neg.error().message, "'-1 USD/kWh' is negative: a price cannot be below 0");
  EXPECT_FALSE(parse_usd_per("0.08 EUR/kWh", "kWh").ok());
}

TEST(CostInputs, RegionFollowsDestinationThenDefault) {
  const PriceBook b = small_book();
  auto cn = resolve_assumptions(b, {}, Usage::inference, "CN");
  ASSERT_TRUE(cn.ok());
  EXPECT_EQ(cn->region, "CN");
  EXPECT_DOUBLE_EQ(cn->usd_per_kwh, 0.088);
  EXPECT_DOUBLE_EQ(cn->utilization, 0.7);
  auto de = resolve_assumptions(b, {}, Usage::training, "DE");
  ASSERT_TRUE(de.ok());
  EXPECT_EQ(de->region, "US");
  EXPECT_DOUBLE_EQ(de->utilization, 0.9);
  ASSERT_EQ(de->notes.size(), 1u);
  EXPECT_EQ(de->notes[0], "no electricity price for DE; using region US");
  Overrides o;
  o.region = "UX";
  auto bad = resolve_assumptions(b, o, Usage::inference, "");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, core::ErrorCode::not_found);
  EXPECT_EQ(bad.error().message, "--region: no electricity price for region 'UX'");
  ASSERT_FALSE(bad.error().hints.empty());
  EXPECT_NE(bad.error().hints[0].find("US"), std::string::npos);
}

TEST(CostInputs, OverridesWinAndAreRangeChecked) {
  const PriceBook b = small_book();
  Overrides o;
  o.pue = 1.1;
  o.usd_per_kwh = 0.05;
  auto a = resolve_assumptions(b, o, Usage::inference, "CN");
  ASSERT_TRUE(a.ok());
  EXPECT_DOUBLE_EQ(a->pue, 1.1);
  EXPECT_DOUBLE_EQ(a->usd_per_kwh, 0.05);
  EXPECT_EQ(a->electricity_source, "--electricity");
  o.pue = 50;
  auto absurd = resolve_assumptions(b, o, Usage::inference, "");
  ASSERT_FALSE(absurd.ok());
  EXPECT_EQ(absurd.error().code, core::ErrorCode::usage);
  EXPECT_EQ(absurd.error().describe(), "--pue: 50 is outside the plausible range 1 .. 5");
  Overrides u;
  u.utilization = 0;
  EXPECT_EQ(resolve_assumptions(b, u, Usage::inference, "").error().describe(),
            "--utilization: 0 is outside the plausible range above 0 .. 1");
  Overrides p;
  p.prices["acme"] = -5;
  EXPECT_EQ(resolve_assumptions(b, p, Usage::inference, "").error().describe(),
            "--price: -5 is outside the plausible range above 0 .. 1e+10");
}

}  // namespace
}  // namespace suanli::cost

namespace suanli::search {
namespace {

TEST(PlanTarget, ParsesTokensPerSecond) {
  EXPECT_DOUBLE_EQ(*parse_target("1M-tok/s"), 1e6);
  EXPECT_DOUBLE_EQ(*parse_target("250k tok/s"), 2.5e5);
  EXPECT_DOUBLE_EQ(*parse_target("5000tok/s"), 5000);
  EXPECT_DOUBLE_EQ(*parse_target("2.5M tokens/s"), 2.5e6);
}

TEST(PlanTarget, RejectsOtherTimeBasesAndAbsurdValues) {
  auto per_min = parse_target("1M-tok/min");
  ASSERT_FALSE(per_min.ok());
  EXPECT_EQ(per_min.error().code, core::ErrorCode::usage);
  EXPECT_EQ(per_min.error().message,
            "--target: '1M-tok/min' is not a throughput target (e.g. "
            "'1M-tok/s')");
  EXPECT_EQ(per_min.error().problems.at(0).message,
            "per 'min' is not supported: the target is in tokens per second (tok/s); convert "
            "first, e.g. 60M tok/min = 1M-tok/s");
  EXPECT_EQ(parse_target("1M").error().problems.at(0).message,
            "no unit: give tokens per second, e.g. '1M-tok/s'");
  EXPECT_EQ(parse_target("1M-req/s").error().problems.at(0).message,
            "the unit must be tok/s (or tokens/s)");
  EXPECT_EQ(parse_target("0-tok/s").error().problems.at(0).message,
            "the target must be above 0 tokens/s");
  EXPECT_EQ(parse_target("1e15-tok/s").error().problems.at(0).message,
            "1e+15 tokens/s is absurd (above 1e+10, far beyond any fleet)");
  EXPECT_FALSE(parse_target("lots-tok/s").ok());
  EXPECT_FALSE(parse_target("-5-tok/s").ok());
}

TEST(PlanObjective, ParsesNames) {
  EXPECT_EQ(parse_objective("latency"), Objective::latency);
  EXPECT_EQ(to_string(Objective::energy), "energy");
  EXPECT_FALSE(parse_objective("speed").has_value());
}

}  // namespace
}  // namespace suanli::search
