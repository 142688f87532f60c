// Uncertainty bands from held-out residuals (docs/validation.md §calibration, step 6): residuals
// are taken in the throughput direction (a TTFT measured above its prediction is a shortfall,
// like tokens/s measured below), each entry's band is the central interval of its residuals, and
// the level is widened until the bands hold the target share of the residuals.
#include <gtest/gtest.h>

#include <cmath>
#include <deque>

#include "suanli/validate/calibrate.hpp"
#include "train_fixture.hpp"

namespace suanli::test {
namespace {

struct Residuals {
  std::deque<validate::Case> cases;  // stable addresses for CaseResult::c
  std::vector<validate::CaseResult> results;

  // A predicted case on an H100 (family hopper) whose measured / predicted ratio is `ratio`.
  void add(validate::Metric metric, double ratio) {
    validate::Case& c = cases.emplace_back();
    c.id = "SYN-" + std::to_string(cases.size());
    c.software = "vllm";
    c.metric = metric;
    c.system.chip = "nvidia-h100-sxm";
    c.value = 100 * ratio;
    validate::CaseResult r;
    r.c = &c;
    r.prediction.predicted = true;
    r.prediction.value = 100;
    results.push_back(r);
  }
};

std::vector<perf::EfficiencyEntry> global_table() {
  return {perf::EfficiencyEntry{"*", "*", "inference", perf::Efficiency{}, "fit"}};
}

TEST(CalibrateBands, LatencyResidualsAreInvertedAndTheLevelReachesTheTarget) {
  Residuals s;
  // Throughput cases measured at exp(-0.5) .. exp(0.4) of their prediction, and latency cases
  // measured at the inverse ratios: in the throughput direction both are -0.5 .. 0.4.
  for (int k = -5; k <= 4; ++k) {
    s.add(validate::Metric::output_tokens_per_s, std::exp(0.1 * k));
    s.add(validate::Metric::ttft_ms, std::exp(-0.1 * k));
  }
  auto table = global_table();
  const validate::BandFit fit = validate::assign_bands(table, s.results, train_catalog());
  EXPECT_EQ(fit.residuals, 20);
  // 20 residuals, two of each of -0.5 .. 0.4: the 10th percentile sits at position 1.9
  // (-0.5 + 0.9 x 0.1), the 90th at 17.1 (0.3 + 0.1 x 0.1); 16 of 20 lie inside.
  EXPECT_DOUBLE_EQ(fit.level, 0.80);
  EXPECT_NEAR(table[0].values.band_low, std::exp(-0.41), 1e-12);
  EXPECT_NEAR(table[0].values.band_high, std::exp(0.31), 1e-12);
  EXPECT_DOUBLE_EQ(fit.coverage, 0.80);
}

TEST(CalibrateBands, WidensTheLevelUntilTheBandsHoldTheTarget) {
  Residuals s;
  // Twelve residuals -0.55, -0.45, ..., 0.55. At the 80% level the cut points sit at positions
  // 1.1 and 9.9, holding 8 of 12 (67%); at 85% they sit at 0.825 and 10.175: 10 of 12 (83%).
  for (int k = 0; k < 12; ++k) {
    s.add(validate::Metric::output_tokens_per_s, std::exp(-0.55 + 0.1 * k));
  }
  auto table = global_table();
  const validate::BandFit fit = validate::assign_bands(table, s.results, train_catalog());
  EXPECT_DOUBLE_EQ(fit.level, 0.85);
  EXPECT_NEAR(fit.coverage, 10.0 / 12.0, 1e-12);
  EXPECT_NEAR(table[0].values.band_low, std::exp(-0.4675), 1e-12);
  EXPECT_NEAR(table[0].values.band_high, std::exp(0.4675), 1e-12);
}

}  // namespace
}  // namespace suanli::test
