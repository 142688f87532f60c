// Whole estimates: infeasible configurations with their reasons, precision fallbacks, scenarios.
#include <gtest/gtest.h>

#include <vector>

#include "suanli/perf/common/software_profile.hpp"
#include "suanli/perf/infer/search.hpp"
#include "tests/unit/infer_fixture.hpp"

namespace suanli::perf {
namespace {

using test::make_request;

TEST(InferEstimate, DeepSeekV3Bf16DoesNotFitEightH20) {
  InferenceRequest r = make_request("deepseek-v3", "nvidia-h20", 8, hw::Dtype::bf16, 1024, 256);
  r.parallelism = {8, 1, 1, 0};
  const InferenceEstimate e = estimate_inference(r);
  ASSERT_FALSE(e.feasible);
  EXPECT_EQ(e.reason, "weights 1.34 TB exceed 8 x 103 GB");
  // The search reports the same reason when no layout fits.
  r.parallelism = {};
  const InferenceSearchResult s = search_inference(r);
  EXPECT_FALSE(s.best.feasible);
  EXPECT_EQ(s.feasible, 0);
  EXPECT_EQ(s.best.reason, "weights 1.34 TB exceed 8 x 103 GB");
}

TEST(InferEstimate, KvCacheThatCannotHoldOneSequenceIsInfeasible) {
  // The FP8 weights (72.7 GB) fit one H200 (141 GB); one 500,010-token sequence of KV does not.
  InferenceRequest r =
      make_request("llama-3-70b", "nvidia-h200-sxm", 1, hw::Dtype::fp8, 500000, 10);
  r.parallelism = {1, 1, 1, 1};
  const InferenceEstimate e = estimate_inference(r);
  ASSERT_FALSE(e.feasible);
  EXPECT_NE(e.reason.find("less than the KV cache of one 500010-token sequence"), std::string::npos)
      << e.reason;
}

TEST(InferEstimate, Fp8OnAscendFallsBackWithANote) {
  InferenceRequest r = make_request("qwen3-8b", "huawei-ascend-910b", 1, hw::Dtype::fp8, 512, 128);
  r.parallelism = {1, 1, 1, 1};
  const InferenceEstimate e = estimate_inference(r);
  ASSERT_TRUE(e.feasible) << e.reason;
  EXPECT_NE(e.precision.compute, hw::Dtype::fp8);
  ASSERT_FALSE(e.notes.empty());
  EXPECT_NE(e.notes.front().find("fp8 is not supported by huawei-ascend-910b"), std::string::npos)
      << e.notes.front();
}

TEST(InferEstimate, Fp4BeforeBlackwellRunsWeightOnly) {
  InferenceRequest r = make_request("llama-3-8b", "nvidia-h100-sxm", 1, hw::Dtype::fp4, 512, 128);
  r.parallelism = {1, 1, 1, 1};
  const InferenceEstimate e = estimate_inference(r);
  ASSERT_TRUE(e.feasible) << e.reason;
  EXPECT_EQ(e.precision.compute, hw::Dtype::bf16);  // W4A16: dequantized to 16 bits
  EXPECT_EQ(e.precision.weights, hw::Dtype::fp4);   // stored 4-bit
}

TEST(InferEstimate, InconsistentLayoutIsAnErrorValue) {
  InferenceRequest r = make_request("llama-3-8b", "nvidia-h100-sxm", 8, hw::Dtype::bf16, 512, 128);
  r.parallelism = {4, 1, 4, 1};
  const InferenceEstimate e = estimate_inference(r);
  EXPECT_FALSE(e.feasible);
  EXPECT_NE(e.reason.find("does not equal the 8 chips"), std::string::npos) << e.reason;
}

TEST(InferEstimate, BadWorkloadIsRejected) {
  InferenceRequest r = make_request("llama-3-8b", "nvidia-h100-sxm", 1, hw::Dtype::bf16, 0, 128);
  EXPECT_EQ(estimate_inference(r).reason, "input tokens must be > 0, got 0");
  r.workload.input_tokens = 10;
  r.workload.spec.acceptance = 1.5;
  EXPECT_EQ(estimate_inference(r).reason, "acceptance must be in [0, 1], got 1.5");
}

TEST(InferEstimate, ServerMeetsItsLimitsAndReportsP99) {
  InferenceRequest r = make_request("llama-3-8b", "nvidia-h100-sxm", 1, hw::Dtype::fp8, 1024, 256);
  r.parallelism = {1, 1, 1, 1};
  r.workload.scenario = Scenario::server;
  r.workload.ttft_slo_s = 1.0;
  r.workload.tpot_slo_s = 0.03;
  const InferenceEstimate e = estimate_inference(r);
  ASSERT_TRUE(e.feasible) << e.reason;
  ASSERT_TRUE(e.ttft_p99_s && e.tpot_p99_s);
  EXPECT_LE(*e.tpot_p99_s, 0.03 * 1.001);
  EXPECT_LE(*e.ttft_p99_s, 1.0 * 1.001);
  EXPECT_GE(*e.ttft_p99_s, e.ttft_s);
  EXPECT_GE(*e.tpot_p99_s, e.tpot_s);
  r.workload.scenario = Scenario::offline;
  const InferenceEstimate off = estimate_inference(r);
  EXPECT_GE(off.output_tokens_per_s, e.output_tokens_per_s);
}

TEST(InferEstimate, SpeculativeDecodingRaisesDecodeThroughputAtSmallBatch) {
  InferenceRequest r =
      make_request("deepseek-v3", "nvidia-h200-sxm", 8, hw::Dtype::fp8, 1000, 1000);
  r.parallelism = {8, 1, 1, 8};
  r.workload.scenario = Scenario::interactive;
  r.workload.concurrency = 1;
  const InferenceEstimate base = estimate_inference(r);
  r.workload.spec.draft_tokens = 1;
  r.workload.spec.acceptance = 0.8;
  const InferenceEstimate mtp = estimate_inference(r);
  ASSERT_TRUE(base.feasible && mtp.feasible);
  // One draft token at 80% acceptance yields at most 1.8 tokens per step; verifying the draft
  // and running the MTP module cost part of that (DeepSeek reports about 1.8x at 85-90%). One
  // sequence, whose step is mostly fixed costs: with more, each verified token routes to experts
  // the step would not have touched, and the gain shrinks (docs/models/inference.md §6).
  EXPECT_GT(mtp.output_tokens_per_s, 1.2 * base.output_tokens_per_s);
  EXPECT_LT(mtp.output_tokens_per_s, 1.8 * base.output_tokens_per_s);
  // At eight sequences drafting still pays, by less.
  r.workload.concurrency = 8;
  const InferenceEstimate mtp8 = estimate_inference(r);
  r.workload.spec = {};
  const InferenceEstimate base8 = estimate_inference(r);
  ASSERT_TRUE(base8.feasible && mtp8.feasible);
  EXPECT_GT(mtp8.output_tokens_per_s, 1.05 * base8.output_tokens_per_s);
  EXPECT_LT(mtp8.output_tokens_per_s / base8.output_tokens_per_s,
            mtp.output_tokens_per_s / base.output_tokens_per_s);
}

TEST(InferEstimate, DisaggregatedPoolsReportBothLayouts) {
  InferenceRequest r =
      make_request("llama-3-70b", "nvidia-h100-sxm", 16, hw::Dtype::fp8, 2048, 256);
  r.disaggregation = {8, 8};
  r.prefill_parallelism = {8, 1, 1, 1};
  r.parallelism = {8, 1, 1, 1};
  const InferenceEstimate e = estimate_inference(r);
  ASSERT_TRUE(e.feasible) << e.reason;
  EXPECT_EQ(e.chips, 16);
  EXPECT_EQ(e.prefill_layout.tp, 8);
  EXPECT_GT(e.output_tokens_per_s, 0);
  EXPECT_DOUBLE_EQ(e.output_tokens_per_s / e.input_tokens_per_s, 256.0 / 2048);
}

TEST(InferEstimate, APipelinedPrefillPoolServesAtItsFullRate) {
  // Llama-3-70B with 2,048-token prompts under Poisson arrivals, prefill on 8 H100 and decode on
  // 16. As one 4-stage pipeline (tp 2) the prefill pool holds a micro-batch on every stage, so
  // its queue serves 4 prompts' steps at once and the pool sustains at least about the rate of
  // the same 8 chips as one tp-8 group (more: less tensor-parallel traffic); queued as if a
  // prompt held the whole pipeline for its 4 steps it served a quarter of its rate.
  InferenceRequest r =
      make_request("llama-3-70b", "nvidia-h100-sxm", 24, hw::Dtype::fp8, 2048, 256);
  r.workload.scenario = Scenario::server;
  r.disaggregation = {8, 16};
  r.parallelism = {8, 1, 2, 1};
  r.prefill_parallelism = {8, 1, 1, 1};
  const InferenceEstimate flat = estimate_inference(r);
  ASSERT_TRUE(flat.feasible) << flat.reason;
  EXPECT_EQ(flat.batch_limit, BatchLimit::prefill_pool);
  r.prefill_parallelism = {2, 4, 1, 1};
  const InferenceEstimate piped = estimate_inference(r);
  ASSERT_TRUE(piped.feasible) << piped.reason;
  EXPECT_EQ(piped.prefill_layout.pp, 4);
  EXPECT_EQ(piped.batch_limit, BatchLimit::prefill_pool);
  EXPECT_GT(piped.requests_per_s, 0.9 * flat.requests_per_s);
}

TEST(InferEstimate, PrefillOnlyReportsInputTokens) {
  InferenceRequest r = make_request("llama-3-8b", "nvidia-h100-sxm", 1, hw::Dtype::fp8, 4096, 0);
  r.parallelism = {1, 1, 1, 1};
  r.workload.scenario = Scenario::prefill_only;
  const InferenceEstimate e = estimate_inference(r);
  ASSERT_TRUE(e.feasible) << e.reason;
  EXPECT_GT(e.input_tokens_per_s, 0);
  EXPECT_DOUBLE_EQ(e.output_tokens_per_s, 0);
  EXPECT_EQ(e.limiter, Limiter::compute);
}

TEST(InferSearch, IsDeterministicAndMatchesSingleThread) {
  InferenceRequest r =
      make_request("mixtral-8x7b", "nvidia-h100-sxm", 8, hw::Dtype::fp8, 1024, 256);
  r.workload.scenario = Scenario::server;
  r.workload.tpot_slo_s = 0.05;
  r.workload.ttft_slo_s = 2;
  InferenceSearchOptions one;
  one.threads = 1;
  InferenceSearchOptions two;
  two.threads = 2;
  const InferenceSearchResult a = search_inference(r, one);
  const InferenceSearchResult b = search_inference(r, two);
  ASSERT_TRUE(a.best.feasible);
  EXPECT_EQ(a.best.output_tokens_per_s, b.best.output_tokens_per_s);
  EXPECT_EQ(a.best.layout.tp, b.best.layout.tp);
  EXPECT_EQ(a.best.layout.ep, b.best.layout.ep);
  EXPECT_EQ(a.evaluated, a.candidates);
  EXPECT_EQ(a.stop_reason, "exhausted");
  InferenceSearchOptions small;  // a space over the limit is not searched, never cut short
  small.max_candidates = 2;
  const InferenceSearchResult over = search_inference(r, small);
  EXPECT_EQ(over.stop_reason, "over the candidate limit");
  EXPECT_EQ(over.evaluated, 0);
  EXPECT_EQ(over.candidates, a.candidates);
  EXPECT_FALSE(over.best.feasible);
}

TEST(SoftwareProfile, EachStackKeepsItsDocumentedDefaults) {
  constexpr double gib = 1024.0 * 1024.0 * 1024.0;
  struct Expect {
    const char* id;
    double memory;
    int max_batch, step_tokens;
    bool fp8_kv;
    const char* fp8_attention_family;
    double fraction;
    bool fused = true;
  };
  const std::vector<Expect> cases = {
      {"tensorrt-llm", 80e9, 2048, 8192, true, "", 0.93},
      {"tensorrt-llm", 24e9, 2048, 8192, true, "", 0.93},
      {"vllm", 80e9, 1024, 8192, false, "hopper", 0.90},
      {"vllm", 70 * gib, 1024, 8192, false, "hopper", 0.90},
      {"vllm", 70 * gib - 1, 256, 2048, false, "hopper", 0.90},
      {"vllm", 48e9, 256, 2048, false, "hopper", 0.90},
      {"vllm-ascend", 64e9, 256, 2048, false, "", 0.90},
      {"sglang", 24 * gib, 1024, 2048, false, "hopper", 0.88},
      {"sglang", 35 * gib, 1024, 4096, false, "hopper", 0.88},
      {"sglang", 48e9, 1024, 4096, false, "hopper", 0.88},
      {"sglang", 60 * gib - 1, 1024, 4096, false, "hopper", 0.88},
      {"sglang", 60 * gib, 1024, 8192, false, "hopper", 0.88},
      {"sglang", 141e9, 1024, 8192, false, "hopper", 0.88},
      {"sglang", 160 * gib, 1024, 16384, false, "hopper", 0.88},
      {"mindie", 64e9, 200, 8192, false, "", 0.90},
      {"lmdeploy", 80e9, 256, 8192, false, "", 0.90},
      {"pytorch", 141e9, 2048, 16384, false, "", 0.95, false},
      {"", 80e9, 1024, 8192, false, "", 0.90},
      {"in-house", 48e9, 256, 8192, false, "", 0.90},
  };
  for (const Expect& c : cases) {
    const SoftwareProfile p = software_profile(c.id, c.memory);
    EXPECT_EQ(p.id, *c.id == 0 ? "other" : c.id);
    EXPECT_EQ(p.max_batch, c.max_batch) << c.id << " " << c.memory;
    EXPECT_EQ(p.max_step_tokens, c.step_tokens) << c.id << " " << c.memory;
    EXPECT_EQ(p.fp8_kv_default, c.fp8_kv) << c.id;
    EXPECT_EQ(p.fp8_attention_family, c.fp8_attention_family) << c.id;
    EXPECT_DOUBLE_EQ(p.memory_fraction, c.fraction) << c.id;
    EXPECT_EQ(p.fused_elementwise, c.fused) << c.id;
    EXPECT_EQ(runs_framework_kernels(p.id), !c.fused) << c.id;
  }
}

TEST(SoftwareProfile, VllmKeepsA100sInItsSmallerTierWhateverTheirMemory) {
  // vLLM's rule reads the device name: an 80 GB A100 gets 256 sequences and 2048 tokens a step,
  // an 80 GB A800 (another name) and an H100 the larger tier.
  const double memory = 80.0 * 1024 * 1024 * 1024;
  for (const char* name : {"A100 80GB SXM4", "NVIDIA A100-SXM4-80GB"}) {
    const SoftwareProfile p = software_profile("vllm", memory, name);
    EXPECT_EQ(p.max_batch, 256) << name;
    EXPECT_EQ(p.max_step_tokens, 2048) << name;
  }
  for (const char* name : {"A800 80GB SXM", "H100 SXM5 80GB", ""}) {
    const SoftwareProfile p = software_profile("vllm", memory, name);
    EXPECT_EQ(p.max_batch, 1024) << name;
    EXPECT_EQ(p.max_step_tokens, 8192) << name;
  }
  // Only vLLM itself reads the name.
  EXPECT_EQ(software_profile("sglang", memory, "A100 80GB SXM4").max_step_tokens, 8192);
  EXPECT_EQ(software_profile("other", memory, "A100 80GB SXM4").max_batch, 1024);
}

TEST(SoftwareProfile, SglangSplitsItsStepBudgetOverDpAttentionRanks) {
  const SoftwareProfile sglang = software_profile("sglang", 141e9);
  EXPECT_EQ(sglang.rank_step_tokens(1), 8192);
  EXPECT_EQ(sglang.rank_step_tokens(8), 1024);
  EXPECT_EQ(sglang.rank_step_tokens(3), 2730);  // integer division, as SGLang's
  EXPECT_EQ(sglang.rank_step_tokens(16384), 1);
  for (const char* stack : {"vllm", "tensorrt-llm", "mindie", "other"}) {
    EXPECT_EQ(software_profile(stack, 141e9).rank_step_tokens(8), 8192) << stack;
  }
}

TEST(InferEstimate, SglangDpAttentionRanksShareTheStepBudget) {
  // DeepSeek-V3 on 8 H200 with 8 attention-DP ranks: SGLang's 8192-token chunk is the
  // instance's, 1024 a rank; vLLM gives each DP engine its own 8192.
  InferenceRequest r = make_request("deepseek-v3", "nvidia-h200-sxm", 8, hw::Dtype::fp8, 2000, 100);
  r.parallelism = {1, 1, 8, 0};
  r.software = "sglang";
  const InferenceEstimate sglang = estimate_inference(r);
  ASSERT_TRUE(sglang.feasible) << sglang.reason;
  EXPECT_EQ(sglang.layout.dpa, 8);
  EXPECT_EQ(sglang.step_tokens, 1024);
  r.software = "vllm";
  const InferenceEstimate vllm = estimate_inference(r);
  ASSERT_TRUE(vllm.feasible) << vllm.reason;
  EXPECT_EQ(vllm.step_tokens, 8192);
  // A stated budget is a rank's, whatever the stack.
  r.software = "sglang";
  r.workload.prefill_chunk = 4096;
  EXPECT_EQ(estimate_inference(r).step_tokens, 4096);
}

TEST(InferNames, LimitsRoundTripThroughTheirJsonNames) {
  for (const char* name : {"kv-cache", "max-batch", "step-tokens", "given", "burst-size",
                           "tpot-slo", "ttft-slo", "prefill-pool", "prefill-queue", "throughput"}) {
    const auto b = parse_batch_limit(name);
    ASSERT_TRUE(b) << name;
    EXPECT_EQ(to_string(*b), name);
  }
  for (const char* name : {"compute", "memory-bandwidth", "communication", "overhead"}) {
    const auto l = parse_limiter(name);
    ASSERT_TRUE(l) << name;
    EXPECT_EQ(to_string(*l), name);
  }
  EXPECT_EQ(to_string(BatchLimit::none), "");
  EXPECT_FALSE(parse_limiter("memory"));
}

}  // namespace
}  // namespace suanli::perf
