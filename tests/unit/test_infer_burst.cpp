// Finite bursts (docs/models/inference.md §finite bursts): N requests present at t = 0, rated by
// their tokens over the makespan: prefill of every prompt, full-batch decode while requests queue,
// and the drain once the queue is empty.
#include <gtest/gtest.h>

#include <cmath>

#include "infer_fixture.hpp"
#include "src/perf/infer/detail/burst.hpp"
#include "suanli/api/infer.hpp"

namespace suanli::test {
namespace {

using perf::LengthSpread;

perf::InferencePlan plan_for(const perf::InferenceRequest& r) {
  auto plan = perf::build_plan(r, r.cluster.n_chips, r.parallelism);
  EXPECT_TRUE(plan) << plan.error().message;
  return *plan;
}

perf::InferenceRequest burst_request(int requests, LengthSpread spread) {
  perf::InferenceRequest r =
      make_request("llama-3.1-8b", "nvidia-h100-sxm", 1, hw::Dtype::bf16, 512, 200);
  r.parallelism = {1, 1, 1, 0};
  r.workload.requests = requests;
  r.workload.spread = spread;
  return r;
}

double cycle(const perf::InferencePlan& p, const perf::InferenceWorkload& w, double seqs) {
  return perf::detail::burst_cycle_time(p, w, seqs, w.input_tokens + w.output_tokens / 2);
}

TEST(Burst, LengthSpreadsRoundTripThroughTheirNames) {
  for (const char* name : {"fixed", "exponential", "1.114", "0.5"}) {
    const auto s = perf::parse_length_spread(name);
    ASSERT_TRUE(s) << name;
    EXPECT_EQ(perf::to_string(*s), name);
  }
  EXPECT_EQ(perf::parse_length_spread("fixed")->cv, 0);
  EXPECT_EQ(perf::parse_length_spread("exponential")->cv, 1);
  EXPECT_EQ(perf::to_string(*perf::parse_length_spread("0")), "fixed");
  EXPECT_EQ(perf::to_string(*perf::parse_length_spread("1.0")), "exponential");
  for (const char* bad : {"uniform", "-0.1", "10.5", "nan", "inf", "1.1x", "", " 1"}) {
    EXPECT_FALSE(perf::parse_length_spread(bad)) << bad;
  }
}

// The sequences in flight hold the prompt and, on average, E[O^2] / (2 E[O]) = O (1 + cv^2) / 2
// generated tokens: half the answer when every answer is as long, all of it when answers are
// exponential, more when they spread wider (MLPerf DeepSeek-R1, cv 1.114); never more than half
// of what the model's context leaves after the prompt (no answer outgrows it), never less than
// the fixed-length half.
TEST(Burst, DecodeContextGrowsWithTheSpreadOfAnswerLengths) {
  perf::InferenceWorkload w;
  w.input_tokens = 800;
  w.output_tokens = 4000;
  EXPECT_DOUBLE_EQ(perf::decode_context(w, 0), 2800);
  w.spread = LengthSpread{1};
  EXPECT_DOUBLE_EQ(perf::decode_context(w, 0), 4800);
  w.spread = LengthSpread{1.114};
  EXPECT_DOUBLE_EQ(perf::decode_context(w, 0), 800 + 4000 * (1 + 1.114 * 1.114) / 2);
  EXPECT_DOUBLE_EQ(perf::decode_context(w, 163840), 800 + 4000 * (1 + 1.114 * 1.114) / 2);
  w.spread = LengthSpread{10};  // 202,000 generated tokens on average: capped by the context
  EXPECT_DOUBLE_EQ(perf::decode_context(w, 32768), 800 + (32768 - 800) / 2.0);
  EXPECT_DOUBLE_EQ(perf::decode_context(w, 4800), 800 + 2000);  // the fixed-length half
}

// The library refuses a spread it has no model of, whatever front end built the workload.
TEST(Burst, WorkloadCheckRefusesSpreadsOutsideTheModel) {
  perf::InferenceRequest r = burst_request(100, LengthSpread{1.5});
  EXPECT_EQ(perf::estimate_inference(r).reason,
            "a burst drains in waves (fixed lengths) or as exponential lengths do, not at cv 1.5");
  r.workload.requests = 0;
  r.workload.spread = LengthSpread{-0.5};
  EXPECT_EQ(perf::estimate_inference(r).reason,
            "answer-length spread must be a coefficient of variation in [0, 10], got -0.5");
  r.workload.spread = LengthSpread{1.5};
  EXPECT_TRUE(perf::estimate_inference(r).feasible);
}

// A wider spread of answers at the same mean keeps more tokens per sequence in the cache and
// attends over them: fewer sequences fit and each step reads more, so the steady state serves
// fewer tokens per second, and never more.
TEST(Burst, SpreadAnswersServeFewerTokensInTheSteadyState) {
  perf::InferenceRequest r =
      make_request("llama-3.1-8b", "nvidia-h100-sxm", 1, hw::Dtype::bf16, 2048, 2048);
  r.parallelism = {1, 1, 1, 0};
  double last = 0;
  for (double cv : {0.0, 0.5, 1.0, 1.5}) {
    r.workload.spread = LengthSpread{cv};
    const perf::InferenceEstimate e = perf::estimate_inference(r);
    ASSERT_TRUE(e.feasible) << cv;
    if (last > 0) {
      EXPECT_LT(e.output_tokens_per_s, last) << cv;
    }
    last = e.output_tokens_per_s;
  }
}

TEST(Burst, HarmonicNumbersAreTheExpectedLongestOfExponentialDraws) {
  using perf::detail::harmonic_number;
  EXPECT_DOUBLE_EQ(harmonic_number(1), 1.0);
  EXPECT_DOUBLE_EQ(harmonic_number(2), 1.5);
  EXPECT_DOUBLE_EQ(harmonic_number(3), 11.0 / 6);
  EXPECT_DOUBLE_EQ(harmonic_number(2.5), 1.5 + 0.5 / 3);
  // The asymptotic form above 64 continues the sum.
  EXPECT_NEAR(harmonic_number(63.999), harmonic_number(64), 1e-3);
  EXPECT_NEAR(harmonic_number(1000), 7.4854708606, 1e-9);
}

TEST(Burst, FixedLengthsThatFitOneBatchRunAsOneWave) {
  const perf::InferenceRequest r = burst_request(100, LengthSpread{0});
  const perf::InferencePlan p = plan_for(r);
  const auto b = perf::detail::burst_time(p, r.workload, 1024, 612);
  EXPECT_DOUBLE_EQ(b.in_flight, 100);
  EXPECT_DOUBLE_EQ(b.decode, 200 * cycle(p, r.workload, 100));
  EXPECT_DOUBLE_EQ(b.drain, b.decode);
  EXPECT_DOUBLE_EQ(b.mean_wait, 0);
  EXPECT_DOUBLE_EQ(b.longest, 200);
  EXPECT_GT(b.prefill, 0);
}

TEST(Burst, FixedLengthsBeyondTheCapRunInWaves) {
  const perf::InferenceRequest r = burst_request(250, LengthSpread{0});
  const perf::InferencePlan p = plan_for(r);
  const auto b = perf::detail::burst_time(p, r.workload, 100, 612);
  const double wave = 200 * cycle(p, r.workload, 100);
  const double last = 200 * cycle(p, r.workload, 50);
  EXPECT_DOUBLE_EQ(b.decode, 2 * wave + last);
  EXPECT_DOUBLE_EQ(b.drain, last);
  // 100 wait nothing, 100 wait one wave, 50 wait two.
  EXPECT_DOUBLE_EQ(b.mean_wait, (100 * wave + 50 * 2 * wave) / 250);
}

TEST(Burst, ExponentialLengthsDrainUntilTheLongestAnswer) {
  const perf::InferenceRequest r = burst_request(1000, LengthSpread{1});
  const perf::InferencePlan p = plan_for(r);
  const auto b = perf::detail::burst_time(p, r.workload, 256, 612);
  const double m = 256;
  EXPECT_DOUBLE_EQ(b.in_flight, m);
  EXPECT_DOUBLE_EQ(b.longest, 200 * perf::detail::harmonic_number(m));
  // A step never gets cheaper with more sequences: the drain lies between H(m) cycles of one
  // sequence and H(m) cycles of the full batch.
  const double h = perf::detail::harmonic_number(m);
  EXPECT_GE(b.drain, 200 * h * cycle(p, r.workload, 1) * (1 - 1e-12));
  EXPECT_LE(b.drain, 200 * h * cycle(p, r.workload, m));
  // While requests queue, the batch stays full: 744 requests at m per cycle-length.
  EXPECT_NEAR(b.decode - b.drain, 744 * 200 * cycle(p, r.workload, m) / m, 1e-9);
}

TEST(Burst, SpreadLengthsAndSmallBurstsAreSlowerThanTheEndlessQueue) {
  perf::InferenceRequest r = burst_request(0, LengthSpread{0});
  const double steady = perf::estimate_inference(r).output_tokens_per_s;
  r.workload.requests = 5000;
  const perf::InferenceEstimate fixed = perf::estimate_inference(r);
  r.workload.spread = LengthSpread{1};
  const perf::InferenceEstimate spread = perf::estimate_inference(r);
  r.workload.requests = 50;
  const perf::InferenceEstimate small = perf::estimate_inference(r);
  ASSERT_TRUE(fixed.feasible && spread.feasible && small.feasible);
  EXPECT_LT(spread.output_tokens_per_s, fixed.output_tokens_per_s);
  EXPECT_LT(small.output_tokens_per_s, spread.output_tokens_per_s);
  EXPECT_LT(small.output_tokens_per_s, steady);
  EXPECT_EQ(small.batch_limit, perf::BatchLimit::burst);
  EXPECT_DOUBLE_EQ(small.concurrency, 50);
  const auto& notes = small.notes;
  EXPECT_TRUE(std::any_of(notes.begin(), notes.end(), [](const std::string& n) {
    return n.rfind("finite burst of 50 requests: makespan", 0) == 0;
  }));
}

TEST(Burst, FrontDoorRefusesABurstOutsideOfflineOrASpreadItCannotDrain) {
  api::InferRequest q = chip_request("llama-3.1-8b", "nvidia-h100-sxm", 1, 512, 200);
  q.requests = 100;
  q.scenario = perf::Scenario::server;
  auto a = api::predict_inference(infer_catalog(), q);
  ASSERT_FALSE(a);
  EXPECT_EQ(a.error().code, core::ErrorCode::usage);
  EXPECT_EQ(a.error().message,
            "--requests: a finite burst is an offline run, not server; drop --scenario server");
  q.scenario.reset();
  q.length_spread = LengthSpread{1.114};
  a = api::predict_inference(infer_catalog(), q);
  ASSERT_FALSE(a);
  EXPECT_EQ(a.error().code, core::ErrorCode::usage);
  EXPECT_EQ(a.error().message,
            "--length-spread: a burst (--requests) drains in waves (fixed) or as exponential "
            "lengths do; a coefficient of variation of 1.114 has no drain model");
  ASSERT_EQ(a.error().hints.size(), 1U);
  q.requests = 0;  // the steady state takes any spread
  a = api::predict_inference(infer_catalog(), q);
  ASSERT_TRUE(a) << a.error().describe();
  EXPECT_EQ(a->used.workload.spread, LengthSpread{1.114});
  q.scenario = perf::Scenario::prefill_only;
  a = api::predict_inference(infer_catalog(), q);
  ASSERT_FALSE(a);
  EXPECT_EQ(a.error().message,
            "--length-spread: prefill-only generates no answer; drop --length-spread");
  q.scenario.reset();
  q.requests = 100;
  q.length_spread = LengthSpread{1};
  a = api::predict_inference(infer_catalog(), q);
  ASSERT_TRUE(a) << a.error().describe();
  EXPECT_EQ(a->used.workload.requests, 100);
  EXPECT_EQ(a->used.workload.spread, LengthSpread{1});
}

}  // namespace
}  // namespace suanli::test
