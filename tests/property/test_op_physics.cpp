// Physical floors and monotonicity of the per-op cost model (docs/models/ops.md): no op beats its
// FLOP or byte floor, more bandwidth or more peak never slows the op it bounds, TTFT is never
// below the prompt's prefill FLOP floor, fixed costs are never zero, and every fitted or measured
// efficiency stays a fraction of a spec-sheet figure.
#include <gtest/gtest.h>

#include <algorithm>

#include "suanli/api/infer.hpp"
#include "suanli/model/model_stats.hpp"
#include "suanli/perf/common/efficiency_fields.hpp"
#include "suanli/perf/common/measured_efficiency.hpp"
#include "suanli/perf/common/op_cost.hpp"
#include "suanli/perf/infer/step.hpp"
#include "tests/unit/infer_fixture.hpp"

namespace suanli::perf {
namespace {

using test::make_request;

const std::vector<std::string> models{"llama-3-8b", "llama-2-70b", "qwen3-30b-a3b", "deepseek-v3"};
const std::vector<std::string> chips{"nvidia-h20", "nvidia-h200-sxm", "nvidia-b200",
                                     "huawei-ascend-910b", "amd-mi300x"};

StepLoad mixed_load(double batch) {
  StepLoad load;
  load.decode_seqs = batch;
  load.decode_context = 2048;
  load.prefill_tokens = 512;
  load.prefill_context = 1024;
  load.prefill_seqs = 0.25;
  return load;
}

std::optional<InferencePlan> plan_for(const std::string& model, const std::string& chip,
                                      hw::Dtype weights = hw::Dtype::fp8) {
  InferenceRequest r = make_request(model, chip, 8, weights, 1024, 256);
  r.efficiency = lookup_efficiency(test::infer_catalog().efficiency, test::test_chip(chip).family,
                                   "vllm", "inference");
  auto plan = build_plan(r, 8, {8, 1, 1, 0});
  if (!plan) return std::nullopt;
  return *plan;
}

TEST(OpPhysics, NoOpRunsFasterThanItsFlopOrByteFloor) {
  for (const auto& m : models) {
    for (const auto& c : chips) {
      auto plan = plan_for(m, c);
      if (!plan) continue;  // does not fit: not this test's concern
      const hw::Chip& chip = *plan->cluster.chip;
      for (double batch : {1.0, 32.0, 512.0}) {
        for (const OpLine& op : explain_ops(*plan, step_ops(*plan, mixed_load(batch)))) {
          if (op.bound == OpBound::network || op.bound == OpBound::overhead) continue;
          const double byte_floor = op.bytes / chip.memory_bandwidth.value.value;
          EXPECT_GE(op.time, byte_floor * (1 - 1e-12)) << m << " " << c << " " << op.name;
          if (op.dtype) {
            const double peak = peak_flops(chip, *op.dtype);
            ASSERT_GT(peak, 0) << c << " " << hw::to_string(*op.dtype);
            EXPECT_GE(op.time, op.flops / peak * (1 - 1e-12)) << m << " " << c << " " << op.name;
            EXPECT_LE(op.compute_efficiency, 1.0) << m << " " << c << " " << op.name;
          }
        }
      }
    }
  }
}

TEST(OpPhysics, MorePeakNeverSlowsAComputeBoundStep) {
  for (const auto& m : models) {
    auto plan = plan_for(m, "nvidia-h20");
    if (!plan) continue;
    hw::Chip faster_chip = *plan->cluster.chip;
    for (auto& [dtype, fig] : faster_chip.dense_peak) {
      if (fig.known()) fig.value = fig.value * 2.0;
    }
    InferencePlan faster = *plan;
    faster.cluster.chip = &faster_chip;
    StepLoad prefill;
    prefill.prefill_tokens = 8192;
    prefill.prefill_context = 2048;
    prefill.prefill_seqs = 2;
    const StepTime slow = step_time(*plan, prefill);
    const StepTime fast = step_time(faster, prefill);
    EXPECT_LE(fast.total(), slow.total() * (1 + 1e-12)) << m;
    EXPECT_LT(fast.compute, slow.compute) << m << ": prefill on an H20 is compute-bound";
  }
}

TEST(OpPhysics, FewRowGemmsAreMemoryBoundOnAComputePoorChip) {
  // DeepSeek-V3 decode at batch 1 per chip (dp 16, ep 16) on H20 (ridge ~74 FLOP/byte) and H200:
  // the dense GEMMs stream their weights at any fitted stack efficiency; the routed experts, whose
  // rows are padded to 16-row tiles, do so at the kernels' own rates (no stack share).
  for (const std::string chip : {"nvidia-h20", "nvidia-h200-sxm"}) {
    InferenceRequest r = make_request("deepseek-v3", chip, 16, hw::Dtype::fp8, 1024, 256);
    r.efficiency = lookup_efficiency(test::infer_catalog().efficiency, test::test_chip(chip).family,
                                     "sglang", "inference");
    auto fitted = build_plan(r, 16, {1, 1, 16, 16});
    ASSERT_TRUE(fitted) << fitted.error().describe();
    r.efficiency = Efficiency{};
    auto kernels = build_plan(r, 16, {1, 1, 16, 16});
    ASSERT_TRUE(kernels) << kernels.error().describe();
    StepLoad load;
    load.decode_seqs = 1;
    load.decode_context = 2048;
    for (const OpLine& op : explain_ops(*fitted, step_ops(*fitted, load))) {
      if (op.name == "attn_proj" || op.name == "shared_expert" || op.name == "mlp" ||
          op.name == "lm_head") {
        EXPECT_EQ(op.bound, OpBound::memory) << chip << " " << op.name;
      }
    }
    for (const OpLine& op : explain_ops(*kernels, step_ops(*kernels, load))) {
      // Absorbed-MLA decode attention is compute-bound on an H20 (~240 FLOP per KV byte): physics.
      const bool attention = op.name == "attn_decode" || op.name == "attn_prefill";
      if (op.dtype && !attention) {
        EXPECT_EQ(op.bound, OpBound::memory) << chip << " " << op.name;
      }
    }
  }
}

TEST(OpPhysics, AStepThatDoesWorkNeverTakesZeroTime) {
  for (const auto& m : models) {
    for (const auto& c : chips) {
      auto plan = plan_for(m, c);
      if (!plan) continue;
      StepLoad one;
      one.decode_seqs = 1;
      one.decode_context = 1;
      const StepTime t = step_time(*plan, one);
      EXPECT_GT(t.compute + t.memory, 0) << m << " " << c;
      EXPECT_GT(t.overhead, 0) << m << " " << c;
    }
  }
}

TEST(OpPhysics, TtftIsNeverBelowThePromptsPrefillFlopFloor) {
  const catalog::Catalog& cat = test::infer_catalog();
  for (const std::string model : {"llama-3.1-70b", "llama-3-8b"}) {
    for (const std::string chip : {"nvidia-h20", "nvidia-h100-sxm", "nvidia-b200"}) {
      for (const char* scenario : {"server", "interactive", "offline"}) {
        api::InferRequest q;
        q.model = model;
        q.hardware.chip = chip;
        q.hardware.chips = 1;
        q.precision = hw::Dtype::fp8;
        q.input = 2048;
        q.output = 256;
        q.scenario = parse_scenario(scenario);
        if (std::string(scenario) == "interactive") q.concurrency = 1;
        if (std::string(scenario) == "server") q.ttft_slo_s = 100;
        q.parallelism = {1, 1, 1, 0};
        auto a = api::predict_inference(cat, q);
        ASSERT_TRUE(a) << a.error().describe();
        if (!a->estimate.feasible) continue;  // 70B in fp8 does not fit one H20 with room
        const double flops = 2.0 * model::count_params(*a->model.arch).active * q.input;
        const double floor = flops / peak_flops(*a->hardware.chip, a->estimate.precision.compute);
        EXPECT_GE(a->estimate.ttft_s, floor) << model << " " << chip << " " << scenario;
        if (a->estimate.ttft_p99_s) {
          EXPECT_GE(*a->estimate.ttft_p99_s, floor) << model << " " << chip << " " << scenario;
        }
      }
    }
  }
}

TEST(OpPhysics, EveryFittedOrMeasuredKernelRateIsAFractionOfItsPeak) {
  const catalog::Catalog& cat = test::infer_catalog();
  const auto check = [](const Efficiency& e, const std::string& where) {
    for (double Efficiency::*f :
         {&Efficiency::gemm, &Efficiency::grouped_gemm, &Efficiency::narrow_gemm,
          &Efficiency::model_compute, &Efficiency::attention, &Efficiency::memory,
          &Efficiency::scaleup, &Efficiency::scaleout, &Efficiency::overlap,
          &Efficiency::ep_overlap}) {
      EXPECT_GT(e.*f, 0) << where;
      EXPECT_LE(e.*f, 1) << where;
    }
    // The GEMM rate a step reaches never exceeds the chip's roofline.
    EXPECT_LE(e.gemm * e.narrow_gemm * e.model_compute, 1) << where;
    EXPECT_LE(e.gemm * e.grouped_gemm * e.model_compute, 1) << where;
    EXPECT_GT(e.layer_overhead_us, 0) << where;
    EXPECT_GT(e.step_overhead_ms, 0) << where;
  };
  for (const EfficiencyEntry& entry : cat.efficiency) {
    check(entry.values, entry.family + "/" + entry.software + "/" + entry.workload);
  }
  for (const hw::ChipProfile& p : cat.profiles) {
    const hw::Chip& chip = *cat.find_chip(p.chip_id)->item;
    for (const char* sw : {"tensorrt-llm", "vllm", "sglang", "other"}) {
      const ChipEfficiency e = chip_efficiency(cat.efficiency, cat.profiles, chip, sw, "inference");
      EXPECT_TRUE(e.measured) << p.chip_id;
      check(e.values, p.chip_id + " measured, " + sw);
    }
  }
}

TEST(OpPhysics, AChipWithoutAComputeFigureIsRefusedWithTheFigureNamed) {
  hw::Chip blank = test::test_chip("nvidia-h20");
  blank.id = "blank-chip";
  for (auto& [dtype, fig] : blank.dense_peak) fig = {};
  InferenceRequest r = make_request("llama-3-8b", "nvidia-h20", 1, hw::Dtype::bf16, 1024, 128);
  r.cluster.chip = &blank;
  auto plan = build_plan(r, 1, {1, 1, 1, 0});
  ASSERT_FALSE(plan);
  EXPECT_NE(plan.error().message.find("blank-chip has no dense bf16 peak"), std::string::npos)
      << plan.error().message;

  hw::Chip no_bw = test::test_chip("nvidia-h20");
  no_bw.memory_bandwidth = {};
  r.cluster.chip = &no_bw;
  auto plan2 = build_plan(r, 1, {1, 1, 1, 0});
  ASSERT_FALSE(plan2);
  EXPECT_NE(plan2.error().message.find("no memory bandwidth figure"), std::string::npos)
      << plan2.error().message;
}

}  // namespace
}  // namespace suanli::perf
