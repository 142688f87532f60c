// Layout search: deterministic across thread counts, honours fixed fields, stops on its rules,
// is never worse than a layout it could have chosen, and explains what it rejected.
#include <gtest/gtest.h>

#include <tuple>

#include "suanli/perf/train/search.hpp"
#include "train_fixture.hpp"

namespace suanli::test {
namespace {

perf::SearchOptions options(int threads, int top = 5) {
  perf::SearchOptions o;
  o.threads = threads;
  o.top_n = top;
  return o;
}

TEST(TrainSearch, SameResultOnOneAndTwoThreads) {
  const auto p = train_problem("llama-3-70b", "nvidia-h100-sxm", 64, 8192, 128);
  auto one = perf::search_training_layouts(p, {}, options(1));
  auto two = perf::search_training_layouts(p, {}, options(2));
  ASSERT_TRUE(one.ok() && two.ok());
  ASSERT_EQ(one->top.size(), two->top.size());
  EXPECT_EQ(one->evaluated, two->evaluated);
  EXPECT_EQ(one->rejected, two->rejected);
  EXPECT_EQ(one->example, two->example);  // rejection examples come from the earliest work unit
  for (std::size_t i = 0; i < one->top.size(); ++i) {
    const auto& a = one->top[i].layout;
    const auto& b = two->top[i].layout;
    EXPECT_EQ(std::tie(a.tp, a.pp, a.dp, a.cp, a.vpp, a.micro_batch, a.zero, a.recompute_layers),
              std::tie(b.tp, b.pp, b.dp, b.cp, b.vpp, b.micro_batch, b.zero, b.recompute_layers));
    EXPECT_EQ(one->top[i].step_time, two->top[i].step_time);
  }
  for (std::size_t i = 1; i < one->top.size(); ++i) {
    EXPECT_LE(one->top[i - 1].step_time, one->top[i].step_time);
  }
}

TEST(TrainSearch, BestIsNoWorseThanAStatedLayout) {
  const auto p = train_problem("llama-3-70b", "nvidia-h100-sxm", 64, 8192, 128);
  perf::TrainingLayout nemo = train_layout(4, 8, 2);  // NeMo's H100 recipe (VP 5)
  nemo.vpp = 5;
  nemo.recompute = perf::Recompute::full;
  auto stated = perf::estimate_training(p, nemo);
  ASSERT_TRUE(stated.ok()) << stated.error().describe();
  auto best = perf::search_training_layouts(p, {}, options(2));
  ASSERT_TRUE(best.ok());
  EXPECT_LE(best->top.front().step_time, stated->step_time);
  EXPECT_GT(best->evaluated, 100u);
  EXPECT_GT(best->rejected[static_cast<std::size_t>(perf::RejectReason::memory)], 0u);
}

TEST(TrainSearch, FixedFieldsAreHonoured) {
  const auto p = train_problem("mixtral-8x7b", "nvidia-h100-sxm", 64, 4096, 256);
  perf::LayoutConstraints c;
  c.tp = 2, c.ep = 8, c.recompute = perf::Recompute::selective;
  auto r = perf::search_training_layouts(p, c, options(2));
  ASSERT_TRUE(r.ok()) << r.error().describe();
  for (const auto& e : r->top) {
    EXPECT_EQ(e.layout.tp, 2);
    EXPECT_EQ(e.layout.ep, 8);
    EXPECT_EQ(e.layout.recompute, perf::Recompute::selective);
    EXPECT_EQ(e.layout.chips(), 64);
  }
}

TEST(TrainSearch, StopRules) {
  const auto p = train_problem("llama-3-70b", "nvidia-h100-sxm", 1024, 8192, 1024);
  perf::SearchOptions o = options(2);
  o.max_evaluations = 200;
  auto r = perf::search_training_layouts(p, {}, o);
  if (r.ok()) {
    EXPECT_EQ(r->stop, perf::SearchStop::max_evaluations);
  }
  o.max_evaluations = 0;
  o.time_budget_s = 1e-9;
  auto t = perf::search_training_layouts(p, {}, o);
  if (t.ok()) {
    EXPECT_EQ(t->stop, perf::SearchStop::time_budget);
  } else {
    EXPECT_EQ(t.error().code, core::ErrorCode::infeasible);
  }
}

TEST(TrainSearch, ProgressIsReportedFromTheCallingThread) {
  const auto p = train_problem("llama-3.1-8b", "nvidia-h100-sxm", 64, 8192, 512);
  perf::SearchOptions o = options(2);
  std::size_t last_done = 0, total = 0;
  int calls = 0;
  o.progress = [&](std::size_t done, std::size_t all, double elapsed) {
    EXPECT_GE(done, last_done);
    EXPECT_GE(elapsed, 0.0);
    last_done = done, total = all, ++calls;
  };
  auto r = perf::search_training_layouts(p, {}, o);
  ASSERT_TRUE(r.ok());
  EXPECT_GT(calls, 0);
  EXPECT_EQ(last_done, total);
}

TEST(TrainSearch, NothingFitsIsInfeasibleWithReasons) {
  const auto p = train_problem("llama-3.1-405b", "nvidia-h100-sxm", 8, 8192, 64);
  auto r = perf::search_training_layouts(p, {}, options(2));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, core::ErrorCode::infeasible);
  bool memory = false;
  for (const auto& pr : r.error().problems) memory = memory || pr.key_path == "memory";
  EXPECT_TRUE(memory) << r.error().describe();
}

}  // namespace
}  // namespace suanli::test
