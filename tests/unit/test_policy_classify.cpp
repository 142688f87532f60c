// classify() on the catalog chips reproduces export_rules.md §E-F: TPP, PD and the 3A090 class
// under the Oct-2022 and Oct-2023 rules, and die-area break-points where the die area is unknown.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "suanli/policy/classify.hpp"
#include "test_policy_fixture.hpp"

using namespace suanli;
using suanli::test::builtin_rules;
using suanli::test::catalog_chip;
using suanli::test::day;
using suanli::test::make_chip;

namespace {

policy::Classification classify_at(const hw::Chip& chip, const char* date) {
  auto c = policy::classify(builtin_rules(), chip, day(date));
  EXPECT_TRUE(c.ok()) << (c ? "" : c.error().describe());
  return c ? *c : policy::Classification{};
}

struct Row {
  const char* id;
  double tpp;         // §E TPP (max)
  double pd;          // §E PD, 0 when the die area is not published
  const char* c2022;  // class on 2023-06-01 (Oct-2022 rule), "" when not asserted
  const char* c2023;  // class on 2024-06-01 (Oct-2023 rule)
};

// Every catalog chip with sourced figures in export_rules.md §E (and the chips_extra additions).
const Row rows[] = {
    {"nvidia-a100-sxm-80gb", 4992, 6.04, "3A090.a.1", "3A090.a.1"},
    {"nvidia-a800-sxm", 4992, 6.04, "not_3A090", "3A090.a.1"},
    {"nvidia-h100-sxm", 15832, 19.45, "3A090.a.1", "3A090.a.1"},
    {"nvidia-h100-pcie", 12104, 14.87, "3A090.a.1", "3A090.a.1"},
    {"nvidia-h800-sxm", 15832, 19.45, "not_3A090", "3A090.a.1"},
    {"nvidia-h20", 2368, 2.91, "not_3A090", "not_3A090"},
    {"nvidia-h200-sxm", 15832, 19.45, "", "3A090.a.1"},
    {"nvidia-h200-nvl", 13368, 16.42, "", "3A090.a.1"},
    {"nvidia-b200", 36000, 0, "", "3A090.a.1"},
    {"nvidia-b300", 54000, 0, "", "3A090.a.1"},
    {"nvidia-gb200", 40000, 0, "", "3A090.a.1"},
    {"nvidia-rtx-pro-6000", 8000, 10.67, "not_3A090", "3A090.a.1"},
    {"nvidia-l20", 1912, 3.14, "not_3A090", "not_3A090"},
    {"nvidia-l40s", 5864, 9.64, "not_3A090", "3A090.a.1"},
    {"amd-mi300x", 20919, 0, "", "3A090.a.1"},
    {"amd-mi325x", 20919, 0, "", "3A090.a.1"},
    {"amd-mi355x", 40266, 0, "", "3A090.a.1"},
    {"huawei-ascend-910", 4096, 6.56, "not_3A090", "3A090.a.2"},
    {"huawei-ascend-910b", 6016, 0, "", "3A090.a.1"},
    {"huawei-ascend-910c", 12032, 0, "", "3A090.a.1"},
    {"biren-br100", 16384, 15.26, "", "3A090.a.1"},
    {"google-tpu-v5p", 7344, 0, "", "3A090.a.1"},
    {"google-tpu-v6e", 14688, 0, "", "3A090.a.1"},
    {"google-tpu-v7", 36912, 0, "", "3A090.a.1"},
    {"intel-gaudi3", 29360, 0, "", "3A090.a.1"},
    {"aws-trainium2", 10672, 0, "", "3A090.a.1"},
    {"moore-threads-s5000", 8000, 0, "", "3A090.a.1"},
    {"moore-threads-s80", 461, 0, "not_3A090", "not_3A090"},
    {"nvidia-l2", 1544, 0, "", "not_3A090"},
    {"nvidia-rtx-4090", 5285, 0, "", "3A090.a.1"},
    {"nvidia-v100-sxm2-32gb", 2000, 0, "", "not_3A090"},
};

}  // namespace

TEST(PolicyClassify, ReproducesTheWorkedArithmeticForEveryChipWithFigures) {
  for (const Row& r : rows) {
    SCOPED_TRACE(r.id);
    const hw::Chip& chip = catalog_chip(r.id);
    const auto c = classify_at(chip, "2024-06-01");
    ASSERT_TRUE(c.metrics.tpp.value);
    EXPECT_NEAR(*c.metrics.tpp.value, r.tpp, 1.0);
    if (r.pd > 0) {
      ASSERT_TRUE(c.metrics.performance_density.value);
      EXPECT_NEAR(*c.metrics.performance_density.value, r.pd, 0.006);
    }
    EXPECT_EQ(c.eccn, r.c2023);
    EXPECT_EQ(c.rule_id, "us-2023-11-3a090");
    if (*r.c2022 != '\0') {
      EXPECT_EQ(classify_at(chip, "2023-06-01").eccn, r.c2022);
    }
  }
}

TEST(PolicyClassify, H20MissesEveryParagraphByItsDesignMargins) {
  const auto c = classify_at(catalog_chip("nvidia-h20"), "2025-05-01");
  EXPECT_EQ(c.eccn, "not_3A090");
  // b.1 needs TPP >= 2400 (H20 2368) and b.2 needs PD >= 3.2 (H20 2.91): both fail in the trace.
  bool b1_tpp_failed = false;
  bool b2_pd_failed = false;
  for (const auto& e : c.trace) {
    if (e.step == "3A090.b.1" && e.metric == "tpp" && e.threshold == ">= 2400") {
      b1_tpp_failed = e.outcome == policy::Outcome::fail;
    }
    if (e.step == "3A090.b.2" && e.metric == "performance_density" && e.threshold == ">= 3.2") {
      b2_pd_failed = e.outcome == policy::Outcome::fail;
      EXPECT_EQ(e.citation.substr(0, 11), "88 FR 73458");
    }
  }
  EXPECT_TRUE(b1_tpp_failed);
  EXPECT_TRUE(b2_pd_failed);
}

TEST(PolicyClassify, A800WasOutsideThe2022RuleOnlyBecauseOfItsIo) {
  const auto before = classify_at(catalog_chip("nvidia-a800-sxm"), "2023-11-16");
  EXPECT_EQ(before.eccn, "not_3A090");
  EXPECT_EQ(before.rule_id, "us-2022-10-3a090");
  const auto after = classify_at(catalog_chip("nvidia-a800-sxm"), "2023-11-17");
  EXPECT_EQ(after.eccn, "3A090.a.1");
  // The superseded rule is listed as ended in the trace.
  bool ended = false;
  for (const auto& e : after.trace) {
    if (e.rule_id == "us-2022-10-3a090") ended = e.outcome == policy::Outcome::ended;
  }
  EXPECT_TRUE(ended);
}

TEST(PolicyClassify, NoRuleBeforeOctober2022) {
  const auto c = classify_at(catalog_chip("nvidia-h100-sxm"), "2022-06-01");
  EXPECT_EQ(c.eccn, "not_3A090");
  EXPECT_EQ(c.rule_id, "");
  bool not_yet = false;
  for (const auto& e : c.trace) {
    if (e.rule_id == "us-2023-11-3a090") not_yet = e.outcome == policy::Outcome::not_in_force;
  }
  EXPECT_TRUE(not_yet);
}

TEST(PolicyClassify, UnknownDieAreaGivesBreakPointsNotAGuess) {
  struct Case {
    const char* id;
    std::vector<std::pair<double, std::string>> bands;  // upper end (0 = open), class
  };
  const Case cases[] = {
      {"moore-threads-s4000", {{270.27, "3A090.a.2"}, {500, "3A090.b.2"}, {0, "not_3A090"}}},
      {"cambricon-mlu370-x8", {{345.95, "3A090.a.2"}, {640, "3A090.b.2"}, {0, "not_3A090"}}},
      // Where b.1 and b.2 both hold (TPP 2400-4800, PD 3.2-5.92) the first paragraph in the
      // CCL order, b.1, is reported; export_rules.md labels that band b.2. Both are 3A090.b.
      {"metax-c500", {{756.76, "3A090.a.2"}, {2800, "3A090.b.1"}, {0, "not_3A090"}}},
      {"iluvatar-bi-v100", {{397.3, "3A090.a.2"}, {735, "3A090.b.2"}, {0, "not_3A090"}}},
      {"google-tpu-v5e", {{532.43, "3A090.a.2"}, {1970, "3A090.b.1"}, {0, "not_3A090"}}},
  };
  for (const Case& k : cases) {
    SCOPED_TRACE(k.id);
    const auto c = classify_at(catalog_chip(k.id), "2025-06-01");
    EXPECT_EQ(c.eccn, "indeterminate");
    ASSERT_EQ(c.die_area_bands.size(), k.bands.size());
    for (std::size_t i = 0; i < k.bands.size(); ++i) {
      EXPECT_EQ(c.die_area_bands[i].eccn, k.bands[i].second);
      if (k.bands[i].first > 0) {
        ASSERT_TRUE(c.die_area_bands[i].up_to_mm2);
        EXPECT_NEAR(*c.die_area_bands[i].up_to_mm2, k.bands[i].first, 0.01);
      } else {
        EXPECT_FALSE(c.die_area_bands[i].up_to_mm2);
      }
    }
  }
}

TEST(PolicyClassify, Note2KeepsConsumerChipsBelow4800Outside) {
  // Same silicon, different markets: the PD prongs reach only datacenter parts.
  const hw::Chip dc = make_chip("dc", hw::Dtype::fp8, 400, 500);  // TPP 3200, PD 6.4
  const hw::Chip gaming = make_chip("gaming", hw::Dtype::fp8, 400, 500, 0, 0, false);
  EXPECT_EQ(classify_at(dc, "2024-06-01").eccn, "3A090.a.2");
  EXPECT_EQ(classify_at(gaming, "2024-06-01").eccn, "not_3A090");
  const hw::Chip big_gaming = make_chip("big", hw::Dtype::fp8, 700, 500, 0, 0, false);
  EXPECT_EQ(classify_at(big_gaming, "2024-06-01").eccn, "3A090.a.1");
}

TEST(PolicyClassify, HbmControlIsNotedButNeverClassifiesALogicChip) {
  const auto c = classify_at(catalog_chip("huawei-ascend-910b"), "2025-01-01");
  bool noted = false;
  for (const auto& e : c.trace) {
    if (e.rule_id == "us-2024-12-hbm") {
      noted = e.outcome == policy::Outcome::not_applicable && e.step == "3A090.c";
    }
  }
  EXPECT_TRUE(noted);
  EXPECT_EQ(c.eccn, "3A090.a.1");
}

TEST(PolicyClassify, DatesBeforeTheModeledRangeAreRejectedWithWhatIsModeled) {
  auto c = policy::classify(builtin_rules(), catalog_chip("nvidia-h100-sxm"), day("2021-06-01"));
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.error().code, core::ErrorCode::invalid_input);
  EXPECT_EQ(c.error().message,
            "date 2021-06-01 is before 2022-01-01: suanli models US export controls on advanced "
            "computing chips and PRC market-access measures from 2022 on (the first control, "
            "Oct-2022 3A090: TPP >= 4800 and aggregate bidirectional I/O >= 600 GB/s, took effect "
            "2022-10-07)");
}
