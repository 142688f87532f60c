// A profile's streaming rates are ceilings (perf::chip_efficiency): a stack's fitted ratio to its
// family may take a measured memory or grouped-expert rate down, never above what the profiler's
// copy and read kernels reached (docs/models/ops.md §measured profiles).
#include <gtest/gtest.h>

#include "suanli/perf/common/measured_efficiency.hpp"
#include "tests/unit/infer_fixture.hpp"

using namespace suanli;

namespace {

// The H200 profile's best streaming rate (a 4 GiB copy) over the 4.8 TB/s datasheet figure.
constexpr double h200_stream = 4225.17 / 4800.0;

perf::EfficiencyEntry entry(const std::string& family, const std::string& software, double memory) {
  perf::EfficiencyEntry e;
  e.family = family;
  e.software = software;
  e.workload = "inference";
  e.values.memory = memory;
  return e;
}

}  // namespace

TEST(MeasuredStreamCeiling, NoStackStreamsFasterThanTheProfileMeasured) {
  const catalog::Catalog& cat = test::infer_catalog();
  const hw::Chip& h200 = test::test_chip("nvidia-h200-sxm");
  for (const char* sw : {"tensorrt-llm", "sglang", "vllm", "mindie", "other"}) {
    const perf::ChipEfficiency e =
        perf::chip_efficiency(cat.efficiency, cat.profiles, h200, sw, "inference");
    EXPECT_TRUE(e.measured) << sw;
    EXPECT_LE(e.values.memory, h200_stream + 1e-12) << sw;
  }
}

TEST(MeasuredStreamCeiling, AStackAboveItsFamilyKeepsTheMeasuredRateOneBelowLosesItsShare) {
  const catalog::Catalog& cat = test::infer_catalog();
  const hw::Chip& h200 = test::test_chip("nvidia-h200-sxm");
  const std::vector<perf::EfficiencyEntry> table = {
      entry("*", "*", 0.80), entry("hopper", "*", 0.80), entry("hopper", "fast", 0.90),
      entry("hopper", "slow", 0.70)};
  const perf::ChipEfficiency fast =
      perf::chip_efficiency(table, cat.profiles, h200, "fast", "inference");
  EXPECT_DOUBLE_EQ(fast.values.memory, h200_stream);
  const perf::ChipEfficiency slow =
      perf::chip_efficiency(table, cat.profiles, h200, "slow", "inference");
  EXPECT_NEAR(slow.values.memory, h200_stream * 0.70 / 0.80, 1e-12);
  // A chip without a measured bandwidth keeps the fitted figure, above 0.88 or not.
  const perf::ChipEfficiency h100 = perf::chip_efficiency(
      table, cat.profiles, test::test_chip("nvidia-h100-sxm"), "fast", "inference");
  EXPECT_DOUBLE_EQ(h100.values.memory, 0.90);
}
