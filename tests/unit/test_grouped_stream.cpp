// grouped_stream: the share of the memory rate at which a memory-bound grouped (MoE expert) GEMM
// streams its weights, measured from a profile's grouped points with few rows per expert, and
// applied to the routed experts' bytes only (docs/models/ops.md §roofline).
#include <gtest/gtest.h>

#include "suanli/perf/common/measured_efficiency.hpp"
#include "suanli/perf/infer/ops.hpp"
#include "suanli/perf/infer/step.hpp"
#include "tests/unit/infer_fixture.hpp"

using namespace suanli;

namespace {

// Best grouped weight rate with <= 64 rows per expert over the best streaming bandwidth of the
// H200 profile: 32 experts x 16 rows at 2943.32 GB/s, a copy at 4225.17 GB/s.
constexpr double h200_grouped_stream = 2943.32 / 4225.17;

}  // namespace

TEST(GroupedStream, TheH200ProfileMeasuresIt) {
  const catalog::Catalog& cat = test::infer_catalog();
  const hw::Chip& h200 = test::test_chip("nvidia-h200-sxm");
  const perf::MeasuredKernels m = perf::measured_kernels(h200, *cat.profile_of("nvidia-h200-sxm"));
  ASSERT_TRUE(m.grouped_stream);
  EXPECT_NEAR(*m.grouped_stream, h200_grouped_stream, 1e-12);
  // Not fitted: every stack on the H200 streams experts at the measured share.
  for (const char* sw : {"sglang", "vllm", "tensorrt-llm", "other"}) {
    const perf::ChipEfficiency e =
        perf::chip_efficiency(cat.efficiency, cat.profiles, h200, sw, "inference");
    EXPECT_NEAR(e.values.grouped_stream, h200_grouped_stream, 1e-12) << sw;
  }
  // A chip without grouped points keeps the prior (the H200's share, rounded).
  const perf::ChipEfficiency h100 = perf::chip_efficiency(
      cat.efficiency, cat.profiles, test::test_chip("nvidia-h100-sxm"), "sglang", "inference");
  EXPECT_EQ(h100.values.grouped_stream, 0.70);
}

// Only the routed experts' bytes stream at the grouped share; a dense model's ops do not move.
TEST(GroupedStream, SlowsTheExpertsBytesOnly) {
  const perf::InferencePlan plan = test::deepseek_dp8_ep8_plan("nvidia-h200-sxm", 1024);
  const perf::StepLoad load = test::decode_load(16, 1024);
  const auto lines = perf::explain_ops(plan, perf::step_ops(plan, load));
  perf::InferencePlan full = plan;
  full.eff.grouped_stream = 1.0;
  const auto base = perf::explain_ops(full, perf::step_ops(full, load));
  ASSERT_EQ(lines.size(), base.size());
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].name == "experts") {
      EXPECT_EQ(lines[i].bound, perf::OpBound::memory);
      EXPECT_NEAR(lines[i].time * plan.eff.grouped_stream, base[i].time, 1e-12 * base[i].time);
      EXPECT_DOUBLE_EQ(lines[i].memory_efficiency,
                       base[i].memory_efficiency * plan.eff.grouped_stream);
    } else {
      EXPECT_DOUBLE_EQ(lines[i].time, base[i].time) << lines[i].name;
    }
  }
}
