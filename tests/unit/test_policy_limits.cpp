// design_limits(): the largest TPP and bandwidths a design of a given die area can have and stay
// outside each control (how H20, L20 and RTX PRO 6000D were shaped).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "suanli/policy/limits.hpp"
#include "test_policy_fixture.hpp"

using namespace suanli;
using suanli::test::builtin_rules;
using suanli::test::day;

namespace {

policy::DesignLimits limits(double area, const char* date, bool datacenter = true) {
  auto l = policy::design_limits(builtin_rules(), area, day(date), datacenter);
  EXPECT_TRUE(l.ok()) << (l ? "" : l.error().describe());
  return l ? *l : policy::DesignLimits{};
}

std::optional<double> bound(const policy::DesignLimits& l, policy::Metric m) {
  for (const auto& c : l.outside) {
    if (c.metric == m && c.bound == policy::Bound::below) return c.value;
  }
  return std::nullopt;
}

}  // namespace

TEST(PolicyLimits, H20DieStaysBelowTheB1Line) {
  // 814 mm2 (GH100): b.1 starts at TPP 2400; b.2 would start at 3.2 x 814 = 2604.8.
  const auto l = limits(814, "2024-06-01");
  ASSERT_TRUE(l.max_tpp);
  EXPECT_DOUBLE_EQ(*l.max_tpp, 2400);
  EXPECT_EQ(l.max_tpp_from, "3A090.b.1 (us-2023-11-3a090)");
  EXPECT_FALSE(bound(l, policy::Metric::dram_bandwidth));  // no bandwidth letters yet
}

TEST(PolicyLimits, L20DieIsLimitedByDensity) {
  // 608.5 mm2 (AD102): b.2 starts at 3.2 x 608.5 = 1947.2, and the L20 sits at 1912.
  const auto l = limits(608.5, "2024-06-01");
  EXPECT_NEAR(*l.max_tpp, 1947.2, 1e-9);
  EXPECT_EQ(l.max_tpp_from, "3A090.b.2 (us-2023-11-3a090)");
}

TEST(PolicyLimits, After2025TheBandwidthLettersAddMemoryAndIoCeilings) {
  // RTX PRO 6000D (GB202, 750 mm2): DRAM 1,398 GB/s and I/O 128 GB/s fit under all three.
  const auto l = limits(750, "2025-09-01");
  EXPECT_DOUBLE_EQ(*l.max_tpp, 2400);
  EXPECT_DOUBLE_EQ(*bound(l, policy::Metric::dram_bandwidth), 1400);
  EXPECT_DOUBLE_EQ(*bound(l, policy::Metric::io_bandwidth), 1100);
  EXPECT_DOUBLE_EQ(*bound(l, policy::Metric::dram_plus_io), 1700);
}

TEST(PolicyLimits, The2022RuleCouldBeEscapedThroughIo) {
  const auto l = limits(826, "2023-06-01");
  EXPECT_DOUBLE_EQ(*l.max_tpp, 4800);
  ASSERT_EQ(l.rules.size(), 1u);
  ASSERT_EQ(l.rules[0].paragraphs.size(), 1u);
  ASSERT_EQ(l.rules[0].paragraphs[0].also.size(), 1u);
  EXPECT_EQ(policy::describe(l.rules[0].paragraphs[0].also[0]), "io_bandwidth >= 600 GB/s");
}

TEST(PolicyLimits, NonDatacenterDesignsAnswerOnlyToTpp4800) {
  EXPECT_DOUBLE_EQ(*limits(300, "2024-06-01", false).max_tpp, 4800);
  // A small datacenter die is caught by a.2 early: 5.92 x 200 = 1184, but a.2 needs TPP >= 1600.
  EXPECT_DOUBLE_EQ(*limits(200, "2024-06-01").max_tpp, 1600);
}

TEST(PolicyLimits, Jan2026WindowAndTariffBandsAreReported) {
  const auto l = limits(800, "2026-02-01");
  bool eligible = false;
  bool bands = false;
  for (const auto& r : l.rules) {
    if (r.rule_id == "us-2026-01-review-policy") {
      eligible = r.purpose == "eligible" && r.stay.size() == 2 && r.stay[0].value == 21000;
    }
    if (r.rule_id == "us-2026-01-section232-tariff")
      bands = r.purpose == "avoid" && r.bands.size() == 2;
  }
  EXPECT_TRUE(eligible);
  EXPECT_TRUE(bands);
}

TEST(PolicyLimits, RejectsNonPositiveAreasAndEarlyDates) {
  auto zero = policy::design_limits(builtin_rules(), 0, day("2025-01-01"));
  ASSERT_FALSE(zero.ok());
  EXPECT_EQ(zero.error().message, "die area 0 mm2 is not a positive area");
  EXPECT_FALSE(policy::design_limits(builtin_rules(), 800, day("2019-01-01")).ok());
}
