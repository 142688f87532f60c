// The calibration procedure on training cases (docs/validation.md §Training): a tiny synthetic
// suite whose measurements lie 20% below the built-in priors' predictions. The fit returns
// training entries only, lowers the objective, moves the predictions toward the measurements
// and is deterministic.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include "suanli/perf/common/efficiency_fields.hpp"
#include "suanli/perf/common/measured_efficiency.hpp"
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

std::vector<const validate::Case*> pointers(const Synthetic& s) {
  std::vector<const validate::Case*> out;
  for (const validate::Case& c : s.cases) out.push_back(&c);
  return out;
}

// A training fit of at most `max_sweeps` sweeps on one thread.
validate::CalibrationOptions training_fit(int max_sweeps) {
  validate::CalibrationOptions opt;
  opt.workload = "training";
  opt.max_sweeps = max_sweeps;
  opt.threads = 1;
  return opt;
}

TEST(TrainCalibrate, FitsTrainingEntriesAndImprovesTheObjective) {
  const Synthetic s = synthetic_suite();
  const std::vector<const validate::Case*> ptrs = pointers(s);
  const validate::CalibrationOptions opt = training_fit(2);
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

TEST(TrainCalibrate, ReportsSweepsAndStopsWhenCancelled) {
  const Synthetic s = synthetic_suite();
  const std::vector<const validate::Case*> ptrs = pointers(s);
  validate::CalibrationOptions opt = training_fit(3);
  core::CancelFlag cancel{false};
  opt.cancel = &cancel;

  // Cancelled before it starts: nothing fitted.
  cancel = true;
  const validate::CalibrationFit before = validate::calibrate(ptrs, train_catalog(), opt);
  EXPECT_TRUE(before.cancelled);
  EXPECT_TRUE(before.table.empty());
  EXPECT_EQ(before.cases, 0);
  EXPECT_TRUE(validate::leave_one_source_out(ptrs, train_catalog(), opt).cancelled);

  // Cancelled by the first progress report (after sweep 1 of at most 3): the fit stops there.
  cancel = false;
  std::vector<std::pair<std::size_t, std::size_t>> reports;
  opt.progress = [&](std::size_t done, std::size_t total, double) {
    reports.emplace_back(done, total);
    cancel = true;
  };
  const validate::CalibrationFit during = validate::calibrate(ptrs, train_catalog(), opt);
  EXPECT_TRUE(during.cancelled);
  EXPECT_TRUE(during.table.empty());
  EXPECT_EQ(reports, (std::vector<std::pair<std::size_t, std::size_t>>{{1, 3}}));

  // Leave-one-source-out reports source families (SYNA, SYNB) and stops after the first.
  cancel = false;
  reports.clear();
  const validate::HeldOut loso = validate::leave_one_source_out(ptrs, train_catalog(), opt);
  EXPECT_TRUE(loso.cancelled);
  EXPECT_EQ(reports, (std::vector<std::pair<std::size_t, std::size_t>>{{1, 2}}));

  // Not cancelled: every sweep reported, the fit complete.
  cancel = false;
  opt.cancel = nullptr;
  reports.clear();
  opt.progress = [&](std::size_t done, std::size_t total, double) {
    reports.emplace_back(done, total);
  };
  const validate::CalibrationFit full = validate::calibrate(ptrs, train_catalog(), opt);
  EXPECT_FALSE(full.cancelled);
  EXPECT_FALSE(full.table.empty());
  ASSERT_EQ(reports.size(), static_cast<std::size_t>(full.sweeps));
  EXPECT_EQ(reports.back(), std::make_pair(static_cast<std::size_t>(full.sweeps), std::size_t{3}));
}

// The GEMM rates of a family with measured full-rate parts are theirs, not fitted: geometric means
// over the profiled parts that give their compute units and are not capped (H100 SXM and H200 SXM
// among the Hopper parts; the H20 is capped, the H100 PCIe gives no unit count; only the H200 has
// 8-bit points). The fit moves only the stacks' multipliers on them, and the global entry is free.
TEST(TrainCalibrate, FamilyGemmRatesAreMeasuredWhereTheFamilyHasProfiles) {
  const catalog::Catalog& cat = train_catalog();
  std::vector<std::string> anchored;
  double log_sum = 0;
  for (const hw::ChipProfile& p : cat.profiles) {
    const hw::Chip& chip = *cat.find_chip(p.chip_id)->item;
    if (chip.family != "hopper" || !chip.compute_units.known() || chip.unit_matrix_share < 1) {
      continue;
    }
    anchored.push_back(p.chip_id);
    log_sum += std::log(*perf::measured_kernels(chip, p).gemm);
  }
  std::sort(anchored.begin(), anchored.end());
  ASSERT_EQ(anchored, (std::vector<std::string>{"nvidia-h100-sxm", "nvidia-h200-sxm"}));
  const double gemm = std::exp(log_sum / 2);
  // The H100's figure is the survey's best 16-bit rate over its bf16 peak; it has no 8-bit point.
  const auto h100 =
      perf::measured_kernels(train_chip("nvidia-h100-sxm"), *cat.profile_of("nvidia-h100-sxm"));
  EXPECT_NEAR(*h100.gemm, 797.51 / 989.4, 1e-9);
  EXPECT_FALSE(h100.narrow_gemm);
  const double narrow =
      *perf::measured_kernels(train_chip("nvidia-h200-sxm"), *cat.profile_of("nvidia-h200-sxm"))
           .narrow_gemm;

  const Synthetic s = synthetic_suite();
  const validate::CalibrationFit fit = validate::calibrate(pointers(s), cat, training_fit(2));
  int hopper_entries = 0;
  for (const perf::EfficiencyEntry& e : fit.table) {
    if (e.family != "hopper") continue;
    ++hopper_entries;
    EXPECT_DOUBLE_EQ(e.values.gemm, gemm) << e.family << "/" << e.software;  // no stack moves it
    if (e.software == "*") {
      EXPECT_DOUBLE_EQ(e.values.narrow_gemm, narrow);
    }
  }
  EXPECT_GT(hopper_entries, 0);
  EXPECT_NE(fit.table.front().values.gemm, gemm);  // the global entry is not pinned
}

TEST(TrainCalibrate, WorkloadSelectsItsCases) {
  validate::CalibrationOptions opt;
  EXPECT_EQ(validate::calibration_filter(opt), validate::KindFilter::inference);
  opt.workload = "training";
  EXPECT_EQ(validate::calibration_filter(opt), validate::KindFilter::training);
}

}  // namespace
}  // namespace suanli::test
