// access(): dated licensing outcomes, levies, caps and risks for chips and destinations, checked
// against the events of export_rules.md §B-G.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "suanli/policy/access.hpp"
#include "test_policy_fixture.hpp"

using namespace suanli;
using policy::AccessStatus;
using policy::ReviewPolicy;
using suanli::test::builtin_rules;
using suanli::test::catalog_chip;
using suanli::test::day;
using suanli::test::make_chip;
using ::testing::HasSubstr;

namespace {

policy::AccessResult ask(const hw::Chip& chip, const char* dest, const char* date,
                         const char* hq = "") {
  auto a = policy::access(builtin_rules(), chip, dest, day(date), hq);
  EXPECT_TRUE(a.ok()) << (a ? "" : a.error().describe());
  return a ? *a : policy::AccessResult{};
}

policy::AccessResult ask(const char* id, const char* dest, const char* date, const char* hq = "") {
  return ask(catalog_chip(id), dest, date, hq);
}

bool has_risk(const policy::AccessResult& a, const std::string& rule) {
  for (const auto& r : a.risks) {
    if (r.rule_id == rule) return true;
  }
  return false;
}

}  // namespace

TEST(PolicyAccess, H20ToChinaOverTime) {
  const auto y2024 = ask("nvidia-h20", "CN", "2024-06-01");
  EXPECT_EQ(y2024.status, AccessStatus::not_controlled);
  EXPECT_FALSE(y2024.review_policy);
  EXPECT_EQ(y2024.levy_percent, 0);
  EXPECT_TRUE(y2024.available);

  const auto may2025 = ask("nvidia-h20", "CN", "2025-05-01");
  EXPECT_EQ(may2025.status, AccessStatus::license_required);
  EXPECT_EQ(may2025.review_policy, ReviewPolicy::presumption_of_denial);
  EXPECT_FALSE(may2025.available);
  EXPECT_THAT(may2025.rules_applied, ::testing::Contains("us-2025-04-bandwidth-letters"));

  const auto sep2025 = ask("nvidia-h20", "CN", "2025-09-01");
  EXPECT_EQ(sep2025.status, AccessStatus::license_required);
  EXPECT_EQ(sep2025.review_policy, ReviewPolicy::presumption_of_approval);
  EXPECT_DOUBLE_EQ(sep2025.levy_percent, 15);
  EXPECT_TRUE(sep2025.available);
  ASSERT_EQ(sep2025.levies.size(), 1u);
  EXPECT_EQ(sep2025.levies[0].rule_id, "us-2025-08-h20-licences");
}

TEST(PolicyAccess, H200ToChinaFromDenialToCaseByCaseWithTheTariff) {
  const auto jun2025 = ask("nvidia-h200-sxm", "CN", "2025-06-01");
  EXPECT_EQ(jun2025.status, AccessStatus::license_required);
  EXPECT_EQ(jun2025.review_policy, ReviewPolicy::presumption_of_denial);
  EXPECT_EQ(jun2025.levy_percent, 0);

  const auto feb2026 = ask("nvidia-h200-sxm", "CN", "2026-02-01");
  EXPECT_EQ(feb2026.status, AccessStatus::license_required);
  EXPECT_EQ(feb2026.review_policy, ReviewPolicy::case_by_case);
  EXPECT_DOUBLE_EQ(feb2026.levy_percent, 25);
  EXPECT_THAT(feb2026.rules_applied, ::testing::Contains("us-2026-01-review-policy"));
  // PRC customs do not let it in: a blocking market-access measure.
  EXPECT_TRUE(has_risk(feb2026, "prc-2026-01-h200-customs"));
  EXPECT_FALSE(feb2026.available);
  EXPECT_THAT(feb2026.reason, HasSubstr("PRC customs"));
}

TEST(PolicyAccess, B200StaysUnderPresumptionOfDenial) {
  const auto a = ask("nvidia-b200", "CN", "2026-02-01");
  EXPECT_EQ(a.status, AccessStatus::license_required);
  EXPECT_EQ(a.review_policy, ReviewPolicy::presumption_of_denial);
  EXPECT_EQ(a.levy_percent, 0);
  EXPECT_FALSE(a.available);
}

TEST(PolicyAccess, H100ToATier2CountryUnderAndAfterAiDiffusion) {
  const auto during = ask("nvidia-h100-sxm", "IN", "2025-03-01");
  EXPECT_EQ(during.status, AccessStatus::license_exception);
  ASSERT_EQ(during.exceptions.size(), 1u);
  EXPECT_EQ(during.exceptions[0].name, "LPP");
  ASSERT_EQ(during.caps.size(), 2u);
  EXPECT_EQ(during.caps[0].name, "LPP");
  EXPECT_DOUBLE_EQ(during.caps[0].tpp, 26.9e6);
  EXPECT_DOUBLE_EQ(*during.caps[0].chips, 1699);
  EXPECT_EQ(during.caps[1].name, "country allocation");
  EXPECT_DOUBLE_EQ(*during.caps[1].chips, 49898);  // 790M / 15,832 = 49,898.9
  EXPECT_DOUBLE_EQ(*during.caps[1].raised_tpp, 1.58e9);

  const auto after = ask("nvidia-h100-sxm", "IN", "2025-06-01");
  EXPECT_EQ(after.status, AccessStatus::not_controlled);
  EXPECT_TRUE(after.caps.empty());
  bool ended = false;
  for (const auto& e : after.trace) {
    if (e.rule_id == "us-2025-01-ai-diffusion") {
      ended = e.outcome == policy::Outcome::ended;
      EXPECT_THAT(e.detail, HasSubstr("not enforced"));
    }
  }
  EXPECT_TRUE(ended);
}

TEST(PolicyAccess, AiDiffusionTier1ShipsUnderAia) {
  const auto a = ask("nvidia-h100-sxm", "DE", "2025-03-01");
  EXPECT_EQ(a.status, AccessStatus::license_exception);
  EXPECT_EQ(a.exceptions[0].name, "AIA");
  EXPECT_TRUE(a.caps.empty());
}

TEST(PolicyAccess, A800ToChinaBeforeAndAfterTheOctober2023Rule) {
  EXPECT_EQ(ask("nvidia-a800-sxm", "CN", "2023-06-01").status, AccessStatus::not_controlled);
  const auto a = ask("nvidia-a800-sxm", "CN", "2023-12-01");
  EXPECT_EQ(a.status, AccessStatus::license_required);
  EXPECT_EQ(a.review_policy, ReviewPolicy::presumption_of_denial);
}

TEST(PolicyAccess, MacauJoinedTheControlsInJanuary2023) {
  EXPECT_EQ(ask("nvidia-a100-sxm-80gb", "MO", "2022-12-01").status, AccessStatus::not_controlled);
  const auto a = ask("nvidia-a100-sxm-80gb", "MO", "2023-02-01");
  EXPECT_EQ(a.status, AccessStatus::license_required);
  bool amended = false;
  for (const auto& e : a.trace) {
    if (e.rule_id == "us-2022-10-licence")
      amended = e.detail.find("us-2023-01-macau") != std::string::npos;
  }
  EXPECT_TRUE(amended);
}

TEST(PolicyAccess, HongKongIsTreatedAsChina) {
  const auto a = ask("nvidia-h100-sxm", "HK", "2024-06-01");
  EXPECT_EQ(a.destination, "HK");
  EXPECT_EQ(a.treated_as, "CN");
  EXPECT_EQ(a.review_policy, ReviewPolicy::presumption_of_denial);
}

TEST(PolicyAccess, HeadquartersRuleReachesSubsidiariesAbroad) {
  EXPECT_EQ(ask("nvidia-h100-sxm", "MY", "2024-06-01").status, AccessStatus::not_controlled);
  const auto a = ask("nvidia-h100-sxm", "MY", "2024-06-01", "CN");
  EXPECT_EQ(a.status, AccessStatus::license_required);
  EXPECT_EQ(a.review_policy, ReviewPolicy::presumption_of_denial);
  EXPECT_EQ(a.headquarters, "CN");
  // Before the Oct-2023 rule there was no headquarters rule.
  EXPECT_EQ(ask("nvidia-h100-sxm", "MY", "2023-06-01", "CN").status, AccessStatus::not_controlled);
}

TEST(PolicyAccess, D4DestinationsOutsideD5AndIsraelViaA6) {
  const auto uae = ask("nvidia-h100-sxm", "AE", "2024-06-01");
  EXPECT_EQ(uae.status, AccessStatus::license_required);
  EXPECT_EQ(uae.review_policy, ReviewPolicy::presumption_of_approval);
  EXPECT_TRUE(uae.available);
  EXPECT_EQ(ask("nvidia-h100-sxm", "IL", "2024-06-01").status, AccessStatus::not_controlled);
}

TEST(PolicyAccess, NacAndAcaForGreyZoneDatacenterParts) {
  // L40-like: TPP 2896, PD 4.76 -> 3A090.b.1.
  const hw::Chip l40 = make_chip("l40-like", hw::Dtype::fp8, 362, 608.5, 864, 64);
  const auto cn2023 = ask(l40, "CN", "2024-01-10");
  EXPECT_EQ(cn2023.eccn, "3A090.b.1");
  EXPECT_EQ(cn2023.status, AccessStatus::license_exception);
  EXPECT_EQ(cn2023.exceptions[0].name, "NAC");
  EXPECT_TRUE(cn2023.exceptions[0].notification);
  // After 89 FR 23876 a D:1 destination outside D:5 uses ACA without notification.
  const auto vn = ask(l40, "VN", "2024-06-01");
  EXPECT_EQ(vn.status, AccessStatus::license_exception);
  EXPECT_EQ(vn.exceptions[0].name, "ACA");
  EXPECT_FALSE(vn.exceptions[0].notification);
  EXPECT_EQ(ask(l40, "CN", "2024-06-01").exceptions[0].name, "NAC");
}

TEST(PolicyAccess, PrcDesignedChipsCarryRisksNotUsLicences) {
  const auto home = ask("huawei-ascend-910b", "CN", "2025-06-01");
  EXPECT_EQ(home.status, AccessStatus::not_controlled);
  EXPECT_TRUE(has_risk(home, "us-2024-12-hbm"));
  EXPECT_FALSE(has_risk(home, "us-2025-05-gp10-ascend"));
  const auto abroad = ask("huawei-ascend-910b", "MY", "2025-06-01");
  EXPECT_TRUE(has_risk(abroad, "us-2025-05-gp10-ascend"));
  EXPECT_FALSE(has_risk(ask("huawei-ascend-910b", "MY", "2025-05-12"), "us-2025-05-gp10-ascend"));
}

TEST(PolicyAccess, PrcProcurementGuidanceIsARiskForForeignChips) {
  const auto a = ask("nvidia-h20", "CN", "2025-12-01");
  EXPECT_TRUE(has_risk(a, "prc-2025-11-domestic-chips"));
  EXPECT_TRUE(a.available);
}

TEST(PolicyAccess, RtxPro6000DWasShapedUnderTheBandwidthLetters) {
  const auto a = ask("nvidia-rtx-pro-6000d", "CN", "2025-09-01");
  for (const auto& e : a.trace) {
    if (e.rule_id == "us-2025-04-bandwidth-letters") {
      EXPECT_EQ(e.outcome, policy::Outcome::not_applicable) << e.detail;
    }
  }
}

TEST(PolicyAccess, NoExportToTheUnitedStates) {
  const auto a = ask("nvidia-b200", "US", "2025-03-01");
  EXPECT_EQ(a.status, AccessStatus::not_controlled);
}

TEST(PolicyAccess, UnknownCountryCodesGetDidYouMean) {
  auto bad = policy::access(builtin_rules(), catalog_chip("nvidia-h20"), "XX", day("2025-05-01"));
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, core::ErrorCode::not_found);
  EXPECT_EQ(bad.error().message,
            "unknown country code 'XX': expected an ISO 3166-1 alpha-2 code such as CN, US or AE");
  auto name =
      policy::access(builtin_rules(), catalog_chip("nvidia-h20"), "China", day("2025-05-01"));
  ASSERT_FALSE(name.ok());
  EXPECT_THAT(name.error().hints, ::testing::Contains("did you mean 'CN' (China)?"));
  auto hq =
      policy::access(builtin_rules(), catalog_chip("nvidia-h20"), "CN", day("2025-05-01"), "ZZ");
  ASSERT_FALSE(hq.ok());
  EXPECT_THAT(hq.error().message, ::testing::StartsWith("headquarters: unknown country code 'ZZ'"));
  // Lower case is accepted.
  EXPECT_TRUE(
      policy::access(builtin_rules(), catalog_chip("nvidia-h20"), "cn", day("2025-05-01")).ok());
}
