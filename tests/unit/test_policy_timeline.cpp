#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "suanli/policy/timeline.hpp"
#include "test_policy_fixture.hpp"

using namespace suanli;
using suanli::test::builtin_rules;
using suanli::test::catalog_chip;

TEST(PolicyTimeline, ListsEveryEventInDateOrder) {
  auto all = policy::timeline(builtin_rules(), {});
  ASSERT_TRUE(all.ok());
  ASSERT_GE(all->size(), builtin_rules().rules.size());
  for (std::size_t i = 1; i < all->size(); ++i) EXPECT_LE((*all)[i - 1].date, (*all)[i].date);
  // Rescinded and superseded rules contribute an end entry.
  bool diffusion_end = false;
  for (const auto& e : *all) {
    if (e.rule_id == "us-2025-01-ai-diffusion" && e.date.to_string() == "2025-05-13") {
      diffusion_end = e.change.rfind("ends: not enforced", 0) == 0;
    }
  }
  EXPECT_TRUE(diffusion_end);
}

TEST(PolicyTimeline, H20ToChinaShowsEachChangeOfItsAnswer) {
  policy::TimelineQuery q;
  q.chip = &catalog_chip("nvidia-h20");
  q.destination = "CN";
  auto t = policy::timeline(builtin_rules(), q);
  ASSERT_TRUE(t.ok());
  std::vector<std::string> changes;
  for (const auto& e : *t) {
    if (e.changed) changes.push_back(e.date.to_string() + " " + e.rule_id);
  }
  EXPECT_THAT(changes, ::testing::IsSupersetOf({"2025-04-09 us-2025-04-bandwidth-letters",
                                                "2025-08-08 us-2025-08-h20-licences",
                                                "2025-11-05 prc-2025-11-domestic-chips"}));
  for (const auto& e : *t) {
    EXPECT_NE(e.rule_id, "us-2026-01-section232-tariff");  // H20 is outside both bands
    if (e.rule_id == "us-2025-08-h20-licences") {
      EXPECT_EQ(e.status, policy::AccessStatus::license_required);
      EXPECT_DOUBLE_EQ(*e.levy_percent, 15);
    }
  }
}

TEST(PolicyTimeline, DestinationFilterDropsRulesThatCannotReachIt) {
  policy::TimelineQuery q;
  q.destination = "JP";
  auto t = policy::timeline(builtin_rules(), q);
  ASSERT_TRUE(t.ok());
  for (const auto& e : *t) {
    EXPECT_NE(e.rule_id, "us-2022-10-licence");
    EXPECT_NE(e.rule_id, "prc-2025-11-domestic-chips");
  }
}

TEST(PolicyTimeline, UnknownDestinationIsAnError) {
  policy::TimelineQuery q;
  q.destination = "CHN";
  auto t = policy::timeline(builtin_rules(), q);
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.error().message,
            "unknown country code 'CHN': expected an ISO 3166-1 alpha-2 code such as CN, US or AE");
}
