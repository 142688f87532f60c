// Invariants of the inference engine over many configurations: physics that must hold whatever
// the fitted efficiencies are.
#include <gtest/gtest.h>

#include <cmath>

#include "suanli/perf/infer/memory.hpp"
#include "suanli/perf/infer/step.hpp"
#include "tests/unit/infer_fixture.hpp"

namespace suanli::perf {
namespace {

using test::make_request;

const std::vector<std::string> models{"llama-3-8b",    "llama-2-70b", "mixtral-8x7b",
                                      "qwen3-30b-a3b", "deepseek-v3", "gpt-oss-120b"};

TEST(InferInvariants, MoreMemoryBandwidthNeverSlowsDecode) {
  for (const auto& id : models) {
    hw::Chip fast = test::test_chip("nvidia-h200-sxm");
    InferenceRequest r = make_request(id, "nvidia-h200-sxm", 8, hw::Dtype::fp8, 1024, 256);
    r.parallelism = {8, 1, 1, 0};
    auto plan = build_plan(r, 8, r.parallelism);
    ASSERT_TRUE(plan) << id;
    for (double batch : {1.0, 8.0, 64.0, 256.0}) {
      StepLoad load;
      load.decode_seqs = batch;
      load.decode_context = 2048;
      const double slow = step_time(*plan, load).total();
      fast.memory_bandwidth.value = plan->cluster.chip->memory_bandwidth.value * 1.5;
      InferencePlan faster = *plan;
      faster.cluster.chip = &fast;
      EXPECT_LE(step_time(faster, load).total(), slow * (1 + 1e-12)) << id << " b=" << batch;
    }
  }
}

TEST(InferInvariants, MoreTensorParallelismNeverIncreasesWeightsPerChip) {
  for (const auto& id : models) {
    double previous = 1e300;
    for (int tp : {1, 2, 4, 8}) {
      InferenceRequest r = make_request(id, "nvidia-h200-sxm", 8, hw::Dtype::fp8, 1024, 256);
      auto plan = build_plan(r, 8, {tp, 1, 8 / tp, 0});
      ASSERT_TRUE(plan) << id << " tp" << tp;
      const double w = memory_plan(*plan, 2048).weights;
      EXPECT_LE(w, previous * (1 + 1e-12)) << id << " tp" << tp;
      previous = w;
    }
  }
}

TEST(InferInvariants, Fp8KvCacheDoublesCapacityOverBf16) {
  for (const auto& id : models) {
    // H200: every model of the list, DeepSeek-V3 included, fits 8 chips with room for KV.
    InferenceRequest r = make_request(id, "nvidia-h200-sxm", 8, hw::Dtype::fp8, 1024, 256);
    r.precision.kv_cache = hw::Dtype::bf16;
    auto a = build_plan(r, 8, {8, 1, 1, 0});
    r.precision.kv_cache = hw::Dtype::fp8;
    auto b = build_plan(r, 8, {8, 1, 1, 0});
    ASSERT_TRUE(a && b) << id;
    EXPECT_DOUBLE_EQ(kv_bytes_per_sequence(*a, 4096), 2 * kv_bytes_per_sequence(*b, 4096)) << id;
    const MemoryPlan mem = memory_plan(*a, 4096);
    ASSERT_TRUE(mem.fits) << id << ": " << mem.reason;
    const double seqs_bf16 = max_sequences_per_rank(*a, mem, 4096);
    const double seqs_fp8 = max_sequences_per_rank(*b, mem, 4096);
    EXPECT_NEAR(seqs_fp8 / seqs_bf16, 2.0, 2.0 / seqs_bf16 + 1e-9) << id;
  }
}

TEST(InferInvariants, EstimatesAreFiniteAndConsistent) {
  const std::vector<std::string> chips{"nvidia-h100-sxm", "nvidia-h20", "nvidia-b200",
                                       "huawei-ascend-910b", "amd-mi300x"};
  for (const auto& id : models) {
    for (const auto& chip : chips) {
      for (Scenario sc :
           {Scenario::offline, Scenario::server, Scenario::decode_only, Scenario::prefill_only}) {
        InferenceRequest r = make_request(id, chip, 8, hw::Dtype::fp8, 2000, 300);
        r.parallelism = {8, 1, 1, 0};
        r.workload.scenario = sc;
        r.workload.ttft_slo_s = sc == Scenario::server ? 3.0 : 0.0;
        r.workload.tpot_slo_s = sc == Scenario::server ? 0.2 : 0.0;
        const InferenceEstimate e = estimate_inference(r);
        if (!e.feasible) {
          EXPECT_FALSE(e.reason.empty()) << id << " " << chip;
          continue;
        }
        for (double v : {e.output_tokens_per_s, e.input_tokens_per_s, e.ttft_s, e.tpot_s,
                         e.power_w_per_chip, e.memory.weights}) {
          EXPECT_TRUE(std::isfinite(v) && v >= 0) << id << " " << chip << " " << to_string(sc);
        }
        EXPECT_LE(e.band_low, e.band_high);
        EXPECT_LE(e.memory.weights + e.memory.workspace, e.memory.capacity);
        EXPECT_DOUBLE_EQ(e.output_tokens_per_s_per_chip * e.chips, e.output_tokens_per_s);
      }
    }
  }
}

TEST(InferInvariants, LongerContextNeverRaisesDecodeThroughput) {
  for (const auto& id : models) {
    double previous = 1e300;
    for (double input : {256.0, 1024.0, 4096.0, 16384.0}) {
      InferenceRequest r = make_request(id, "nvidia-h200-sxm", 8, hw::Dtype::fp8, input, 256);
      r.parallelism = {8, 1, 1, 0};
      r.workload.scenario = Scenario::interactive;
      r.workload.concurrency = 32;
      const InferenceEstimate e = estimate_inference(r);
      ASSERT_TRUE(e.feasible) << id << " " << e.reason;
      EXPECT_LE(e.output_tokens_per_s, previous * (1 + 1e-9)) << id << " input " << input;
      previous = e.output_tokens_per_s;
    }
  }
}

}  // namespace
}  // namespace suanli::perf
