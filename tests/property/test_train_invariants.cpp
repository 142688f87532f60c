// Invariants of the training model over a grid of models and layouts: faster networks never slow
// a step, more recomputation never uses more activation memory (nor less time), higher ZeRO
// stages never use more memory, LoRA is never costlier than full training, and the breakdown
// adds up to the step time.
#include <gtest/gtest.h>

#include "../unit/train_fixture.hpp"
#include "suanli/perf/train/memory.hpp"
#include "suanli/perf/train/search.hpp"
#include "suanli/perf/train/step.hpp"

namespace suanli::test {
namespace {

struct Case {
  const char* model;
  const char* chip;
  int chips, seq, batch, tp, pp, dp, cp, ep, vpp;
};

const Case cases[] = {
    {"llama-3.1-8b", "nvidia-h100-sxm", 8, 8192, 64, 2, 1, 4, 1, 1, 1},
    {"llama-3-70b", "nvidia-h100-sxm", 64, 8192, 128, 4, 8, 2, 1, 1, 5},
    {"llama-3.1-405b", "nvidia-b200", 128, 8192, 64, 4, 8, 2, 2, 1, 2},
    {"deepseek-v3", "nvidia-gb200", 256, 4096, 1024, 1, 8, 32, 1, 32, 1},
    {"mixtral-8x7b", "nvidia-h800-sxm", 32, 4096, 256, 2, 2, 8, 1, 4, 2},
    {"qwen3-30b-a3b", "huawei-ascend-910b", 16, 4096, 128, 2, 1, 8, 1, 8, 1},
    {"gpt-3-175b", "nvidia-a100-sxm-80gb", 64, 2048, 256, 8, 8, 1, 1, 1, 3},
};

perf::TrainingProblem problem_of(const Case& c, double scaleout_gbps = 400, int domain = 8) {
  perf::TrainingProblem p = train_problem(c.model, c.chip, c.chips, c.seq, c.batch);
  p.cluster = *perf::make_cluster(train_chip(c.chip), c.chips, domain, scaleout_gbps);
  p.allow_uneven_stages = true;
  return p;
}

perf::TrainingLayout layout_of(const Case& c, perf::Recompute r, int zero = 1) {
  perf::TrainingLayout l = train_layout(c.tp, c.pp, c.dp, c.cp);
  l.ep = c.ep, l.vpp = c.vpp, l.recompute = r, l.zero = zero;
  return l;
}

double step(const perf::TrainingProblem& p, const perf::TrainingLayout& l) {
  auto e = perf::estimate_training(p, l, true);
  EXPECT_TRUE(e.ok()) << e.error().describe();
  return e.ok() ? e->step_time : 0;
}

TEST(TrainInvariants, FasterScaleOutNeverSlowsAStep) {
  for (const Case& c : cases) {
    double last = 1e300;
    for (double gbps : {50.0, 100.0, 200.0, 400.0, 800.0, 3200.0}) {
      const double t = step(problem_of(c, gbps), layout_of(c, perf::Recompute::selective));
      EXPECT_LE(t, last * (1 + 1e-12)) << c.model << " at " << gbps << " Gb/s";
      last = t;
    }
  }
}

TEST(TrainInvariants, LargerScaleUpDomainNeverSlowsAStep) {
  for (const Case& c : cases) {
    double last = 1e300;
    for (int domain : {1, 2, 4, 8, 16, 64}) {
      const double t = step(problem_of(c, 400, domain), layout_of(c, perf::Recompute::none));
      EXPECT_LE(t, last * (1 + 1e-12)) << c.model << " domain " << domain;
      last = t;
    }
  }
}

TEST(TrainInvariants, MoreRecomputeLessActivationMemoryMoreTime) {
  for (const Case& c : cases) {
    const auto p = problem_of(c);
    const auto none = layout_of(c, perf::Recompute::none);
    const auto sel = layout_of(c, perf::Recompute::selective);
    const auto full = layout_of(c, perf::Recompute::full);
    const double a0 = perf::training_memory(p, none).activations;
    const double a1 = perf::training_memory(p, sel).activations;
    const double a2 = perf::training_memory(p, full).activations;
    EXPECT_LE(a2, a1) << c.model;
    EXPECT_LE(a1, a0) << c.model;
    EXPECT_LE(step(p, none), step(p, sel)) << c.model;
    EXPECT_LE(step(p, sel), step(p, full)) << c.model;
    auto partial = full;
    partial.recompute_layers = 1;
    EXPECT_LE(perf::training_memory(p, full).activations,
              perf::training_memory(p, partial).activations);
    EXPECT_LE(step(p, partial), step(p, full)) << c.model;
  }
}

TEST(TrainInvariants, HigherZeroNeverUsesMoreMemory) {
  for (const Case& c : cases) {
    const auto p = problem_of(c);
    const int top = c.pp == 1 ? 3 : 1;
    double last = 1e300;
    for (int z = 0; z <= top; ++z) {
      const perf::TrainingMemory m =
          perf::training_memory(p, layout_of(c, perf::Recompute::full, z));
      const double state = m.weights + m.gradients + m.optimizer;
      EXPECT_LE(state, last * (1 + 1e-12)) << c.model << " ZeRO-" << z;
      last = state;
    }
  }
}

TEST(TrainInvariants, LoraNeverCostsMoreThanFullTraining) {
  for (const Case& c : cases) {
    auto p = problem_of(c);
    const auto l = layout_of(c, perf::Recompute::selective);
    const double full_mem = perf::training_memory(p, l).total;
    const double full_step = step(p, l);
    p.workload.lora_rank = 16;
    EXPECT_LT(perf::training_memory(p, l).total, full_mem) << c.model;
    EXPECT_LT(step(p, l), full_step) << c.model;
  }
}

TEST(TrainInvariants, BreakdownAddsUpAndMetricsAgree) {
  for (const Case& c : cases) {
    const auto p = problem_of(c);
    auto e = perf::estimate_training(p, layout_of(c, perf::Recompute::full), true);
    ASSERT_TRUE(e.ok());
    const perf::TrainingBreakdown& b = e->breakdown;
    const double sum = b.compute + b.recompute + b.tp + b.cp + b.ep + b.pp + b.dp + b.bubble +
                       b.optimizer + b.overhead;
    EXPECT_NEAR(sum, e->step_time, 1e-9 * e->step_time) << c.model;
    EXPECT_NEAR(e->tokens_per_s * e->step_time, static_cast<double>(c.batch) * c.seq,
                1e-6 * c.batch * c.seq);
    EXPECT_NEAR(e->tokens_per_s_per_chip * c.chips, e->tokens_per_s, 1e-9 * e->tokens_per_s);
    EXPECT_GT(e->mfu, 0.0);
    EXPECT_LT(e->mfu, 1.0) << c.model;
    EXPECT_GE(e->hfu, e->mfu);
    EXPECT_LE(e->band.low, 1.0);
    EXPECT_GE(e->band.high, 1.0);
  }
}

TEST(TrainInvariants, Fp8NeverSlowerThanBf16OnFp8Chips) {
  for (const Case& c : cases) {
    auto p = problem_of(c);
    const auto l = layout_of(c, perf::Recompute::full);
    const double bf16 = step(p, l);
    p.workload.compute = hw::Dtype::fp8;
    auto e = perf::estimate_training(p, l, true);
    ASSERT_TRUE(e.ok());
    if (e->precision_fell_back) continue;
    EXPECT_LT(e->step_time, bf16) << c.model << " on " << c.chip;
  }
}

}  // namespace
}  // namespace suanli::test

namespace suanli::test {
namespace {

// Every layout the search returns keeps the documented reserve (2 GB of context and communicator
// buffers plus 3% for fragmentation, docs/models/training.md) on top of what it stores, and still
// fits: a layout at the edge of HBM is at the edge of what is left after the reserve.
TEST(TrainInvariants, SearchedLayoutsKeepTheMemoryReserve) {
  for (const Case& c : cases) {
    const perf::TrainingProblem p = problem_of(c);
    perf::SearchOptions opt;
    opt.top_n = 3;
    opt.threads = 1;
    auto found = perf::search_training_layouts(p, {}, opt);
    ASSERT_TRUE(found) << c.model << ": " << found.error().describe();
    for (const perf::TrainingEstimate& e : found->top) {
      const perf::TrainingMemory& m = e.memory;
      EXPECT_DOUBLE_EQ(m.reserved, 2e9 + 0.03 * m.capacity) << c.model;
      EXPECT_LE(m.total, m.capacity) << c.model;
      EXPECT_LE(m.total - m.reserved, 0.97 * m.capacity - 2e9 + 1) << c.model;
    }
  }
}

}  // namespace
}  // namespace suanli::test
