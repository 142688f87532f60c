// TPP, performance density and bandwidth metrics reproduce the worked arithmetic of the research
// notes (export_rules.md §A, §E-F) on hand-built chips with the published figures.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "suanli/policy/conditions.hpp"
#include "suanli/policy/metrics.hpp"
#include "test_policy_fixture.hpp"

using namespace suanli;
using suanli::test::make_chip;
using ::testing::HasSubstr;

TEST(PolicyMetrics, H20TppIsMaxOverPrecisionsAndDensityUsesTheLogicDie) {
  hw::Chip h20 = make_chip("h20", hw::Dtype::fp8, 296, 814, 4000);
  h20.dense_peak[hw::Dtype::bf16] =
      hw::Figure<units::FlopPerSecond>::of(units::FlopPerSecond(148e12), "t");
  h20.dense_peak[hw::Dtype::fp32] =
      hw::Figure<units::FlopPerSecond>::of(units::FlopPerSecond(44e12), "t");
  h20.dense_peak[hw::Dtype::tf32] =
      hw::Figure<units::FlopPerSecond>::of(units::FlopPerSecond(74e12), "t");
  const auto m = policy::compute_metrics(h20);
  ASSERT_TRUE(m.tpp.value);
  EXPECT_NEAR(*m.tpp.value, 2368, 1e-9);
  EXPECT_EQ(m.tpp_dtype, hw::Dtype::fp8);
  EXPECT_THAT(m.tpp.arithmetic, HasSubstr("fp8 296 x 8 = 2368"));
  EXPECT_THAT(m.tpp.arithmetic, HasSubstr("bf16 148 x 16 = 2368"));
  EXPECT_THAT(m.tpp.arithmetic, HasSubstr("fp32 44 x 32 = 1408"));
  EXPECT_THAT(m.tpp.arithmetic, HasSubstr("tf32 not counted"));
  ASSERT_TRUE(m.performance_density.value);
  EXPECT_NEAR(*m.performance_density.value, 2.91, 0.005);
  EXPECT_EQ(m.performance_density.arithmetic, "TPP 2368 / applicable die area 814 mm2 = 2.909");
}

TEST(PolicyMetrics, WorkedExamplesOfTheResearchNotes) {
  struct Case {
    const char* name;
    hw::Dtype dtype;
    double tflops;
    double die;
    double tpp;
    double pd;
  };
  const Case cases[] = {
      {"H100 SXM", hw::Dtype::fp8, 1979, 814, 15832, 19.45},
      {"A100", hw::Dtype::bf16, 312, 826, 4992, 6.04},
      {"L20", hw::Dtype::fp8, 239, 608.5, 1912, 3.14},
      {"Ascend 910", hw::Dtype::fp16, 256, 456 + 168, 4096, 6.56},
      {"L40S", hw::Dtype::fp8, 733, 608.5, 5864, 9.64},
      {"RTX PRO 6000", hw::Dtype::fp4, 2000, 750, 8000, 10.67},
      {"BR100", hw::Dtype::bf16, 1024, 1074, 16384, 15.26},
  };
  for (const Case& c : cases) {
    const auto m = policy::compute_metrics(make_chip(c.name, c.dtype, c.tflops, c.die));
    ASSERT_TRUE(m.tpp.value) << c.name;
    EXPECT_NEAR(*m.tpp.value, c.tpp, 1e-6) << c.name;
    ASSERT_TRUE(m.performance_density.value) << c.name;
    EXPECT_NEAR(*m.performance_density.value, c.pd, 0.005) << c.name;
  }
}

TEST(PolicyMetrics, SparsityIsNeverCountedBecauseOnlyDensePeaksExist) {
  // B300: FP4 13.5 PF dense x 4 = 54,000 beats FP8 4.5 PF x 8 = 36,000.
  hw::Chip b300 = make_chip("b300", hw::Dtype::fp4, 13500, 0);
  b300.dense_peak[hw::Dtype::fp8] =
      hw::Figure<units::FlopPerSecond>::of(units::FlopPerSecond(4500e12), "t");
  const auto m = policy::compute_metrics(b300);
  EXPECT_NEAR(*m.tpp.value, 54000, 1e-6);
  EXPECT_EQ(m.tpp_dtype, hw::Dtype::fp4);
  EXPECT_FALSE(m.performance_density.value);
  EXPECT_EQ(m.performance_density.arithmetic, "applicable die area not published");
}

TEST(PolicyMetrics, MissingFiguresAreExplainedNotGuessed) {
  hw::Chip none;
  none.id = "blank";
  const auto m = policy::compute_metrics(none);
  EXPECT_FALSE(m.tpp.value);
  EXPECT_EQ(m.tpp.arithmetic, "no dense peak figure is published, so TPP cannot be computed");
  EXPECT_FALSE(m.io_bandwidth.value);
  EXPECT_FALSE(m.dram_bandwidth.value);
}

TEST(PolicyMetrics, ScaleUpLinkIsOnlyALowerBoundOnIo) {
  hw::Chip c = make_chip("c", hw::Dtype::bf16, 312, 826, 2039);
  c.scaleup_bandwidth = hw::Figure<units::BytesPerSecond>::of(units::BytesPerSecond(400e9), "t");
  const auto m = policy::compute_metrics(c);
  ASSERT_TRUE(m.io_bandwidth.value);
  EXPECT_TRUE(m.io_bandwidth.lower_bound);
  EXPECT_DOUBLE_EQ(*m.io_bandwidth.value, 400);
  EXPECT_EQ(m.io_bandwidth.arithmetic,
            "at least the scale-up link (bidirectional) 400 GB/s; host (PCIe) I/O not stated");
  // ">= 600" cannot be settled by a floor of 400; "< 1100" cannot either; ">= 300" can.
  EXPECT_EQ(policy::evaluate({policy::Metric::io_bandwidth, policy::Bound::min, 600}, m),
            policy::Tri::unknown);
  EXPECT_EQ(policy::evaluate({policy::Metric::io_bandwidth, policy::Bound::below, 1100}, m),
            policy::Tri::unknown);
  EXPECT_EQ(policy::evaluate({policy::Metric::io_bandwidth, policy::Bound::min, 300}, m),
            policy::Tri::yes);
  EXPECT_EQ(policy::evaluate({policy::Metric::dram_plus_io, policy::Bound::min, 1700}, m),
            policy::Tri::yes);
}

TEST(PolicyMetrics, StatedIoIsExact) {
  const auto m = policy::compute_metrics(make_chip("a800", hw::Dtype::bf16, 312, 826, 2039, 464));
  EXPECT_FALSE(m.io_bandwidth.lower_bound);
  EXPECT_EQ(policy::evaluate({policy::Metric::io_bandwidth, policy::Bound::min, 600}, m),
            policy::Tri::no);
  EXPECT_NEAR(*m.dram_plus_io.value, 2503, 1e-9);
}

TEST(PolicyMetrics, FormatsValuesWithoutNoise) {
  EXPECT_EQ(policy::format_value(15830.4), "15830.4");
  EXPECT_EQ(policy::format_value(2368.0000000000005), "2368");
  EXPECT_EQ(policy::format_value(2.9090909, 4), "2.909");
  EXPECT_EQ(policy::format_value(26900000), "26900000");
}
