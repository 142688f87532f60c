// Prefix-cache hits (docs/models/inference.md §prefix cache): the cached share of each prompt is
// held in the KV cache and attended by the computed tokens, never computed; input tokens/s
// counts it, TTFT and the step's prefill work do not.
#include <gtest/gtest.h>

#include <algorithm>

#include "suanli/api/compare.hpp"
#include "suanli/api/infer.hpp"
#include "suanli/api/plan.hpp"
#include "tests/unit/infer_fixture.hpp"

namespace suanli::perf {
namespace {

using test::make_request;

InferenceRequest prefill_request(double cached_share) {
  InferenceRequest r = make_request("llama-3.1-8b", "nvidia-h100-sxm", 1, hw::Dtype::fp8, 4096, 1);
  r.parallelism = {1, 1, 1, 0};
  r.workload.scenario = Scenario::prefill_only;
  r.workload.cached_share = cached_share;
  return r;
}

TEST(PrefixCache, APromptSplitsIntoComputedAndCachedTokens) {
  InferenceWorkload w;
  w.input_tokens = 4000;
  w.cached_share = 0.25;
  const Prompt p = prompt_of(w);
  EXPECT_DOUBLE_EQ(p.computed, 3000);
  EXPECT_DOUBLE_EQ(p.cached, 1000);
  EXPECT_DOUBLE_EQ(p.total(), 4000);
}

double op_flops(const InferenceEstimate& e, const std::string& name) {
  const auto it = std::find_if(e.breakdown.begin(), e.breakdown.end(),
                               [&](const OpLine& l) { return l.name == name; });
  EXPECT_NE(it, e.breakdown.end()) << name;
  return it == e.breakdown.end() ? 0 : it->flops;
}

TEST(PrefixCache, ComputedTokensAttendTheCachedPrefixAndHalfOfThemselves) {
  InferenceRequest r = prefill_request(0);
  r.explain = true;
  const InferenceEstimate cold = estimate_inference(r);
  r.workload.cached_share = 0.5;
  const InferenceEstimate warm = estimate_inference(r);
  ASSERT_TRUE(cold.feasible && warm.feasible);
  ASSERT_EQ(warm.step_tokens, cold.step_tokens);  // the same computed tokens per step
  // Attention FLOPs go with the attended context: 2048 + 2048/2 against 4096/2.
  EXPECT_DOUBLE_EQ(op_flops(warm, "attn_prefill") / op_flops(cold, "attn_prefill"), 1.5);
  // The projections and the MLP do not depend on it.
  EXPECT_DOUBLE_EQ(op_flops(warm, "mlp"), op_flops(cold, "mlp"));
}

TEST(PrefixCache, APrefillPoolComputesOnlyTheMissesButCountsWholePrompts) {
  const InferenceEstimate cold = estimate_inference(prefill_request(0));
  const InferenceEstimate warm = estimate_inference(prefill_request(0.5));
  ASSERT_TRUE(cold.feasible) << cold.reason;
  ASSERT_TRUE(warm.feasible) << warm.reason;
  // Whole prompts are served faster, up to the 2x of computing half of each...
  EXPECT_GT(warm.input_tokens_per_s, cold.input_tokens_per_s);
  EXPECT_LE(warm.input_tokens_per_s, 2 * cold.input_tokens_per_s);
  // ...and each computed token attends a longer context, so it costs at least as much.
  EXPECT_LE(warm.input_tokens_per_s * 0.5, cold.input_tokens_per_s);
  EXPECT_DOUBLE_EQ(warm.input_tokens_per_s, warm.requests_per_s * 4096);
  EXPECT_LT(warm.ttft_s, cold.ttft_s);
}

TEST(PrefixCache, TheCachedPrefixStaysInTheKvCache) {
  InferenceRequest r =
      make_request("llama-3.1-8b", "nvidia-h100-sxm", 1, hw::Dtype::fp8, 4096, 256);
  r.parallelism = {1, 1, 1, 0};
  r.workload.scenario = Scenario::interactive;
  r.workload.concurrency = 32;
  const InferenceEstimate cold = estimate_inference(r);
  r.workload.cached_share = 0.75;
  const InferenceEstimate warm = estimate_inference(r);
  ASSERT_TRUE(cold.feasible && warm.feasible);
  EXPECT_DOUBLE_EQ(warm.memory.kv_cache, cold.memory.kv_cache);
  EXPECT_DOUBLE_EQ(warm.concurrency, cold.concurrency);
  // Less prompt work per step: more output, a shorter first token.
  EXPECT_GT(warm.output_tokens_per_s, cold.output_tokens_per_s);
  EXPECT_LT(warm.ttft_s, cold.ttft_s);
}

TEST(PrefixCache, AWholePromptInTheCacheIsRefused) {
  InferenceRequest r = prefill_request(1.0);
  const InferenceEstimate e = estimate_inference(r);
  EXPECT_FALSE(e.feasible);
  EXPECT_EQ(e.reason, "cached prompt share must be in [0, 1), got 1");
}

// The engine holds the rule too, for a request built without the front door.
TEST(PrefixCache, TheEngineComputesAtLeastThePromptsLastToken) {
  InferenceRequest r = prefill_request(0.9999);
  const InferenceEstimate e = estimate_inference(r);
  EXPECT_FALSE(e.feasible);
  EXPECT_EQ(e.reason,
            "a cached prompt share of 0.9999 leaves 0.41 of the 4096-token prompt to compute; its "
            "last token is always computed");
  r.workload.cached_share = 1 - 1.0 / 4096;
  EXPECT_TRUE(estimate_inference(r).feasible);
}

TEST(PrefixCache, TheFrontDoorNamesTheFlagAndSaysWhatItAssumed) {
  api::InferRequest q = test::chip_request("llama-3.1-8b", "nvidia-h100-sxm", 1, 4096, 256);
  q.cache_hit = 1;
  auto a = api::predict_inference(test::infer_catalog(), q);
  ASSERT_FALSE(a);
  EXPECT_EQ(a.error().message,
            "--cache-hit: 1 leaves no prompt token to compute; a prompt wholly in the cache is "
            "--scenario decode-only with --input as its KV length");
  q.cache_hit = 0.5;
  q.scenario = Scenario::decode_only;
  a = api::predict_inference(test::infer_catalog(), q);
  ASSERT_FALSE(a);
  EXPECT_EQ(a.error().message, "--cache-hit: decode-only computes no prompt; drop --cache-hit");
  q.scenario.reset();
  a = api::predict_inference(test::infer_catalog(), q);
  ASSERT_TRUE(a) << a.error().message;
  EXPECT_EQ(a->used.workload.cached_share, 0.5);
  EXPECT_NE(std::find(a->notes.begin(), a->notes.end(),
                      "prefix cache: 0.5 of each 4096-token prompt reused, 2048 computed; the "
                      "cache held beyond the sequences in flight is not counted in memory"),
            a->notes.end());
}

// The token whose logits start the answer is always computed: a share that leaves less than one
// token of the prompt is refused with the largest share the prompt allows.
TEST(PrefixCache, ThePromptsLastTokenIsAlwaysComputed) {
  api::InferRequest q = test::chip_request("llama-3.1-8b", "nvidia-h100-sxm", 1, 2000, 100);
  q.cache_hit = 0.9999;
  auto a = api::predict_inference(test::infer_catalog(), q);
  ASSERT_FALSE(a);
  EXPECT_EQ(a.error().describe(),
            "--cache-hit: 0.9999 of a 2000-token prompt leaves 0.2 tokens to compute; a prompt's "
            "last token is always computed\n"
            "  hint: at most 0.9995 for 2000-token prompts");
  q.cache_hit = 0.9995;
  a = api::predict_inference(test::infer_catalog(), q);
  ASSERT_TRUE(a) << a.error().message;
  EXPECT_NEAR(a->used.workload.cached_share, 0.9995, 1e-12);
}

TEST(PrefixCache, CompareAndPlanAskEverySystemWithTheShare) {
  const auto& cat = test::infer_catalog();
  api::CompareRequest c;
  c.model = "llama-3.1-8b";
  c.systems = {"hgx-h100"};
  auto cold = api::compare(cat, c);
  c.cache_hit = 0.5;
  auto warm = api::compare(cat, c);
  ASSERT_TRUE(cold && warm);
  EXPECT_EQ(warm->rows.front().request.workload.cached_share, 0.5);
  EXPECT_GE(warm->rows.front().estimate.output_tokens_per_s_per_chip,
            cold->rows.front().estimate.output_tokens_per_s_per_chip);
  EXPECT_LE(warm->rows.front().chips_for_1m, cold->rows.front().chips_for_1m);
  api::PlanRequest p;
  p.model = "llama-3.1-8b";
  p.train = true;
  p.tokens = "1T";
  p.days = "30";
  p.cache_hit = 0.5;
  auto refused = api::plan(cat, p);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().message,
            "--cache-hit: prefix-cache hits are a serving question, not --train");
}

}  // namespace
}  // namespace suanli::perf
