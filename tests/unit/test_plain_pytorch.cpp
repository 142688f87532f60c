// Plain PyTorch model code (--software pytorch): the kernel rates without a serving stack's
// in-step share (perf::chip_efficiency); its unfused elementwise ops are in test_infer_ops.cpp.
#include <gtest/gtest.h>

#include <string>

#include "suanli/perf/common/measured_efficiency.hpp"
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
