// Prompts enter a continuous batch whole (docs/models/inference.md §6, "Whole prompts"): a step
// carries floor(P/u) prompt units or one more, in the shares that keep the mean at P, not a
// trickle of P tokens in every step.
#include <gtest/gtest.h>

#include <algorithm>

#include "suanli/perf/infer/estimate.hpp"
#include "suanli/perf/infer/step.hpp"
#include "tests/unit/infer_fixture.hpp"

using namespace suanli;

namespace {

struct Case {
  perf::InferenceRequest request;
  perf::InferencePlan plan;
};

// `model` on `chips` H200s in tensor parallelism, interactive at `concurrency` sequences.
Case interactive(const std::string& model, int chips, double input, double output,
                 int concurrency) {
  perf::InferenceRequest r =
      test::make_request(model, "nvidia-h200-sxm", chips, hw::Dtype::fp8, input, output);
  r.parallelism = {chips, 1, 1, 1};
  r.workload.scenario = perf::Scenario::interactive;
  r.workload.concurrency = concurrency;
  auto plan = perf::build_plan(r, chips, r.parallelism);
  if (!plan) throw std::runtime_error(plan.error().message);
  return {r, std::move(plan).value()};
}

// A step of `seqs` decoding sequences (fixed answer lengths: context I + O/2) and `prompt_tokens`
// of `input`-token prompts.
perf::StepLoad step(double seqs, double input, double output, double prompt_tokens) {
  perf::StepLoad load = test::decode_load(seqs, input + output / 2);
  load.prefill_tokens = prompt_tokens;
  load.prefill_context = input / 2;
  load.prefill_seqs = prompt_tokens / input;
  return load;
}

}  // namespace

// DeepSeek-R1 on 8 H200 (TP 8), 8 sequences of 1,024 + 1,024 tokens: one prompt every 128 steps.
// A decode step touches ~57 of 256 experts a layer, a step with a whole prompt all of them; the
// trickle of 8 prompt tokens a step would touch ~100 in every step.
TEST(WholePrompts, ASmallMoeBatchTakesAWholePromptOnceInAWhile) {
  const Case c = interactive("deepseek-r1", 8, 1024, 1024, 8);
  const perf::InferenceEstimate e = perf::estimate_inference(c.request);
  ASSERT_TRUE(e.feasible) << e.reason;
  ASSERT_DOUBLE_EQ(e.concurrency, 8);
  const double share = 8.0 / 1024;
  const double decode = perf::step_time(c.plan, step(8, 1024, 1024, 0)).total();
  const double with_prompt = perf::step_time(c.plan, step(8, 1024, 1024, 1024)).total();
  const double trickle = perf::step_time(c.plan, step(8, 1024, 1024, 8)).total();
  EXPECT_NEAR(e.tpot_s, (1 - share) * decode + share * with_prompt, 1e-9 * e.tpot_s);
  EXPECT_LT(e.tpot_s, 0.8 * trickle);
}

// --explain shows the mix: on one chip (no collectives, whose lines are before overlap) its lines
// add up to the step the TPOT reports. 8 sequences of 1,024 + 256 tokens: a quarter of a prompt
// a step on average, so a share 1/32 of the steps carries a whole one.
TEST(WholePrompts, TheExplainedStepIsTheMixTheTpotReports) {
  Case c = interactive("llama-3.1-8b", 1, 1024, 256, 8);
  c.request.explain = true;
  const perf::InferenceEstimate e = perf::estimate_inference(c.request);
  ASSERT_TRUE(e.feasible) << e.reason;
  double total = 0;
  for (const perf::OpLine& line : e.breakdown) total += line.time;
  EXPECT_NEAR(total, e.tpot_s, 1e-9 * e.tpot_s);
  const auto prefill = std::find_if(e.breakdown.begin(), e.breakdown.end(),
                                    [](const perf::OpLine& l) { return l.name == "attn_prefill"; });
  ASSERT_NE(prefill, e.breakdown.end());
  c.plan.explain = true;
  const perf::StepLoad one_prompt = step(8, 1024, 256, 1024);
  for (const perf::OpLine& line : perf::explain_ops(c.plan, perf::step_ops(c.plan, one_prompt))) {
    if (line.name == "attn_prefill") {
      EXPECT_NEAR(prefill->flops, line.flops / 32, 1e-9 * line.flops);
      EXPECT_NEAR(prefill->time, line.time / 32, 1e-9 * line.time);
    }
  }
}

// Llama-3.1-8B on one H200, 16 sequences of 20,000 + 2,000 tokens: a step is memory-bound (the
// KV cache) until a prompt chunk fills it with compute. Whole chunks cost their compute; a
// trickle of 160 prompt tokens a step would hide under the decode's reads.
TEST(WholePrompts, AWholePromptChunkIsNotHiddenUnderAMemoryBoundDecode) {
  const Case c = interactive("llama-3.1-8b", 1, 20000, 2000, 16);
  const perf::InferenceEstimate e = perf::estimate_inference(c.request);
  ASSERT_TRUE(e.feasible) << e.reason;
  ASSERT_DOUBLE_EQ(e.concurrency, 16);
  const double trickle = perf::step_time(c.plan, step(16, 20000, 2000, 160)).total();
  EXPECT_GT(e.tpot_s, 1.05 * trickle);
  // A 20,000-token prompt is cut at the room the step leaves (vLLM counts the 16 decode tokens
  // against its budget): a share 160 / room of the steps carries a full chunk.
  const double room = c.plan.step_tokens - 16;
  ASSERT_LT(room, 20000);
  const double share = 160 / room;
  const double decode = perf::step_time(c.plan, step(16, 20000, 2000, 0)).total();
  const double chunk = perf::step_time(c.plan, step(16, 20000, 2000, room)).total();
  EXPECT_NEAR(e.tpot_s, (1 - share) * decode + share * chunk, 1e-9 * e.tpot_s);
}

// Prompts that fill every step's budget leave nothing to lump: 256 sequences of 2,048-token
// prompts and 16-token answers bring 32,768 prompt tokens a step, beyond the step's room.
TEST(WholePrompts, AFullStepRunsTheMeanLoad) {
  const Case c = interactive("llama-3.1-8b", 1, 2048, 16, 256);
  const perf::InferenceEstimate e = perf::estimate_inference(c.request);
  ASSERT_TRUE(e.feasible) << e.reason;
  ASSERT_DOUBLE_EQ(e.concurrency, 256);
  ASSERT_LT(c.plan.step_tokens, 256 * 2048 / 16);
  const double mean = perf::step_time(c.plan, step(256, 2048, 16, 256.0 * 2048 / 16)).total();
  EXPECT_NEAR(e.tpot_s, mean, 1e-9 * mean);
}
