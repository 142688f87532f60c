// DualPipe (DeepSeek-V3's bidirectional pipeline schedule): its bubble, its doubled parameter
// memory and the layouts it accepts, against the 1F1B schedule of the same layout.
#include <gtest/gtest.h>

#include "suanli/perf/train/layout.hpp"
#include "suanli/perf/train/memory.hpp"
#include "suanli/perf/train/step.hpp"
#include "train_fixture.hpp"

namespace suanli::test {
namespace {

// Llama-3.1-8B on 8 H100 as 8 pipeline stages of 4 layers, 64 sequences in micro-batches of 1.
perf::TrainingProblem pipeline_problem() {
  return train_problem("llama-3.1-8b", "nvidia-h100-sxm", 8, 4096, 64);
}

perf::TrainingLayout pipeline(int pp, perf::PipelineSchedule schedule) {
  perf::TrainingLayout l = train_layout(1, pp, 8 / pp);
  l.recompute = perf::Recompute::full;
  l.schedule = schedule;
  return l;
}

perf::TrainingEstimate estimate(const perf::TrainingLayout& l) {
  auto e = perf::estimate_training(pipeline_problem(), l);
  EXPECT_TRUE(e.ok()) << e.error().describe();
  return *e;
}

TEST(TrainDualPipe, TwoStagesHaveNoBubble) {
  const auto one = estimate(pipeline(2, perf::PipelineSchedule::one_f_one_b));
  const auto dual = estimate(pipeline(2, perf::PipelineSchedule::dualpipe));
  EXPECT_GT(one.breakdown.bubble, 0);
  EXPECT_DOUBLE_EQ(dual.breakdown.bubble, 0);                       // (pp/2 - 1) = 0
  EXPECT_DOUBLE_EQ(dual.breakdown.compute, one.breakdown.compute);  // the same work per rank
}

TEST(TrainDualPipe, BubbleIsBelowTheOneFOneBShareAndAboveHalfTheComputation) {
  const auto one = estimate(pipeline(8, perf::PipelineSchedule::one_f_one_b));
  const auto dual = estimate(pipeline(8, perf::PipelineSchedule::dualpipe));
  const double m = one.micro_batches;
  ASSERT_EQ(dual.micro_batches, one.micro_batches);
  // 1F1B: (pp - 1)(F + B); DualPipe: (pp/2 - 1)(F&B + B - 3W) with W = half the backward
  // computation, which is less than (pp/2 - 1)(F + B) and at least (pp/2 - 1)(F + B/2).
  EXPECT_LT(dual.breakdown.bubble, one.breakdown.bubble * 3.0 / 7.0);
  const double per_mb_compute = (dual.breakdown.compute + dual.breakdown.recompute) / m;
  EXPECT_GT(dual.breakdown.bubble, 3.0 * per_mb_compute / 2);
  EXPECT_LT(dual.step_time, one.step_time);
}

TEST(TrainDualPipe, HoldsTwoStagesOfParametersAndOneMoreMicroBatch) {
  const perf::TrainingProblem p = pipeline_problem();
  const auto one = perf::training_memory(p, pipeline(8, perf::PipelineSchedule::one_f_one_b));
  const auto dual = perf::training_memory(p, pipeline(8, perf::PipelineSchedule::dualpipe));
  EXPECT_DOUBLE_EQ(dual.weights, 2 * one.weights);
  EXPECT_DOUBLE_EQ(dual.gradients, 2 * one.gradients);
  EXPECT_DOUBLE_EQ(dual.optimizer, 2 * one.optimizer);
  EXPECT_GT(dual.activations, one.activations);  // pp + 1 micro-batches in flight, not pp
  // Working sets: the loss (16-bit logits + fp32 softmax of 4,096 tokens) and one layer's
  // backward (its activations without recompute). The 1F1B peak holds the larger; a DualPipe rank
  // runs one direction's loss while the other direction's layers run their backward: both.
  const double loss = 4096.0 * 128256 * 6;
  const double layer = (2 * 4096 + 4096 + 1024 + 1024 + 4096 + 2 * 4096 + 3 * 14336) * 2 * 4096.0;
  EXPECT_DOUBLE_EQ(one.logits, loss);
  EXPECT_DOUBLE_EQ(one.working, loss);
  EXPECT_DOUBLE_EQ(dual.working, loss + layer);
}

TEST(TrainDualPipe, LayoutsItCannotRunAreNamed) {
  const perf::TrainingProblem p = train_problem("llama-3.1-8b", "nvidia-h100-sxm", 12, 4096, 64);
  perf::TrainingLayout odd = train_layout(1, 3, 4);  // 3 stages, not divisible into two ends
  odd.schedule = perf::PipelineSchedule::dualpipe;
  auto issue = perf::check_layout(p, odd);
  ASSERT_TRUE(issue);
  EXPECT_EQ(issue->reason, perf::RejectReason::layers);
  EXPECT_EQ(issue->message,
            "DualPipe needs an even number of pipeline stages, at least 2 (pp = 3)");

  const perf::TrainingProblem q = pipeline_problem();
  perf::TrainingLayout interleaved = pipeline(4, perf::PipelineSchedule::dualpipe);
  interleaved.vpp = 2;
  issue = perf::check_layout(q, interleaved);
  ASSERT_TRUE(issue);
  EXPECT_EQ(issue->message, "DualPipe holds its own two stages per rank: vpp must be 1 (vpp = 2)");

  perf::TrainingLayout few = pipeline(8, perf::PipelineSchedule::dualpipe);
  few.micro_batch = 64;  // one micro-batch of 64 sequences: fewer than the 8 stages
  issue = perf::check_layout(q, few);
  ASSERT_TRUE(issue);
  EXPECT_EQ(issue->reason, perf::RejectReason::batch);
  EXPECT_EQ(issue->message,
            "DualPipe feeds half of the micro-batches from each end: it needs an even number, at "
            "least pp = 8 (1 micro-batches of 64 sequences per data-parallel rank)");
}

TEST(TrainDualPipe, ScheduleNamesRoundTrip) {
  for (auto s : {perf::PipelineSchedule::one_f_one_b, perf::PipelineSchedule::dualpipe}) {
    EXPECT_EQ(perf::parse_schedule(perf::to_string(s)), s);
  }
  EXPECT_FALSE(perf::parse_schedule("zigzag"));
}

}  // namespace
}  // namespace suanli::test
