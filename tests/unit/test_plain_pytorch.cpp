// Plain PyTorch model code (--software pytorch): the kernel rates without a serving stack's
// in-step share (perf::chip_efficiency); its unfused elementwise ops are in test_infer_ops.cpp.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "suanli/perf/common/measured_efficiency.hpp"
#include "suanli/perf/infer/search.hpp"
#include "tests/unit/infer_fixture.hpp"

using namespace suanli;

// Plain PyTorch has no serving engine between the model and its kernels: its GEMMs run at the
// kernel rate (model_compute 1), where a serving stack keeps its fitted in-step share, and a step
// costs a CUDA-graph replay (0.1 ms, an estimate), not the stacks' fitted scheduler time.
TEST(PlainPyTorch, RunsTheGemmsAtTheKernelRate) {
  const catalog::Catalog& cat = test::infer_catalog();
  const hw::Chip& h200 = test::test_chip("nvidia-h200-sxm");
  const perf::ChipEfficiency plain =
      perf::chip_efficiency(cat.efficiency, cat.profiles, h200, "pytorch", "inference");
  const perf::ChipEfficiency other =
      perf::chip_efficiency(cat.efficiency, cat.profiles, h200, "other", "inference");
  EXPECT_EQ(plain.values.model_compute, 1.0);
  EXPECT_LT(other.values.model_compute, 1.0);
  EXPECT_EQ(plain.values.gemm, other.values.gemm);
  EXPECT_EQ(plain.values.step_overhead_ms, 0.1);
  EXPECT_GT(other.values.step_overhead_ms, 1.0);  // the serving stacks' fit (2 ms cap)
  EXPECT_NE(plain.source.find("plain PyTorch"), std::string::npos) << plain.source;
  // Training frameworks are fitted as they are: the rule is for serving only.
  const perf::ChipEfficiency train =
      perf::chip_efficiency(cat.efficiency, cat.profiles, h200, "pytorch", "training");
  EXPECT_EQ(train.source.find("plain PyTorch"), std::string::npos);
}

// The layout search keeps plain code's MoE layers inside its TP group: no attention data
// parallelism (ep 0 may slice experts over several data-parallel ranks) and no experts spread
// over data-parallel ranks, which a serving engine's dispatch kernels provide.
TEST(PlainPyTorch, SearchKeepsExpertsInsideTheTensorParallelGroup) {
  perf::InferenceRequest r =
      test::make_request("deepseek-v3", "nvidia-h200-sxm", 16, hw::Dtype::fp8, 2048, 256);
  const auto has_attention_dp = [](const std::vector<perf::InferenceParallelism>& layouts) {
    return std::any_of(layouts.begin(), layouts.end(), [](const perf::InferenceParallelism& l) {
      return l.ep == 0 || l.ep > l.tp;
    });
  };
  r.software = "sglang";
  EXPECT_TRUE(has_attention_dp(perf::layout_candidates(r, 16, {}, 8)));
  r.software = "pytorch";
  const std::vector<perf::InferenceParallelism> plain = perf::layout_candidates(r, 16, {}, 8);
  EXPECT_FALSE(plain.empty());
  EXPECT_FALSE(has_attention_dp(plain));
  for (const perf::InferenceParallelism& l : plain)
    EXPECT_EQ(l.tp % l.ep, 0) << l.tp << " " << l.ep;
  // A stated ep is kept: the user says the code has it.
  perf::InferenceParallelism stated;
  stated.ep = 16;
  const auto given = perf::layout_candidates(r, 16, stated, 8);
  EXPECT_TRUE(std::all_of(given.begin(), given.end(),
                          [](const perf::InferenceParallelism& l) { return l.ep == 16; }));
}

// A stated layout without --ep keeps plain code's experts inside the TP group too (a serving
// stack slices them over the smallest group of attention ranks whose weights fit).
TEST(PlainPyTorch, StatedLayoutKeepsExpertsInsideTheTensorParallelGroup) {
  perf::InferenceRequest r =
      test::make_request("deepseek-v3", "nvidia-h200-sxm", 16, hw::Dtype::fp8, 2048, 256);
  r.parallelism = {2, 1, 8, 0};
  r.software = "sglang";
  auto served = perf::build_plan(r, 16, r.parallelism);
  ASSERT_TRUE(served) << served.error().message;
  EXPECT_GT(served->layout.dpa, 1);
  r.software = "pytorch";
  auto plain = perf::build_plan(r, 16, r.parallelism);
  ASSERT_TRUE(plain) << plain.error().message;
  EXPECT_EQ(plain->layout.dpa, 1);
  EXPECT_EQ(plain->layout.moe_group, 2);
  EXPECT_EQ(plain->layout.instances, 8);
}
