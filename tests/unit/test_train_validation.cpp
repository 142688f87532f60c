// The training rows of the calibration suite (validation/calibration.jsonl, when present): at
// least 85% are predicted, every prediction is finite and positive with a band around it, and
// the median error with the catalog's efficiency table stays sane.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "suanli/validate/suite.hpp"
#include "train_fixture.hpp"

namespace suanli::test {
namespace {

TEST(TrainValidation, CalibrationRowsArePredictedSanely) {
  const std::filesystem::path path =
      std::filesystem::path(SUANLI_VALIDATION_DIR) / "calibration.jsonl";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << "no " << path;
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  auto suite = validate::parse_suite(text.str(), path.string());
  ASSERT_TRUE(suite.ok()) << suite.error().describe();
  const catalog::Catalog& cat = train_catalog();
  int n = 0, predicted = 0;
  std::vector<double> ape;
  for (const validate::Case& c : *suite) {
    if (c.kind != validate::CaseKind::training) continue;
    ++n;
    const validate::Prediction p = validate::predict_training_case(c, cat, cat.efficiency);
    if (!p.predicted) {
      ADD_FAILURE() << c.id << " skipped: " << p.skip_reason;
      continue;
    }
    ++predicted;
    EXPECT_TRUE(std::isfinite(p.value) && p.value > 0) << c.id;
    EXPECT_LE(p.band_low, p.value) << c.id;
    EXPECT_GE(p.band_high, p.value) << c.id;
    ape.push_back(std::fabs(p.value / c.value - 1));
  }
  if (n == 0) GTEST_SKIP() << "no training rows";
  EXPECT_GE(predicted, 0.85 * n);
  std::sort(ape.begin(), ape.end());
  EXPECT_LT(ape[ape.size() / 2], 0.35) << "median APE";
}

}  // namespace
}  // namespace suanli::test
