// A profile's 8-bit-or-narrower GEMM share (measured_kernels().narrow_gemm): each narrow point is
// measured against its own format's peak, so a profile with fp8 and fp4 points is read right
// whatever their order (docs/models/ops.md §measured profiles).
#include <gtest/gtest.h>

#include "suanli/perf/common/measured_efficiency.hpp"
#include "tests/unit/infer_fixture.hpp"

using namespace suanli;

namespace {

// The B200 profile's best points: 1,510 bf16 TFLOP/s of 2,250 and 5,500 NVFP4 TFLOP/s of 9,000.
constexpr double b200_gemm = 1510.0 / 2250.0;
constexpr double b200_fp4_share = 5500.0 / 9000.0;

hw::GemmPoint square_fp8(double tflops) {
  hw::GemmPoint g;
  g.name = "square";
  g.m = g.n = g.k = 4096;
  g.dtype = hw::Dtype::fp8;
  g.compute = units::FlopPerSecond{tflops * 1e12};
  g.time = units::Seconds{2.0 * 4096.0 * 4096.0 * 4096.0 / g.compute.value};
  return g;
}

}  // namespace

TEST(MeasuredNarrowGemm, TheB200ProfileGivesItsFp4ShareOverItsBf16Share) {
  const hw::ChipProfile& p = *test::infer_catalog().profile_of("nvidia-b200");
  const perf::MeasuredKernels m = perf::measured_kernels(test::test_chip("nvidia-b200"), p);
  ASSERT_TRUE(m.gemm && m.narrow_gemm);
  EXPECT_NEAR(*m.gemm, b200_gemm, 1e-9);
  EXPECT_NEAR(*m.narrow_gemm, b200_fp4_share / b200_gemm, 1e-9);
}

TEST(MeasuredNarrowGemm, EachFormatIsMeasuredAgainstItsOwnPeak) {
  const hw::Chip& b200 = test::test_chip("nvidia-b200");
  hw::ChipProfile p = *test::infer_catalog().profile_of("nvidia-b200");
  // An fp8 point at 1,860 of 4,500 TFLOP/s (0.413) put first: the fp4 points' 0.611 stays the
  // best share; read against the fp8 peak, their 5,500 TFLOP/s would be 1.22 of it.
  p.gemm.insert(p.gemm.begin(), square_fp8(1860));
  const perf::MeasuredKernels first = perf::measured_kernels(b200, p);
  ASSERT_TRUE(first.narrow_gemm);
  EXPECT_NEAR(*first.narrow_gemm, b200_fp4_share / b200_gemm, 1e-9);
  // An fp8 point above the fp4 share (0.8 of its peak) is the best, wherever it sits.
  p.gemm.push_back(square_fp8(3600));
  const perf::MeasuredKernels best = perf::measured_kernels(b200, p);
  EXPECT_NEAR(*best.narrow_gemm, 0.8 / b200_gemm, 1e-9);
  EXPECT_LE(*best.narrow_gemm * *best.gemm, 1.0);
}

TEST(MeasuredNarrowGemm, AProfileWithoutNarrowPointsMeasuresNone) {
  const hw::Chip& h100 = test::test_chip("nvidia-h100-sxm");
  const perf::MeasuredKernels m =
      perf::measured_kernels(h100, *test::infer_catalog().profile_of("nvidia-h100-sxm"));
  EXPECT_TRUE(m.gemm);
  EXPECT_FALSE(m.narrow_gemm);
}
