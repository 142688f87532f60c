// Layout rules and bad input: each rule gives its reason and a message with the numbers, the
// problem checks reject absurd sizes, and fixed search fields are checked one by one.
#include <gtest/gtest.h>

#include <set>

#include "suanli/perf/train/layout.hpp"
#include "suanli/perf/train/search.hpp"
#include "suanli/perf/train/step.hpp"
#include "train_fixture.hpp"

namespace suanli::test {
namespace {

using perf::RejectReason;

std::optional<perf::LayoutIssue> issue_of(const perf::TrainingProblem& p, perf::TrainingLayout l) {
  return perf::check_layout(p, l);
}

TEST(TrainLayout, EachRuleNamesItsReason) {
  const auto p = train_problem("llama-3-70b", "nvidia-h100-sxm", 64, 8192, 512);
  struct Row {
    perf::TrainingLayout layout;
    RejectReason reason;
    const char* text;
  };
  perf::TrainingLayout chips = train_layout(8, 4, 4);
  perf::TrainingLayout heads = train_layout(16, 1, 4);  // 8 KV heads
  perf::TrainingLayout layers = train_layout(2, 32, 1);
  layers.vpp = 3;  // 80 layers over 96 chunks
  perf::TrainingLayout uneven = train_layout(8, 8, 1);
  uneven.vpp = 3;  // 80 % 24 != 0
  perf::TrainingLayout batch = train_layout(8, 1, 8);
  batch.micro_batch = 3;
  perf::TrainingLayout seq = train_layout(8, 1, 4, 2);
  perf::TrainingLayout ep = train_layout(8, 1, 8);
  ep.ep = 2;
  perf::TrainingLayout zero = train_layout(8, 2, 4);
  zero.zero = 3;
  perf::TrainingLayout range = train_layout(8, 1, 8);
  range.zero = 7;
  perf::TrainingLayout vpp = train_layout(8, 1, 8);
  vpp.vpp = 2;
  const Row rows[] = {{chips, RejectReason::chips, "but the job has 64 chips"},
                      {heads, RejectReason::heads, "8 KV heads are not divisible by tp = 16"},
                      {layers, RejectReason::layers, "exceeds the 80 layers"},
                      {uneven, RejectReason::layers, "not divisible by pp*vpp = 24"},
                      {batch, RejectReason::batch, "not divisible by dp*micro_batch"},
                      {ep, RejectReason::experts, "ep = 2 on a dense model"},
                      {zero, RejectReason::zero_with_pipeline, "ZeRO-3"},
                      {range, RejectReason::range, "ZeRO stage 7"},
                      {vpp, RejectReason::layers, "need pipeline parallelism"}};
  for (const Row& r : rows) {
    auto issue = issue_of(p, r.layout);
    ASSERT_TRUE(issue.has_value()) << r.text;
    EXPECT_EQ(issue->reason, r.reason) << issue->message;
    EXPECT_NE(issue->message.find(r.text), std::string::npos) << issue->message;
  }
  auto s = train_problem("llama-3-70b", "nvidia-h100-sxm", 64, 8190, 512);  // 8190 % 4 != 0
  auto issue = issue_of(s, seq);
  ASSERT_TRUE(issue.has_value());
  EXPECT_EQ(issue->reason, RejectReason::sequence);
  EXPECT_FALSE(issue_of(p, train_layout(8, 4, 2)).has_value());
}

TEST(TrainLayout, UnevenStagesAllowedUnlessForbidden) {
  EXPECT_TRUE(perf::TrainingProblem{}.allow_uneven_stages);  // Megatron-LM allows them
  auto p = train_problem("llama-3.1-405b", "nvidia-h100-sxm", 16384, 8192, 2048);
  EXPECT_TRUE(issue_of(p, train_layout(8, 16, 128)).has_value());  // 126 layers over 16 stages
  p.allow_uneven_stages = true;
  EXPECT_FALSE(issue_of(p, train_layout(8, 16, 128)).has_value());
}

TEST(TrainLayout, EstimateReportsInvalidAndInfeasible) {
  const auto p = train_problem("llama-3-70b", "nvidia-h100-sxm", 8, 8192, 64);
  auto bad = perf::estimate_training(p, train_layout(8, 1, 2));
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, core::ErrorCode::invalid_input);
  auto oom = perf::estimate_training(p, train_layout(1, 1, 8));
  ASSERT_FALSE(oom.ok());
  EXPECT_EQ(oom.error().code, core::ErrorCode::infeasible);
  EXPECT_NE(oom.error().message.find("GB per chip"), std::string::npos);
  auto anyway = perf::estimate_training(p, train_layout(1, 1, 8), true);
  ASSERT_TRUE(anyway.ok());
  EXPECT_FALSE(anyway->notes.empty());
}

TEST(TrainLayout, AbsurdProblemsAreRejected) {
  for (auto [seq, batch] : {std::pair{0, 64}, {-8, 64}, {8192, 0}, {100'000'000, 64}}) {
    auto p = train_problem("llama-3-8b", "nvidia-h100-sxm", 8, seq, batch);
    EXPECT_FALSE(perf::check_problem(p).ok()) << seq << " " << batch;
  }
  auto p = train_problem("llama-3-8b", "nvidia-h100-sxm", 8, 8192, 64);
  p.workload.lora_rank = -1;
  EXPECT_FALSE(perf::check_problem(p).ok());
  p.workload.lora_rank = 16;
  EXPECT_TRUE(perf::check_problem(p).ok());
}

TEST(TrainLayout, FixedFieldsAreCheckedTogether) {
  const auto p = train_problem("llama-3-70b", "nvidia-h100-sxm", 64, 8192, 512);
  perf::LayoutConstraints c;
  c.tp = 3, c.cp = 5, c.ep = 2;
  auto st = perf::check_constraints(p, c);
  ASSERT_FALSE(st.ok());
  std::set<std::string> keys;
  for (const auto& pr : st.error().problems) keys.insert(pr.key_path);
  EXPECT_TRUE(keys.count("tp") && keys.count("cp") && keys.count("ep"));
  perf::LayoutConstraints all;
  all.tp = 8, all.pp = 4, all.dp = 4, all.cp = 1;
  auto chips = perf::check_constraints(p, all);
  ASSERT_FALSE(chips.ok());
  EXPECT_EQ(chips.error().problems.front().key_path, "chips");
  perf::LayoutConstraints good;
  good.tp = 8, good.pp = 4;
  EXPECT_TRUE(perf::check_constraints(p, good).ok());
}

TEST(TrainLayout, Fp8FallsBackWithANoteWithoutFp8) {
  auto p = train_problem("llama-2-7b", "huawei-ascend-910b", 8, 4096, 64, hw::Dtype::fp8);
  perf::TrainingLayout l = train_layout(1, 1, 8);
  l.recompute = perf::Recompute::full;
  auto e = perf::estimate_training(p, l);
  ASSERT_TRUE(e.ok()) << e.error().describe();
  EXPECT_TRUE(e->precision_fell_back);
  EXPECT_EQ(e->compute, hw::Dtype::bf16);
  ASSERT_FALSE(e->notes.empty());
  EXPECT_NE(e->notes.front().find("does not support fp8"), std::string::npos);
}

}  // namespace
}  // namespace suanli::test
