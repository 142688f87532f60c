// Speculative decoding (docs/models/inference.md §6): tokens per step, tokens verified, the draft
// head's cost from its shape, and the requests the engine refuses.
#include <gtest/gtest.h>

#include "infer_fixture.hpp"
#include "src/perf/infer/detail/speculative.hpp"
#include "suanli/model/model_stats.hpp"

namespace suanli::test {
namespace {

using perf::SpecDecode;
using perf::SpecMethod;

SpecDecode spec(SpecMethod method, int steps) {
  SpecDecode s;
  s.method = method;
  s.draft_tokens = steps;
  return s;
}

TEST(Speculative, TokensPerStepIsGeometricUnlessAnAcceptanceLengthIsGiven) {
  SpecDecode s = spec(SpecMethod::eagle3, 2);
  s.acceptance = 0.5;
  EXPECT_DOUBLE_EQ(perf::detail::tokens_per_step(s), 1.75);  // 1 + 0.5 + 0.25
  s.accept_length = 2.9;
  EXPECT_DOUBLE_EQ(perf::detail::tokens_per_step(s), 2.9);
  EXPECT_DOUBLE_EQ(perf::detail::tokens_per_step(SpecDecode{}), 1.0);
}

TEST(Speculative, VerifiedTokensAreTheChainOrTheGivenTree) {
  SpecDecode s = spec(SpecMethod::eagle3, 3);
  EXPECT_DOUBLE_EQ(perf::detail::verified_tokens(s), 4.0);
  s.verify_tokens = 8;
  EXPECT_DOUBLE_EQ(perf::detail::verified_tokens(s), 8.0);
  EXPECT_DOUBLE_EQ(perf::detail::verified_tokens(SpecDecode{}), 1.0);
}

TEST(Speculative, Eagle3DraftStepCostsItsHeadsWeightsOverTheTargets) {
  const model::ModelArch& m = test_model("llama-3.1-8b");
  const double d = m.d_model;
  // fc 3d x d + one dense layer + a 32K draft LM head.
  const double head = 3 * d * d + model::layer_matmul_params(m, false) + d * 32000;
  EXPECT_DOUBLE_EQ(perf::detail::draft_head(m, SpecMethod::eagle3).step_params, head);
  const double factor = perf::detail::draft_factor(m, spec(SpecMethod::eagle3, 3));
  EXPECT_DOUBLE_EQ(factor, 1 + 3 * head / model::active_matmul_params(m));
  // Llama-3.1-8B: a draft step is ~5% of a target step (0.40B of 7.5B matrix weights).
  EXPECT_GT(factor, 1.15);
  EXPECT_LT(factor, 1.17);
}

TEST(Speculative, MtpDraftStepIsOneMoeBlockPlusTheSharedHead) {
  const model::ModelArch& m = test_model("deepseek-v3");
  const double d = m.d_model;
  const double step =
      2 * d * d + model::layer_matmul_params(m, true) + static_cast<double>(m.vocab) * d;
  const perf::detail::DraftHead h = perf::detail::draft_head(m, SpecMethod::mtp);
  EXPECT_DOUBLE_EQ(h.step_params, step);
  EXPECT_DOUBLE_EQ(h.stored_params, model::count_params(m).mtp);
  // An EAGLE head on the same model is a dense layer: cheaper per step than the MoE MTP block
  // only by the experts it does not read, and never free.
  const double eagle = perf::detail::draft_head(m, SpecMethod::eagle).step_params;
  EXPECT_GT(eagle, 0);
}

TEST(Speculative, MoreDraftStepsNeverLowerTheDraftFactor) {
  const model::ModelArch& m = test_model("llama-3.1-70b");
  double last = 1.0;
  for (int k = 1; k <= 6; ++k) {
    const double f = perf::detail::draft_factor(m, spec(SpecMethod::eagle, k));
    EXPECT_GT(f, last) << k;
    last = f;
  }
}

TEST(Speculative, MtpOnAModelWithoutMtpModulesIsRefusedWithAHint) {
  perf::InferenceRequest r =
      make_request("llama-3.1-8b", "nvidia-h100-sxm", 1, hw::Dtype::bf16, 1024, 256);
  r.parallelism.tp = 1;
  r.workload.spec = spec(SpecMethod::mtp, 1);
  const perf::InferenceEstimate e = perf::estimate_inference(r);
  EXPECT_FALSE(e.feasible);
  EXPECT_NE(e.reason.find("has no multi-token-prediction modules"), std::string::npos) << e.reason;
}

TEST(Speculative, AnAcceptanceLengthBeyondTheDraftIsRefused) {
  perf::InferenceRequest r =
      make_request("llama-3.1-8b", "nvidia-h100-sxm", 1, hw::Dtype::bf16, 1024, 256);
  r.parallelism.tp = 1;
  r.workload.spec = spec(SpecMethod::eagle3, 2);
  r.workload.spec.accept_length = 3.5;  // at most 3 tokens come out of 2 draft steps
  const perf::InferenceEstimate e = perf::estimate_inference(r);
  EXPECT_FALSE(e.feasible);
  EXPECT_EQ(e.reason, "acceptance length must be in [1, 3] with 2 draft steps, got 3.5");
}

TEST(Speculative, Eagle3RaisesTokensPerSecondAtBatchOneWhenDraftsAreAccepted) {
  perf::InferenceRequest r =
      make_request("llama-3.1-8b", "nvidia-h100-sxm", 1, hw::Dtype::bf16, 1024, 256);
  r.parallelism.tp = 1;
  r.workload.scenario = perf::Scenario::interactive;
  r.workload.concurrency = 1;
  const perf::InferenceEstimate plain = perf::estimate_inference(r);
  r.workload.spec = spec(SpecMethod::eagle3, 3);
  r.workload.spec.accept_length = 3.0;
  const perf::InferenceEstimate eagle = perf::estimate_inference(r);
  ASSERT_TRUE(plain.feasible) << plain.reason;
  ASSERT_TRUE(eagle.feasible) << eagle.reason;
  // Three tokens per step at ~1.16x the step cost (plus 4 verified tokens instead of 1, which at
  // batch 1 stays weight-bound): between 2x and 3x the plain rate.
  EXPECT_GT(eagle.output_tokens_per_s, 2.0 * plain.output_tokens_per_s);
  EXPECT_LT(eagle.output_tokens_per_s, 3.0 * plain.output_tokens_per_s);
}

}  // namespace
}  // namespace suanli::test
