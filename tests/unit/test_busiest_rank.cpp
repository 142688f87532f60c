// Attention DP: the ranks of a MoE group meet at every MoE layer, so a step lasts as long as the
// rank that drew the most prompts (docs/models/inference.md, "Attention DP: the busiest rank").
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "src/perf/infer/detail/busiest_rank.hpp"
#include "suanli/perf/infer/estimate.hpp"
#include "suanli/perf/infer/ops.hpp"
#include "tests/unit/infer_fixture.hpp"

using namespace suanli;
using perf::detail::busiest_rank_prefill_tokens;
using perf::detail::expected_max_poisson;

namespace {

// sum over k of 1 - P(N <= k)^n, written out for small cases.
double two_rank_max_of_mean_one() {
  // P(N <= k) for a mean of 1: e^-1 * sum_{j<=k} 1/j!
  double sum = 0, cdf = 0, term = std::exp(-1.0);
  for (int k = 0; k < 40; ++k) {
    cdf += term;
    sum += 1.0 - cdf * cdf;
    term /= (k + 1);
  }
  return sum;
}

// DeepSeek-V3 on 8 H200: attention DP 8, EP 8.
perf::InferencePlan deepseek_dp8() {
  perf::InferenceRequest r =
      test::make_request("deepseek-v3", "nvidia-h200-sxm", 8, hw::Dtype::fp8, 1024, 2048);
  r.parallelism = {1, 1, 8, 8};
  auto plan = perf::build_plan(r, 8, r.parallelism);
  EXPECT_TRUE(plan) << plan.error().message;
  return *plan;
}

}  // namespace

TEST(BusiestRank, ExpectedMaximumOfPoissonCounts) {
  EXPECT_EQ(expected_max_poisson(0, 8), 0.0);
  EXPECT_EQ(expected_max_poisson(-1, 8), 0.0);
  EXPECT_EQ(expected_max_poisson(0.3, 1), 0.3);  // one rank: the mean
  EXPECT_NEAR(expected_max_poisson(1, 2), two_rank_max_of_mean_one(), 1e-12);
  EXPECT_NEAR(expected_max_poisson(1, 2), 1.5237776118026078, 1e-12);
  // 128 sequences per rank, 2,048-token answers: 1/16 of a prompt per rank and step; over 8
  // ranks a prompt lands somewhere in about 40% of the steps (1 - (15/16)^8 = 0.4033 without
  // the rare second prompt).
  EXPECT_NEAR(expected_max_poisson(0.0625, 8), 0.40867587530363736, 1e-12);
  EXPECT_NEAR(expected_max_poisson(0.4375, 8), 1.5065276588676548, 1e-12);
  EXPECT_NEAR(expected_max_poisson(2, 16), 4.819074209041332, 1e-12);
}

TEST(BusiestRank, TheMaximumGrowsWithRanksAndNeverFallsBelowTheMean) {
  for (double mean : {0.01, 0.5, 3.0, 40.0, 599.0, 601.0, 5000.0}) {
    double last = mean;
    for (int ranks : {1, 2, 4, 8, 16, 64, 320}) {
      const double m = expected_max_poisson(mean, ranks);
      EXPECT_TRUE(std::isfinite(m)) << mean << " " << ranks;
      EXPECT_GE(m, last) << mean << " " << ranks;
      last = m;
    }
  }
  // Above a mean of 600 the normal tail bound, which is above the exact value.
  EXPECT_DOUBLE_EQ(expected_max_poisson(700, 8), 700 + std::sqrt(2 * 700 * std::log(8.0)));
  EXPECT_LT(expected_max_poisson(599, 8), 599 + std::sqrt(2 * 599 * std::log(8.0)));
}

TEST(BusiestRank, PromptTokensOfTheBusiestRank) {
  // Whole 1,024-token prompts at a mean of 64 tokens per rank over 8 ranks.
  EXPECT_NEAR(busiest_rank_prefill_tokens(64, 1024, 1e9, 8), 0.40867587530363736 * 1024, 1e-9);
  // A rank takes at most the room its step budget leaves.
  EXPECT_DOUBLE_EQ(busiest_rank_prefill_tokens(448, 1024, 1152, 8), 1152);
  // ... but never less than the mean, which then runs over several sub-steps.
  EXPECT_DOUBLE_EQ(busiest_rank_prefill_tokens(3000, 1024, 1152, 8), 3000);
  // One rank, no prefill, or no unit: the mean.
  EXPECT_DOUBLE_EQ(busiest_rank_prefill_tokens(448, 1024, 1e9, 1), 448);
  EXPECT_DOUBLE_EQ(busiest_rank_prefill_tokens(0, 1024, 1e9, 8), 0);
  EXPECT_DOUBLE_EQ(busiest_rank_prefill_tokens(448, 0, 1e9, 8), 448);
}

// The rank-local ops run the busiest rank's tokens; the experts see the group's mean.
TEST(BusiestRank, RankLocalOpsRunTheBusiestRanksTokensAndExpertsTheMean) {
  const perf::InferencePlan plan = deepseek_dp8();
  ASSERT_EQ(plan.layout.dpa, 8);
  perf::StepLoad mean;
  mean.decode_seqs = 128;
  mean.decode_context = 2048;
  mean.prefill_tokens = 64;
  mean.prefill_context = 512;
  mean.prefill_seqs = 0.0625;
  perf::StepLoad skewed = mean;
  skewed.busiest_prefill_tokens = 418;
  EXPECT_DOUBLE_EQ(skewed.tokens(), 192);
  EXPECT_DOUBLE_EQ(skewed.busiest_tokens(), 128 + 418);
  perf::StepLoad as_mean = mean;
  as_mean.prefill_tokens = 418;  // every rank as busy as the busiest
  const perf::StepOps a = perf::step_ops(plan, skewed);
  const perf::StepOps b = perf::step_ops(plan, as_mean);
  const perf::StepOps c = perf::step_ops(plan, mean);
  for (perf::OpId id : {perf::OpId::attn_proj, perf::OpId::attn_prefill, perf::OpId::mlp,
                        perf::OpId::shared_expert, perf::OpId::norms}) {
    const auto i = static_cast<std::size_t>(id);
    EXPECT_DOUBLE_EQ(a.ops[i].flops, b.ops[i].flops) << perf::to_string(id);
    EXPECT_DOUBLE_EQ(a.ops[i].bytes, b.ops[i].bytes) << perf::to_string(id);
  }
  const auto experts = static_cast<std::size_t>(perf::OpId::experts);
  EXPECT_DOUBLE_EQ(a.ops[experts].flops, c.ops[experts].flops);
  EXPECT_DOUBLE_EQ(a.ops[experts].bytes, c.ops[experts].bytes);
  // A busiest rank at or below the mean is no skew.
  perf::StepLoad low = mean;
  low.busiest_prefill_tokens = 10;
  EXPECT_DOUBLE_EQ(perf::step_time(plan, low).total(), perf::step_time(plan, mean).total());
}

// The colocated cycle of an attention-DP plan carries the busiest rank's prompts: 128 sequences
// per rank with 2,048-token answers start 1/16 of a 1,024-token prompt per rank and step.
TEST(BusiestRank, TheColocatedCycleWaitsForTheBusiestRank) {
  perf::InferenceRequest r =
      test::make_request("deepseek-v3", "nvidia-h200-sxm", 8, hw::Dtype::fp8, 1024, 2048);
  r.parallelism = {1, 1, 8, 8};
  r.workload.concurrency = 1024;
  r.explain = true;
  const perf::InferenceEstimate e = perf::estimate_inference(r);
  ASSERT_TRUE(e.feasible) << e.reason;
  const perf::InferencePlan plan = deepseek_dp8();
  ASSERT_GE(plan.step_tokens, 128 + 1024);
  const double busiest = expected_max_poisson(0.0625, 8) * 1024;
  const double layers = plan.model->n_layers;
  const double attn = perf::layer_weights(plan).attn;
  double proj = -1, experts = -1;
  for (const perf::OpLine& line : e.breakdown) {
    if (line.name == "attn_proj") proj = line.flops;
    if (line.name == "experts") experts = line.flops;
  }
  EXPECT_NEAR(proj, 2.0 * (128 + busiest) * attn * layers, 1e-6 * proj);
  // The experts see the mean: 64 prompt tokens per rank.
  perf::StepLoad mean;
  mean.decode_seqs = 128;
  mean.decode_context = 2048;
  mean.prefill_tokens = 64;
  const auto experts_at_mean =
      perf::step_ops(plan, mean).ops[static_cast<std::size_t>(perf::OpId::experts)].flops;
  EXPECT_NEAR(experts, experts_at_mean, 1e-9 * experts);
  // The answer says so.
  const std::string said =
      "attention DP: a step waits for the busiest of 8 attention ranks, 418 prompt tokens against "
      "a mean of 64 (prompts reach the ranks at random)";
  EXPECT_NE(std::find(e.notes.begin(), e.notes.end(), said), e.notes.end());
}
