// The validation suite path for inference: parsing, skip reasons, coverage and the error of the
// committed efficiency table on the calibration suite.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <sstream>

#include "suanli/perf/infer/queue.hpp"
#include "suanli/validate/calibrate.hpp"
#include "suanli/validate/run.hpp"
#include "tests/unit/infer_fixture.hpp"

namespace suanli::validate {
namespace {

std::vector<Case> calibration_suite() {
  std::ifstream in(std::string(SUANLI_VALIDATION_DIR) + "/calibration.jsonl");
  std::stringstream text;
  text << in.rdbuf();
  auto suite = parse_suite(text.str(), "calibration.jsonl");
  if (!suite) throw std::runtime_error(suite.error().describe());
  return std::move(suite).value();
}

const CaseResult* find(const std::vector<CaseResult>& rs, const std::string& id) {
  for (const auto& r : rs) {
    if (r.c->id == id) return &r;
  }
  return nullptr;
}

TEST(InferValidate, SourceFamilyIsTheIdPrefix) {
  EXPECT_EQ(source_family("MLPI41-001"), "MLPI41");
  EXPECT_EQ(source_family("GPUSTACK-022"), "GPUSTACK");
  EXPECT_EQ(source_family("plain"), "plain");
}

TEST(InferValidate, ParserReportsEveryBadLine) {
  const std::string text =
      "{not json}\n"
      "\n"
      "{\"id\": \"X-1\", \"sorce\": 1}\n";
  auto r = parse_suite(text, "bad.jsonl");
  ASSERT_FALSE(r);
  const auto& problems = r.error().problems;
  ASSERT_GE(problems.size(), 2u);
  EXPECT_EQ(problems.front().line, 1);
  bool unknown_key = false;
  for (const auto& p : problems) {
    if (p.line == 3 && p.message == "unknown key 'sorce'")
      unknown_key = p.hint.find("source") != std::string::npos;
  }
  EXPECT_TRUE(unknown_key);
}

TEST(InferValidate, KindMetricAndScopeAreClosedSets) {
  const std::string text =
      R"({"id": "X-1", "source": "s", "quality": "high", "kind": "serving", "model": null, )"
      R"("software": "vllm", "metric": "output_tokens_per_sec", "per": "rack", "value": 1, )"
      R"("notes": "", "system": {"chip": "nvidia-h100-sxm", "chips": 8}, "precision": {}, )"
      R"("inference": null, "training": null})"
      "\n";
  auto r = parse_suite(text, "bad.jsonl");
  ASSERT_FALSE(r);
  std::map<std::string, const core::Problem*> by_key;
  for (const auto& p : r.error().problems) by_key[p.key_path] = &p;
  ASSERT_TRUE(by_key.contains("kind") && by_key.contains("metric") && by_key.contains("per"));
  EXPECT_EQ(by_key["kind"]->message,
            "'serving' is not one of: inference, training (null for a microbenchmark)");
  EXPECT_EQ(by_key["per"]->message, "'rack' is not one of: system, chip, node");
  EXPECT_EQ(by_key["metric"]->hint.rfind("did you mean one of 'output_tokens_per_s'", 0), 0U)
      << by_key["metric"]->hint;
  for (const Metric m : {Metric::output_tokens_per_s, Metric::mfu, Metric::mem_bw_gbs}) {
    EXPECT_EQ(parse_metric(to_string(m)), m);
  }
  EXPECT_EQ(parse_case_kind(""), CaseKind::microbenchmark);
  EXPECT_EQ(to_string(Per::node), "node");
}

TEST(InferValidate, CalibrationSuiteCoverageAndError) {
  const auto suite = calibration_suite();
  EXPECT_EQ(suite.size(), 156u);
  const auto& cat = test::infer_catalog();
  const auto results = run_suite(suite, cat, cat.efficiency, KindFilter::inference, 2);
  int inference = 0, predicted = 0;
  for (const auto& r : results) {
    if (r.c->kind != CaseKind::inference) continue;
    ++inference;
    if (r.prediction.predicted) ++predicted;
    if (!r.prediction.predicted) {
      EXPECT_FALSE(r.prediction.skip_reason.empty()) << r.c->id;
    }
  }
  EXPECT_EQ(inference, 109);
  EXPECT_EQ(predicted, 109);  // every inference case (FLAGPERF-019 is a microbenchmark)
  const Summary s = summarize(results);
  EXPECT_LT(s.median_ape, 0.25);
  // Production prefill with on-disk cache hits: the stated 56.3% is reused, the prompt length is
  // the documented default (4,096, DeepSeek's own prefill profile), flagged as assumed.
  const CaseResult* prod = find(results, "DSDAY6-001");
  ASSERT_NE(prod, nullptr);
  EXPECT_TRUE(prod->prediction.predicted) << prod->prediction.skip_reason;
  EXPECT_TRUE(prod->prediction.assumed);
  // The same source's profile states its length: nothing assumed for a prefill without output.
  const CaseResult* profile = find(results, "DSDAY6-003");
  ASSERT_NE(profile, nullptr);
  EXPECT_TRUE(profile->prediction.predicted);
  EXPECT_FALSE(profile->prediction.assumed);
  const CaseResult* gptj = find(results, "MLPI41-003");
  ASSERT_NE(gptj, nullptr);
  EXPECT_TRUE(gptj->prediction.predicted);
  EXPECT_TRUE(gptj->prediction.assumed);
  // The guide's max-throughput runs state every length and the batch: nothing assumed.
  for (const char* id : {"TRTDS-001", "TRTDS-002", "TRTDS-003"}) {
    const CaseResult* guide = find(results, id);
    ASSERT_NE(guide, nullptr) << id;
    EXPECT_TRUE(guide->prediction.predicted) << id << ": " << guide->prediction.skip_reason;
    EXPECT_FALSE(guide->prediction.assumed) << id;
  }
  // MLPerf v5.1 DeepSeek-R1 runs state both lengths; the dataset's answer spread applies.
  for (const char* id : {"MLPI51-001", "MLPI51-002", "MLPI51-006", "MLPI51-008"}) {
    const CaseResult* run = find(results, id);
    ASSERT_NE(run, nullptr) << id;
    EXPECT_TRUE(run->prediction.predicted) << id << ": " << run->prediction.skip_reason;
    EXPECT_FALSE(run->prediction.assumed) << id;
    ASSERT_TRUE(run->prediction.infer_request && run->prediction.infer_request->length_spread)
        << id;
    EXPECT_DOUBLE_EQ(run->prediction.infer_request->length_spread->cv, 1.114) << id;
  }
  const CaseResult* gemm = find(results, "FLAGPERF-014");
  ASSERT_NE(gemm, nullptr);
  EXPECT_TRUE(gemm->prediction.predicted);
}

TEST(InferValidate, UnknownIdsAreSkippedWithTheirReason) {
  auto suite = calibration_suite();
  Case c = suite.front();
  c.system.chip = "nvidia-h1000";
  const auto& cat = test::infer_catalog();
  EXPECT_EQ(predict_case(c, cat, {}).skip_reason, "unknown chip 'nvidia-h1000'");
  c = suite.front();
  c.model = "llama-9-70b";
  EXPECT_EQ(predict_case(c, cat, {}).skip_reason, "unknown model 'llama-9-70b'");
  c = suite.front();
  c.metric = Metric::mfu;  // a training metric on an inference case
  EXPECT_EQ(predict_case(c, cat, {}).skip_reason, "unsupported metric 'mfu'");
}

TEST(InferValidate, QuantileAndWeights) {
  EXPECT_DOUBLE_EQ(quantile({3, 1, 2}, 0.5), 2);
  EXPECT_DOUBLE_EQ(quantile({1, 2}, 0.5), 1.5);
  EXPECT_DOUBLE_EQ(quantile({}, 0.9), 0);
  CalibrationOptions o;
  Case c;
  c.quality = "low";
  EXPECT_DOUBLE_EQ(case_weight(c, o), o.weight_low);
}

TEST(InferQueue, ErlangAndPoissonAgreeWithKnownValues) {
  EXPECT_NEAR(perf::erlang_c(1, 0.5), 0.5, 1e-12);      // M/M/1: P(wait) = rho
  EXPECT_NEAR(perf::erlang_c(2, 1.0), 1.0 / 3, 1e-12);  // textbook value
  EXPECT_DOUBLE_EQ(perf::poisson_quantile(0, 0.99), 0);
  EXPECT_DOUBLE_EQ(perf::poisson_quantile(1, 0.99), 4);  // P(N <= 4 | 1) = 0.9963
  EXPECT_NEAR(perf::normal_quantile(0.99), 2.3263, 1e-4);
  const perf::QueueWait w = perf::md_c_wait(0.5, 1.0, 1, 0.99);
  EXPECT_TRUE(w.stable);
  EXPECT_NEAR(w.mean, 0.5, 1e-12);  // M/D/1: rho s / (2 (1 - rho)) = 0.5
  EXPECT_FALSE(perf::md_c_wait(2.0, 1.0, 1, 0.99).stable);
}

}  // namespace
}  // namespace suanli::validate
