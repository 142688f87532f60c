// A suite case that states no precision runs the checkpoint's format unless its measured rate is
// out of that format's FLOP reach; then the widest narrower format that admits it
// (validate::detail::precision_the_rate_needs; docs/validation.md §Assumed lengths, "Precision
// not stated").
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <iterator>
#include <string>

#include "infer_fixture.hpp"
#include "src/validate/detail/case_mapping.hpp"
#include "src/validate/detail/roofline_precision.hpp"
#include "suanli/model/model_stats.hpp"
#include "suanli/perf/common/op_cost.hpp"

namespace suanli::validate {
namespace {

// MLPerf llama2-70b offline on 72 GB200, the measured rate per system and precision as given.
Case gb200_case(double output_per_chip, std::optional<hw::Dtype> weights = std::nullopt) {
  Case c;
  c.id = "ROOF-001";
  c.source = "a vendor claim";
  c.kind = CaseKind::inference;
  c.model = "llama-2-70b";
  c.software = "tensorrt-llm";
  c.metric = Metric::output_tokens_per_s;
  c.per = Per::system;
  c.value = output_per_chip * 72;
  c.system.chip = "nvidia-gb200";
  c.system.chips = 72;
  c.system.chips_per_node = 4;
  c.system.scaleup_domain = 72;
  c.precision.weights = weights;
  c.inference = InferenceSpec{};
  c.inference->scenario = "offline";
  c.inference->input_tokens = 294;
  c.inference->output_tokens = 290;
  return c;
}

// Output tokens per second one GB200 reaches in `d` with every weight-GEMM FLOP at its peak.
double gb200_ceiling(hw::Dtype d) {
  const double flops = model::forward_gemm_flops_per_token(test::test_model("llama-2-70b"));
  return perf::peak_flops(test::test_chip("nvidia-gb200"), d) / (flops * (294 + 290)) * 290;
}

std::vector<std::string> notes_starting(const detail::Mapped& m, std::string_view start) {
  std::vector<std::string> out;
  std::copy_if(m.notes.begin(), m.notes.end(), std::back_inserter(out),
               [&](const std::string& n) { return n.rfind(start, 0) == 0; });
  return out;
}

TEST(RooflinePrecision, TheCeilingIsThePeakOverTheWeightGemmFlopsOfARequest) {
  const Case c = gb200_case(1000);
  const auto& chip = test::test_chip("nvidia-gb200");
  const auto& model = test::test_model("llama-2-70b");
  const double per_token = model::forward_gemm_flops_per_token(model);
  const double fp16 = perf::peak_flops(chip, hw::Dtype::fp16);
  const double requests = fp16 / (per_token * 584);
  ASSERT_GT(requests, 0);
  EXPECT_DOUBLE_EQ(*detail::roofline_rate_per_chip(c, chip, model, hw::Dtype::fp16, 294, 290),
                   requests * 290);
  Case total = c;
  total.metric = Metric::total_tokens_per_s;
  EXPECT_DOUBLE_EQ(*detail::roofline_rate_per_chip(total, chip, model, hw::Dtype::fp16, 294, 290),
                   requests * 584);
  Case samples = c;
  samples.metric = Metric::samples_per_s;
  EXPECT_DOUBLE_EQ(*detail::roofline_rate_per_chip(samples, chip, model, hw::Dtype::fp16, 294, 290),
                   requests);
  Case prompts = c;
  prompts.metric = Metric::input_tokens_per_s;
  EXPECT_DOUBLE_EQ(*detail::roofline_rate_per_chip(prompts, chip, model, hw::Dtype::fp16, 294, 0),
                   fp16 / per_token);
  // Latencies have no FLOP ceiling of this kind, and a format the chip lacks has no peak.
  Case latency = c;
  latency.metric = Metric::ttft_ms;
  EXPECT_FALSE(detail::roofline_rate_per_chip(latency, chip, model, hw::Dtype::fp16, 294, 290));
  EXPECT_FALSE(detail::roofline_rate_per_chip(c, test::test_chip("nvidia-a100-sxm-80gb"), model,
                                              hw::Dtype::fp8, 294, 290));
}

TEST(RooflinePrecision, TheMeasuredRateIsTakenPerChipOfItsScope) {
  Case c = gb200_case(1000);
  EXPECT_DOUBLE_EQ(*detail::measured_rate_per_chip(c), 1000);
  c.per = Per::node;
  EXPECT_DOUBLE_EQ(*detail::measured_rate_per_chip(c), 72'000.0 / 4);
  c.per = Per::chip;
  EXPECT_DOUBLE_EQ(*detail::measured_rate_per_chip(c), 72'000);
  c.per = Per::node;
  c.system.chips_per_node.reset();
  EXPECT_FALSE(detail::measured_rate_per_chip(c));
}

TEST(RooflinePrecision, ARateWithinTheCheckpointsReachKeepsIt) {
  const double rate = 0.9 * gb200_ceiling(hw::Dtype::fp16);
  const detail::Mapped m = detail::map_case(gb200_case(rate), test::infer_catalog());
  ASSERT_TRUE(m.skip.empty()) << m.skip;
  EXPECT_EQ(m.request.precision, hw::Dtype::fp16);
  EXPECT_EQ(notes_starting(m, "precision not stated"),
            std::vector<std::string>{"precision not stated; the checkpoint's fp16 assumed"});
}

TEST(RooflinePrecision, ARateBeyondTheCheckpointsReachRunsInTheWidestFormatThatAdmitsIt) {
  const double fp16 = gb200_ceiling(hw::Dtype::fp16);
  const double fp8 = gb200_ceiling(hw::Dtype::fp8);
  ASSERT_LT(fp16, fp8);
  const double rate = 12'014;  // a GB200 NVL72 claim: 865,000 tokens/s over 72 GPUs
  ASSERT_GT(rate, fp16);
  ASSERT_LT(rate, fp8);
  const detail::Mapped m = detail::map_case(gb200_case(rate), test::infer_catalog());
  ASSERT_TRUE(m.skip.empty()) << m.skip;
  EXPECT_EQ(m.request.precision, hw::Dtype::fp8);
  EXPECT_TRUE(m.assumed);
  EXPECT_EQ(notes_starting(m, "precision not stated"),
            std::vector<std::string>{fmt::format(
                "precision not stated; fp16 cannot reach the measured 12014 output_tokens_per_s "
                "per chip (its dense peak bounds the weight GEMMs alone at {:.0f}): fp8, the "
                "widest format of nvidia-gb200 whose peak admits it, assumed",
                fp16)});
  // Beyond the fp8 ceiling too: fp4.
  const detail::Mapped fp4 = detail::map_case(gb200_case(1.5 * fp8), test::infer_catalog());
  EXPECT_EQ(fp4.request.precision, hw::Dtype::fp4);
}

TEST(RooflinePrecision, ARateNoFormatReachesKeepsTheCheckpointAndSaysSo) {
  const double rate = 10 * gb200_ceiling(hw::Dtype::fp4);
  const detail::Mapped m = detail::map_case(gb200_case(rate), test::infer_catalog());
  EXPECT_EQ(m.request.precision, hw::Dtype::fp16);
  const auto notes = notes_starting(m, "precision not stated; fp16 assumed, although the measured");
  ASSERT_EQ(notes.size(), 1U);
  EXPECT_NE(notes[0].find("every format of nvidia-gb200"), std::string::npos) << notes[0];
}

TEST(RooflinePrecision, AStatedPrecisionOrACachedPromptIsNeverOverruled) {
  const double rate = 1.5 * gb200_ceiling(hw::Dtype::fp16);
  const detail::Mapped stated =
      detail::map_case(gb200_case(rate, hw::Dtype::bf16), test::infer_catalog());
  EXPECT_EQ(stated.request.precision, hw::Dtype::bf16);
  EXPECT_TRUE(notes_starting(stated, "precision not stated").empty());
  // Prompt tokens served from a prefix cache cost no FLOPs: the roofline over every prompt token
  // bounds nothing.
  Case cached = gb200_case(rate);
  cached.notes = "56.3% of input tokens hit the cache";
  const detail::Mapped m = detail::map_case(cached, test::infer_catalog());
  EXPECT_EQ(m.request.precision, hw::Dtype::fp16);
  EXPECT_DOUBLE_EQ(m.request.cache_hit, 0.563);
}

}  // namespace
}  // namespace suanli::validate
