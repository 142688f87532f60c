// Multi-die packages: an Ascend 910C is two dies, each an NPU (rank) to CANN, MindIE, vLLM-Ascend
// and SGLang. The public CloudMatrix384 deployments (arXiv 2506.12708: prefill EP32 on 16
// packages, decode EP320 on 160 packages, W8A8 INT8) and an Atlas 800I A3 node (8 packages =
// 16 ranks) serving DeepSeek-R1 are expressible; a layout over packages is accepted and said so.
#include <gtest/gtest.h>

#include <algorithm>

#include "suanli/api/infer.hpp"
#include "suanli/api/train.hpp"
#include "tests/unit/infer_fixture.hpp"

namespace suanli::api {
namespace {

bool has_note(const InferAnswer& a, const std::string& text) {
  return std::any_of(a.notes.begin(), a.notes.end(),
                     [&](const std::string& n) { return n.find(text) != std::string::npos; });
}

InferRequest cloudmatrix(int packages, perf::Scenario scenario, int dp, int ep) {
  InferRequest q = test::system_request("deepseek-v3", "cloudmatrix-384", packages, 4096,
                                        scenario == perf::Scenario::decode_only ? 1 : 0);
  q.precision = hw::Dtype::int8;
  q.scenario = scenario;
  q.parallelism = {1, 1, dp, ep};
  return q;
}

TEST(AscendDies, PackageDeviceHalvesEveryPerPackageFigure) {
  const hw::Chip& pkg = test::test_chip("huawei-ascend-910c");
  ASSERT_EQ(pkg.devices_per_package, 2);
  const hw::Chip die = hw::package_device(pkg);
  EXPECT_EQ(die.id, pkg.id);
  EXPECT_EQ(die.family, pkg.family);
  EXPECT_EQ(die.devices_per_package, 1);
  EXPECT_DOUBLE_EQ(die.peak(hw::Dtype::bf16)->value, 376e12);
  EXPECT_DOUBLE_EQ(die.memory_capacity.value.value, pkg.memory_capacity.value.value / 2);
  EXPECT_DOUBLE_EQ(die.memory_bandwidth.value.value, 1.6e12);
  EXPECT_DOUBLE_EQ(die.scaleup_bandwidth.value.value, pkg.scaleup_bandwidth.value.value / 2);
  EXPECT_DOUBLE_EQ(die.price.value.value, pkg.price.value.value / 2);
  // A one-device package is itself.
  const hw::Chip& h20 = test::test_chip("nvidia-h20");
  EXPECT_DOUBLE_EQ(hw::package_device(h20).memory_bandwidth.value.value,
                   h20.memory_bandwidth.value.value);
}

TEST(AscendDies, CloudMatrixPrefillEp32On16PackagesRunsOnDies) {
  auto a = predict_inference(test::infer_catalog(),
                             cloudmatrix(16, perf::Scenario::prefill_only, 32, 32));
  ASSERT_TRUE(a) << a.error().describe();
  ASSERT_TRUE(a->estimate.feasible) << a->estimate.reason;
  EXPECT_EQ(a->used.cluster.n_chips, 32);
  EXPECT_EQ(a->estimate.layout.ep, 32);
  EXPECT_EQ(a->hardware.devices_per_chip, 2);
  EXPECT_EQ(a->used.cluster.scaleup_domain, 32);  // the 16 packages share one UB domain
  EXPECT_TRUE(has_note(*a, "16 packages x 2 dies = 32 ranks"));
  EXPECT_GT(a->estimate.input_tokens_per_s, 0);
}

TEST(AscendDies, CloudMatrixDecodeEp320On160PackagesRunsOnDies) {
  InferRequest q = cloudmatrix(160, perf::Scenario::decode_only, 320, 320);
  q.tpot_slo_s = 0.05;
  auto a = predict_inference(test::infer_catalog(), q);
  ASSERT_TRUE(a) << a.error().describe();
  ASSERT_TRUE(a->estimate.feasible) << a->estimate.reason;
  EXPECT_EQ(a->used.cluster.n_chips, 320);
  EXPECT_EQ(a->estimate.layout.ep, 320);
  EXPECT_LE(a->estimate.tpot_s, 0.05 + 1e-9);
  const auto& notes = a->estimate.notes;
  EXPECT_TRUE(std::any_of(notes.begin(), notes.end(), [](const std::string& n) {
    return n.find("dense int8 peak is an estimate") != std::string::npos;
  }));
}

TEST(AscendDies, AtlasA3NodeServesDeepSeekR1OnSixteenRanks) {
  InferRequest q = test::chip_request("deepseek-r1", "huawei-ascend-910c", 8, 2048, 512);
  q.precision = hw::Dtype::int8;
  q.software = "mindie";
  auto a = predict_inference(test::infer_catalog(), q);
  ASSERT_TRUE(a) << a.error().describe();
  ASSERT_TRUE(a->estimate.feasible) << a->estimate.reason;
  EXPECT_EQ(a->used.cluster.n_chips, 16);
  EXPECT_EQ(a->estimate.chips, 16);
  EXPECT_EQ(a->estimate.precision.compute, hw::Dtype::int8);
}

TEST(AscendDies, ALayoutOverPackagesIsTakenInPackagesAndSaid) {
  InferRequest q = test::chip_request("llama-3.1-70b", "huawei-ascend-910c", 8, 1024, 256);
  q.precision = hw::Dtype::bf16;
  q.parallelism = {8, 1, 1, 0};
  auto a = predict_inference(test::infer_catalog(), q);
  ASSERT_TRUE(a) << a.error().describe();
  EXPECT_EQ(a->used.cluster.n_chips, 8);
  EXPECT_EQ(a->hardware.devices_per_chip, 1);
  EXPECT_TRUE(has_note(*a, "parallel degrees count packages"));
  q.parallelism = {8, 1, 2, 0};  // 16 ranks: one per die
  auto b = predict_inference(test::infer_catalog(), q);
  ASSERT_TRUE(b) << b.error().describe();
  EXPECT_EQ(b->used.cluster.n_chips, 16);
}

TEST(AscendDies, TrainingCountsRanksInDiesToo) {
  TrainRequest q;
  q.model = "qwen3-30b-a3b";
  q.hardware.chip = "huawei-ascend-910c";
  q.hardware.chips = 8;
  q.seq = 4096;
  q.global_batch = "256";
  q.top = 1;
  auto a = predict_training(test::infer_catalog(), q);
  ASSERT_TRUE(a) << a.error().describe();
  EXPECT_EQ(a->problem.cluster.n_chips, 16);
  EXPECT_EQ(a->hardware.devices_per_chip, 2);
}

}  // namespace
}  // namespace suanli::api
