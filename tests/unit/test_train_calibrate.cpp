// The calibration procedure on training cases (docs/validation.md §Training): a tiny synthetic
// suite whose measurements lie 20% below the built-in priors' predictions. The fit returns
// training entries only, lowers the objective, moves the predictions toward the measurements
// and is deterministic.
#include <gtest/gtest.h>

#include <cmath>

#include "suanli/perf/common/efficiency_fields.hpp"
#include "suanli/validate/calibrate.hpp"
#include "train_fixture.hpp"

namespace suanli::test {
namespace {

validate::Case training_case(const std::string& id, const std::string& software, int chips) {
  validate::Case c;
  c.id = id;
  c.quality = "high";
  c.kind = validate::CaseKind::training;
  c.model = "llama-3.1-8b";
  c.software = software;
  c.metric = validate::Metric::train_tokens_per_s;
  c.per = validate::Per::chip;
  c.system.chip = "nvidia-h100-sxm";
  c.system.chips = chips;
  c.system.chips_per_node = 8;
  c.system.scaleup_domain = 8;
  c.precision.compute = hw::Dtype::bf16;
  c.precision.weights = hw::Dtype::bf16;
  validate::TrainingSpec t;
  t.seq_len = 4096;
  t.global_batch_seqs = 8 * chips;
  t.micro_batch = 1;
  t.tp = 1, t.pp = 1, t.dp = chips, t.cp = 1;
  t.recompute = "none";
  c.training = t;
  return c;
}

struct Synthetic {
  std::vector<validate::Case> cases;
  std::vector<double> prior;  // predictions with the built-in priors
};

Synthetic synthetic_suite() {
  Synthetic s;
  s.cases = {training_case("SYNA-001", "megatron", 8), training_case("SYNB-001", "nemo", 16)};
  for (validate::Case& c : s.cases) {
    const validate::Prediction p = validate::predict_training_case(c, train_catalog(), {});
    EXPECT_TRUE(p.predicted) << c.id << ": " << p.skip_reason;
    s.prior.push_back(p.value);
    c.value = 0.8 * p.value;
  }
  validate::Case inference = s.cases.front();  // not a training case: ignored by the fit
  inference.id = "SYNC-001";
  inference.kind = validate::CaseKind::inference;
  inference.training.reset();
  s.cases.push_back(inference);
  return s;
}

TEST(TrainCalibrate, FitsTrainingEntriesAndImprovesTheObjective) {
  const Synthetic s = synthetic_suite();
  std::vector<const validate::Case*> ptrs;
  for (const validate::Case& c : s.cases) ptrs.push_back(&c);
  validate::CalibrationOptions opt;
  opt.workload = "training";
  opt.max_sweeps = 2;
  opt.threads = 1;
  const validate::CalibrationFit fit = validate::calibrate(ptrs, train_catalog(), opt);
  EXPECT_EQ(fit.cases, 2);
  ASSERT_FALSE(fit.table.empty());
  EXPECT_EQ(fit.table.front().family, "*");
  EXPECT_EQ(fit.table.front().software, "*");
  for (const perf::EfficiencyEntry& e : fit.table) EXPECT_EQ(e.workload, "training");

  // Objective with the priors: each case's Huber loss of log(1 / 0.8) / noise, no penalty.
  const double z = std::log(1 / 0.8) / opt.noise;
  const double start =
      2 * (z <= opt.huber_delta ? 0.5 * z * z : opt.huber_delta * (z - 0.5 * opt.huber_delta));
  EXPECT_LT(fit.objective, start);
  for (std::size_t i = 0; i < 2; ++i) {
    const validate::Prediction p =
        validate::predict_training_case(s.cases[i], train_catalog(), fit.table);
    ASSERT_TRUE(p.predicted);
    EXPECT_LT(std::fabs(std::log(p.value / s.cases[i].value)),
              std::fabs(std::log(s.prior[i] / s.cases[i].value)))
        << s.cases[i].id;
  }

  // Deterministic: the same suite gives the same table.
  const validate::CalibrationFit again = validate::calibrate(ptrs, train_catalog(), opt);
  ASSERT_EQ(again.table.size(), fit.table.size());
  for (std::size_t i = 0; i < fit.table.size(); ++i) {
    for (const perf::EfficiencyField& f : perf::efficiency_fields()) {
      EXPECT_EQ(again.table[i].values.*(f.member), fit.table[i].values.*(f.member)) << f.key;
    }
  }
}

TEST(TrainCalibrate, WorkloadSelectsItsCases) {
  validate::CalibrationOptions opt;
  EXPECT_EQ(validate::calibration_filter(opt), validate::KindFilter::inference);
  opt.workload = "training";
  EXPECT_EQ(validate::calibration_filter(opt), validate::KindFilter::training);
}

}  // namespace
}  // namespace suanli::test
