// decode_attention: the share of the attention format's peak that decode attention kernels reach
// (a few query tokens per sequence against their cache), apart from prompt attention's
// `attention` (docs/models/ops.md §roofline). It times the decode attention op only, binds where
// that op is compute-bound (absorbed MLA) and leaves a GQA decode, bound by its cache bytes, as
// it was.
#include <gtest/gtest.h>

#include "suanli/perf/common/measured_efficiency.hpp"
#include "suanli/perf/infer/ops.hpp"
#include "suanli/perf/infer/step.hpp"
#include "tests/unit/infer_fixture.hpp"

using namespace suanli;

namespace {

const perf::OpLine& line_named(const std::vector<perf::OpLine>& lines, std::string_view name) {
  for (const perf::OpLine& l : lines) {
    if (l.name == name) return l;
  }
  throw std::runtime_error("no op line " + std::string(name));
}

}  // namespace

// Absorbed MLA decode: all query heads read one latent cache, so the op is compute-bound and its
// time is its FLOPs over decode_attention x the attention peak; halving the factor doubles it and
// moves no other op, prompt attention included.
TEST(DecodeAttention, TimesTheMlaDecodeOpAndNothingElse) {
  perf::InferencePlan plan = test::deepseek_dp8_ep8_plan("nvidia-h200-sxm", 1024);
  perf::StepLoad load = test::decode_load(64, 4096);
  load.prefill_tokens = 512;
  load.prefill_context = 256;
  const auto base = perf::explain_ops(plan, perf::step_ops(plan, load));
  const perf::OpLine& decode = line_named(base, "attn_decode");
  ASSERT_EQ(decode.bound, perf::OpBound::compute);
  EXPECT_DOUBLE_EQ(decode.compute_efficiency, plan.eff.decode_attention);

  perf::InferencePlan slower = plan;
  slower.eff.decode_attention = plan.eff.decode_attention / 2;
  const auto lines = perf::explain_ops(slower, perf::step_ops(slower, load));
  ASSERT_EQ(lines.size(), base.size());
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].name == "attn_decode") {
      EXPECT_NEAR(lines[i].time, 2 * base[i].time, 1e-12 * base[i].time);
      EXPECT_DOUBLE_EQ(lines[i].compute_efficiency, slower.eff.decode_attention);
    } else {
      EXPECT_DOUBLE_EQ(lines[i].time, base[i].time) << lines[i].name;
    }
  }
  // Prompt attention keeps its own factor.
  EXPECT_DOUBLE_EQ(line_named(lines, "attn_prefill").compute_efficiency, plan.eff.attention);
}

// A GQA decode reads 2 x head_dim cache elements per 4 x (heads / kv heads) x head_dim FLOPs: a
// few FLOP per byte, far below any chip's ridge point, so its time is its bytes whatever the
// decode attention factor.
TEST(DecodeAttention, LeavesAGqaDecodeBoundByItsCacheBytes) {
  perf::InferenceRequest r =
      test::make_request("llama-3.1-8b", "nvidia-h100-sxm", 1, hw::Dtype::fp8, 1024, 256);
  r.explain = true;
  auto built = perf::build_plan(r, 1, {1, 1, 1, 1});
  ASSERT_TRUE(built) << built.error().message;
  perf::InferencePlan plan = std::move(built).value();
  const perf::StepLoad load = test::decode_load(128, 8192);
  const perf::OpLine base =
      line_named(perf::explain_ops(plan, perf::step_ops(plan, load)), "attn_decode");
  ASSERT_EQ(base.bound, perf::OpBound::memory);
  plan.eff.decode_attention = 0.1;
  const perf::OpLine slow =
      line_named(perf::explain_ops(plan, perf::step_ops(plan, load)), "attn_decode");
  EXPECT_EQ(slow.bound, perf::OpBound::memory);
  EXPECT_DOUBLE_EQ(slow.time, base.time);
}

// A part whose matrix units are capped below its family's rate keeps the kernels' fixed costs,
// so it reaches a larger share of its own peak (docs/models/ops.md §capped matrix units): the H20
// scales decode attention as it scales prompt attention.
TEST(DecodeAttention, ScalesWithACappedPartsMatrixUnits) {
  const catalog::Catalog& cat = test::infer_catalog();
  const hw::Chip& h20 = test::test_chip("nvidia-h20");
  ASSERT_LT(h20.unit_matrix_share, 1.0);
  const perf::Efficiency fitted =
      perf::lookup_efficiency(cat.efficiency, h20.family, "sglang", "inference");
  const perf::ChipEfficiency e =
      perf::chip_efficiency(cat.efficiency, cat.profiles, h20, "sglang", "inference");
  EXPECT_DOUBLE_EQ(e.values.decode_attention,
                   perf::at_unit_share(fitted.decode_attention, h20.unit_matrix_share));
  EXPECT_GT(e.values.decode_attention, fitted.decode_attention);
}
