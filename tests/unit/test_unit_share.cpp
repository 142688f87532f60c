// A part whose matrix units run below the rate of its family's full-rate part (the H20) keeps
// each kernel's fixed costs while its math slows: hw::Chip::unit_matrix_share, resolved by the
// catalog loader, and perf::at_unit_share, applied by perf::chip_efficiency.
#include <gtest/gtest.h>

#include <string>

#include "suanli/catalog/catalog_dir.hpp"
#include "suanli/perf/common/measured_efficiency.hpp"
#include "suanli/perf/common/op_cost.hpp"
#include "suanli/perf/infer/step.hpp"
#include "tests/unit/infer_fixture.hpp"

using namespace suanli;

namespace {

// A minimal chip file of family `family` with `units` compute units (none when 0), a bf16 peak
// of `bf16_tflops` and, when given, the full-rate part it names.
std::string chip_text(const std::string& id, const std::string& family, int units,
                      double bf16_tflops, const std::string& full_rate_part = "") {
  std::string text =
      "id: " + id + "\nname: \"" + id + "\"\nvendor: nvidia\nfamily: " + family +
      "\nmarket: global\ndense_peak:\n  bf16: {value: " + std::to_string(bf16_tflops) +
      " TFLOP/s, source: spec}\n";
  if (units > 0) text += "compute_units: {value: " + std::to_string(units) + ", source: spec}\n";
  if (!full_rate_part.empty()) text += "full_rate_part: " + full_rate_part + "\n";
  return text + "sources:\n  spec: \"Vendor datasheet, 2025\"\n";
}

core::Result<catalog::Catalog> load(const std::map<std::string, std::string>& chips) {
  catalog::CatalogDir dir;
  dir.root = "posted";
  for (const auto& [id, text] : chips) dir.texts.emplace("chips/" + id + ".yaml", text);
  return catalog::load_catalog(std::vector<catalog::CatalogDir>{dir});
}

// The one problem of a catalog that fails to load.
core::Problem only_problem(const core::Result<catalog::Catalog>& loaded) {
  EXPECT_FALSE(loaded);
  if (loaded) return {};
  EXPECT_EQ(loaded.error().problems.size(), 1u) << loaded.error().describe();
  return loaded.error().problems.at(0);
}

// A chip file whose compute_units entry is `value` as written.
std::string units_line_chip(const std::string& value) {
  return "id: part-a\nname: a\nvendor: nvidia\nfamily: hopper\nmarket: global\n"
         "compute_units: " +
         value + "\nsources:\n  spec: \"Datasheet\"\n";
}

// The one problem of a catalog of part-a (a full-rate part) and part-b (which names it).
core::Problem pair_problem(const std::string& family_a, int units_a, double bf16_a, double bf16_b) {
  return only_problem(load({{"part-a", chip_text("part-a", family_a, units_a, bf16_a)},
                            {"part-b", chip_text("part-b", "hopper", 78, bf16_b, "part-a")}}));
}

}  // namespace

TEST(UnitShare, ShrinksTheLossesOfAKernelByTheShare) {
  EXPECT_DOUBLE_EQ(perf::at_unit_share(0.6, 1.0), 0.6);
  EXPECT_DOUBLE_EQ(perf::at_unit_share(0.6, 0.25), 0.6 / 0.7);
  EXPECT_DOUBLE_EQ(perf::at_unit_share(0.5, 0.5), 2.0 / 3.0);
  EXPECT_DOUBLE_EQ(perf::at_unit_share(1.0, 0.3), 1.0);
  EXPECT_DOUBLE_EQ(perf::at_unit_share(0.4, 0.0), 1.0);
  // Never above 1, never below the efficiency at full rate, larger as the share falls.
  double last = 0.45;
  for (double s = 1.0; s > 0.01; s -= 0.05) {
    const double e = perf::at_unit_share(0.45, s);
    EXPECT_GE(e, last);
    EXPECT_LE(e, 1.0);
    last = e;
  }
}

// The scaling against attention kernels measured on both parts (docs/models/ops.md §capped
// matrix units). FlashAttention-3 forward, head dim 128, 2,048 tokens, bf16: an H100 SXM runs it
// at 625 TFLOP/s without a mask and 521 with the causal one (FA3 paper, arXiv 2407.08608, fig. 5);
// an H20 at 126.2 and 107.8 (Dao-AILab/flash-attention issue #1310, 2024-11-01). FlashMLA decode
// (bf16, 128 query heads): 580 TFLOP/s on an H800 SXM (its release notes, 2025-02-24), 115-130 on
// an H20 (deepseek-ai/FlashMLA issue #30).
TEST(UnitShare, MatchesAttentionKernelsMeasuredOnAnH20) {
  const double s = test::test_chip("nvidia-h20").unit_matrix_share;
  const double h100_peak = 989.4;
  const double h20_peak = 148;
  EXPECT_NEAR(perf::at_unit_share(625 / h100_peak, s), 126.2 / h20_peak, 0.03);
  // The causal mask idles tiles in proportion to the math, which the scaling takes for a fixed
  // cost: 12 % above the measurement.
  EXPECT_NEAR(perf::at_unit_share(521 / h100_peak, s) / (107.8 / h20_peak), 1.12, 0.01);
  const double flash_mla = perf::at_unit_share(580 / h100_peak, s);
  EXPECT_GE(flash_mla, 115 / h20_peak);
  EXPECT_LE(flash_mla, 130 / h20_peak);
}

TEST(UnitShare, TheH20RunsItsSmsAtAQuarterOfTheH100Rate) {
  const hw::Chip& h20 = test::test_chip("nvidia-h20");
  const hw::Chip& h100 = test::test_chip("nvidia-h100-sxm");
  EXPECT_EQ(h20.full_rate_part, "nvidia-h100-sxm");
  EXPECT_EQ(h20.compute_units.value, 78);
  EXPECT_EQ(h100.compute_units.value, 132);
  EXPECT_DOUBLE_EQ(h20.unit_matrix_share, (148e12 / 78) / (989.4e12 / 132));
  EXPECT_NEAR(h20.unit_matrix_share, 0.2531, 1e-4);
  EXPECT_DOUBLE_EQ(h100.unit_matrix_share, 1.0);
}

TEST(UnitShare, ChipEfficiencyScalesTheFamilyFitAndSaysSo) {
  const catalog::Catalog& cat = test::infer_catalog();
  const hw::Chip& h20 = test::test_chip("nvidia-h20");
  const hw::Chip& h100 = test::test_chip("nvidia-h100-sxm");
  // The family's fit alone (no measured profile): both chips start from the same entry.
  for (const char* sw : {"sglang", "vllm", "tensorrt-llm"}) {
    const perf::ChipEfficiency full =
        perf::chip_efficiency(cat.efficiency, perf::no_profiles(), h100, sw, "inference");
    const perf::ChipEfficiency capped =
        perf::chip_efficiency(cat.efficiency, perf::no_profiles(), h20, sw, "inference");
    const double s = h20.unit_matrix_share;
    EXPECT_DOUBLE_EQ(capped.values.gemm, perf::at_unit_share(full.values.gemm, s)) << sw;
    EXPECT_DOUBLE_EQ(capped.values.model_compute, perf::at_unit_share(full.values.model_compute, s))
        << sw;
    EXPECT_DOUBLE_EQ(capped.values.attention, perf::at_unit_share(full.values.attention, s)) << sw;
    // Memory, links and overheads stay as fitted.
    EXPECT_DOUBLE_EQ(capped.values.memory, full.values.memory) << sw;
    EXPECT_DOUBLE_EQ(capped.values.scaleup, full.values.scaleup) << sw;
    EXPECT_DOUBLE_EQ(capped.values.layer_overhead_us, full.values.layer_overhead_us) << sw;
    // A step's GEMM rate stays within the roofline.
    EXPECT_LE(capped.values.gemm * capped.values.narrow_gemm * capped.values.model_compute, 1.0);
    EXPECT_EQ(capped.source,
              "fitted for chip family hopper; fixed kernel costs scaled to its matrix units at "
              "25% of nvidia-h100-sxm's per-unit rate");
    EXPECT_EQ(full.source, "fitted for chip family hopper");
  }
}

// With the built-in profiles the H20's GEMM rate is its own measurement (not scaled), while the
// stack's in-step share is still scaled to its matrix units, and the source says both.
TEST(UnitShare, AMeasuredGemmRateIsTheCappedPartsOwn) {
  const catalog::Catalog& cat = test::infer_catalog();
  const hw::Chip& h20 = test::test_chip("nvidia-h20");
  const double measured = 142.25e12 / 148e12;  // its survey profile's best 16-bit rate
  for (const char* sw : {"sglang", "vllm", "tensorrt-llm"}) {
    const perf::ChipEfficiency fitted =
        perf::chip_efficiency(cat.efficiency, perf::no_profiles(), h20, sw, "inference");
    const perf::ChipEfficiency capped =
        perf::chip_efficiency(cat.efficiency, cat.profiles, h20, sw, "inference");
    const perf::Efficiency family =
        perf::lookup_efficiency(cat.efficiency, "hopper", "*", "inference");
    const perf::Efficiency stack =
        perf::lookup_efficiency(cat.efficiency, "hopper", sw, "inference");
    EXPECT_DOUBLE_EQ(capped.values.gemm, measured * stack.gemm / family.gemm) << sw;
    EXPECT_DOUBLE_EQ(capped.values.model_compute, fitted.values.model_compute) << sw;
    // Its profile measured no attention kernel: the family's rate, scaled.
    EXPECT_DOUBLE_EQ(capped.values.attention,
                     perf::at_unit_share(stack.attention, h20.unit_matrix_share))
        << sw;
    EXPECT_EQ(capped.source,
              "measured profile nvidia-h20 (2025-10-17); fixed kernel costs scaled to its matrix "
              "units at 25% of nvidia-h100-sxm's per-unit rate");
  }
}

TEST(UnitShare, ThePreFillOfACappedPartStaysAboveItsFlopFloor) {
  // DeepSeek-V3 prefill on 8 H20 (TP 8): faster than with the family's fit, never faster than
  // the prompt's FLOPs at the chips' fp8 peak.
  api::InferRequest r = test::chip_request("deepseek-v3", "nvidia-h20", 8, 4096, 1);
  r.scenario = perf::Scenario::prefill_only;
  r.software = "sglang";
  r.parallelism.tp = 8;
  const auto a = api::predict_inference(test::infer_catalog(), r);
  ASSERT_TRUE(a) << a.error().describe();
  ASSERT_TRUE(a->estimate.feasible) << a->estimate.reason;
  EXPECT_NE(a->efficiency_source.find("matrix units at 25% of nvidia-h100-sxm's"),
            std::string::npos)
      << a->efficiency_source;
  const double input_rate = a->estimate.input_tokens_per_s;
  const double flops_per_token = 2.0 * 37e9;  // the active weights alone: a lower bound
  EXPECT_LT(input_rate * flops_per_token, 8 * 296e12);
  EXPECT_GT(input_rate, 0);
}

TEST(UnitShare, TheCatalogNamesEachBadFullRatePart) {
  const auto unknown =
      only_problem(load({{"full-rate", chip_text("full-rate", "hopper", 132, 989)},
                         {"part-b", chip_text("part-b", "hopper", 78, 148, "full-rte")}}));
  EXPECT_EQ(unknown.file, "posted/chips/part-b.yaml");
  EXPECT_EQ(unknown.key_path, "full_rate_part");
  EXPECT_EQ(unknown.message, "unknown chip 'full-rte'");
  EXPECT_EQ(unknown.hint, "did you mean 'full-rate'?");

  EXPECT_EQ(pair_problem("ampere", 108, 312, 148).message,
            "'part-a' is of family 'ampere', not 'hopper': units compare only within a family");
  EXPECT_EQ(pair_problem("hopper", 0, 989, 148).message,
            "comparing the units of 'part-b' and 'part-a' needs the compute_units and the bf16 "
            "peak of both");
  EXPECT_EQ(pair_problem("hopper", 132, 148, 989).message,
            "a unit of 'part-b' has 11.3x the bf16 rate of a unit of 'part-a': the full-rate part "
            "cannot be the slower one");

  const auto self =
      only_problem(load({{"part-a", chip_text("part-a", "hopper", 132, 989, "part-a")}}));
  EXPECT_EQ(self.message, "'part-a' names itself: leave full_rate_part out of a full-rate part");

  const auto count =
      only_problem(load({{"part-a", units_line_chip("{value: 7.5, source: spec}")}}));
  EXPECT_EQ(count.key_path, "compute_units.value");
  EXPECT_EQ(count.message, "'7.5' is not a whole number");

  const auto bare = only_problem(load({{"part-a", units_line_chip("78")}}));
  EXPECT_EQ(bare.key_path, "compute_units");
  EXPECT_EQ(bare.message,
            "'78' is not a count: expected {value: <whole number>, source: <key>} or 'unknown'");

  const auto ok = load({{"part-a", chip_text("part-a", "hopper", 132, 989)},
                        {"part-b", chip_text("part-b", "hopper", 78, 148, "part-a")}});
  ASSERT_TRUE(ok) << ok.error().describe();
  EXPECT_NEAR(ok->find_chip("part-b")->item->unit_matrix_share, (148.0 / 78) / (989.0 / 132),
              1e-12);
}

// Attention is fitted on 16-bit kernels; attending an fp8 cache in fp8 runs its matmuls on units
// twice as fast while its fixed costs per tile stay, so it reaches a smaller share of the fp8
// peak: FlashAttention-3 forward, head dim 256, 16k tokens on an H100 SXM, 756 TFLOP/s in bf16 and
// 1,171 in fp8 (FA3 paper, arXiv 2407.08608, figs. 5 and 7).
TEST(UnitShare, Fp8AttentionKeepsItsFixedCostsPerTile) {
  const double ratio = 1171 / (perf::at_unit_share(756 / 989.4, 1978.9 / 989.4) * 1978.9);
  EXPECT_NEAR(ratio, 1.0, 0.05);

  perf::InferencePlan plan = test::deepseek_dp8_ep8_plan("nvidia-h100-sxm", 4096);
  // A decode attention share at which MLA decode stays compute-bound at both widths (at the
  // kernel's best case, 0.586, the fp8 form would be bound by its cache bytes).
  plan.eff.decode_attention = 0.3;
  const perf::StepLoad load = test::decode_load(64, 4096);
  const auto attention_line = [&](hw::Dtype dtype) {
    plan.precision.attention = dtype;
    for (const perf::OpLine& l : perf::explain_ops(plan, perf::step_ops(plan, load))) {
      if (l.name == "attn_decode") return l;
    }
    ADD_FAILURE() << "no attn_decode line";
    return perf::OpLine{};
  };
  const hw::Chip& h100 = test::test_chip("nvidia-h100-sxm");
  const double peak_ratio = perf::peak_or_half_flops(h100, hw::Dtype::fp8) /
                            perf::peak_or_half_flops(h100, hw::Dtype::bf16);
  const perf::OpLine half = attention_line(hw::Dtype::bf16);
  const perf::OpLine eight = attention_line(hw::Dtype::fp8);
  EXPECT_DOUBLE_EQ(half.compute_efficiency, plan.eff.decode_attention);
  EXPECT_DOUBLE_EQ(eight.compute_efficiency,
                   perf::at_unit_share(plan.eff.decode_attention, peak_ratio));
  ASSERT_EQ(eight.bound, perf::OpBound::compute);
  ASSERT_EQ(half.bound, perf::OpBound::compute);
  // Faster than 16 bits, slower than twice as fast.
  EXPECT_LT(eight.time, half.time);
  EXPECT_GT(eight.time, half.time / peak_ratio);
}
