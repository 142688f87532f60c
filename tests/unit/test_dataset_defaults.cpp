// What a suite case's benchmark dataset fixes (validate::detail::dataset_default): mean lengths
// where the case leaves them null, the beam width, and how its answer lengths spread, which every
// case on that dataset runs with (docs/validation.md, "Dataset lengths").
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "infer_fixture.hpp"
#include "src/validate/detail/case_mapping.hpp"

namespace suanli::validate {
namespace {

Case mlperf_case(const char* model, std::optional<double> input, std::optional<double> output) {
  Case c;
  c.id = "MLPI51-001";
  c.source = "MLPerf Inference v5.1 results";
  c.kind = CaseKind::inference;
  c.model = model;
  c.software = "tensorrt-llm";
  c.system.chip = "nvidia-b200";
  c.system.chips = 8;
  c.precision.weights = hw::Dtype::fp8;
  c.inference = InferenceSpec{};
  c.inference->scenario = "offline";
  c.inference->input_tokens = input;
  c.inference->output_tokens = output;
  return c;
}

// The request a mapped case asks: predicted, with these lengths and spread.
void expect_request(const detail::Mapped& m, bool assumed, double input, double output, double cv) {
  ASSERT_TRUE(m.skip.empty()) << m.skip;
  EXPECT_EQ(m.assumed, assumed);
  EXPECT_DOUBLE_EQ(m.request.input, input);
  EXPECT_DOUBLE_EQ(m.request.output, output);
  ASSERT_TRUE(m.request.length_spread);
  EXPECT_DOUBLE_EQ(m.request.length_spread->cv, cv);
}

bool has_note_starting(const std::vector<std::string>& notes, std::string_view start) {
  return std::any_of(notes.begin(), notes.end(),
                     [&](const std::string& n) { return n.rfind(start, 0) == 0; });
}

TEST(DatasetDefaults, MlperfDeepSeekR1FillsItsLengthsAndSpread) {
  for (const char* model : {"deepseek-r1", "deepseek-v3"}) {
    const auto d = detail::dataset_default(mlperf_case(model, std::nullopt, std::nullopt));
    ASSERT_TRUE(d) << model;
    EXPECT_DOUBLE_EQ(d->input_tokens, 803.8);
    EXPECT_DOUBLE_EQ(d->output_tokens, 3886.23);
    EXPECT_DOUBLE_EQ(d->output_cv, 1.114);
  }
  const detail::Mapped m = detail::map_case(mlperf_case("deepseek-r1", std::nullopt, std::nullopt),
                                            test::infer_catalog());
  expect_request(m, true, 803.8, 3886.23, 1.114);
  EXPECT_TRUE(has_note_starting(m.notes, "dataset default: MLPerf deepseek-r1: 803.8 prompt"));
}

// Stated lengths stay; the dataset's spread still applies (a property of its answers), with a
// note that is not an assumption about the case.
TEST(DatasetDefaults, StatedLengthsKeepTheDatasetSpread) {
  const detail::Mapped m =
      detail::map_case(mlperf_case("llama-2-70b", 294, 290.3), test::infer_catalog());
  expect_request(m, false, 294, 290.3, 0.787);
  EXPECT_NE(std::find(m.notes.begin(), m.notes.end(),
                      "answer lengths of the MLPerf llama2-70b OpenOrca dataset spread with cv "
                      "0.787 (from the per-sample lengths of the MLCommons dataset file, reference "
                      "answers)"),
            m.notes.end());
}

// A dataset's spread is for answers generated in a steady state: a prefill-only case generates
// none (the front door would refuse a spread there) and a burst keeps the drain shape its notes
// give (fixed or exponential).
TEST(DatasetDefaults, TheSpreadStaysOutOfPrefillOnlyAndBursts) {
  Case prefill = mlperf_case("deepseek-r1", 803.8, std::nullopt);
  prefill.inference->scenario = "prefill-only";
  const detail::Mapped p = detail::map_case(prefill, test::infer_catalog());
  ASSERT_TRUE(p.skip.empty()) << p.skip;
  EXPECT_FALSE(p.request.length_spread);
  Case burst = mlperf_case("deepseek-r1", 803.8, 3886.23);
  burst.notes = "all 500 requests issued at once, random dataset";
  const detail::Mapped b = detail::map_case(burst, test::infer_catalog());
  ASSERT_TRUE(b.skip.empty()) << b.skip;
  ASSERT_TRUE(b.request.length_spread);
  EXPECT_TRUE(b.request.length_spread->fixed());
  EXPECT_EQ(b.request.requests, 500);
}

TEST(DatasetDefaults, EachMlperfDatasetHasItsFigures) {
  struct Expect {
    const char* model;
    double input, output, cv;
    int beams;
  };
  for (const Expect& e :
       {Expect{"llama-2-70b", 294, 290, 0.787, 1}, Expect{"mixtral-8x7b", 427.4, 144.84, 0.778, 1},
        Expect{"gpt-j-6b", 950, 60, 0, 4}, Expect{"llama-3.1-8b", 870.7, 128, 0, 1},
        Expect{"llama-3.1-405b", 9428.6, 684.68, 0.381, 1},
        Expect{"gpt-oss-120b", 0, 1278.2, 0.193, 1}}) {
    const auto d = detail::dataset_default(mlperf_case(e.model, std::nullopt, std::nullopt));
    ASSERT_TRUE(d) << e.model;
    EXPECT_DOUBLE_EQ(d->input_tokens, e.input) << e.model;
    EXPECT_DOUBLE_EQ(d->output_tokens, e.output) << e.model;
    EXPECT_DOUBLE_EQ(d->output_cv, e.cv) << e.model;
    EXPECT_EQ(d->beams, e.beams) << e.model;
    EXPECT_FALSE(d->note.empty()) << e.model;
  }
  // gpt-oss-120b's prompt length is not published: a case without one is skipped, not guessed.
  const detail::Mapped m = detail::map_case(mlperf_case("gpt-oss-120b", std::nullopt, std::nullopt),
                                            test::infer_catalog());
  EXPECT_EQ(m.skip, "input length not stated");
  // Not an MLPerf case: no dataset.
  Case other = mlperf_case("deepseek-r1", std::nullopt, std::nullopt);
  other.source = "a blog";
  EXPECT_FALSE(detail::dataset_default(other));
}

}  // namespace
}  // namespace suanli::validate
