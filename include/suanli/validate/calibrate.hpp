// Calibration of the efficiency table of one workload (inference or training) on a validation
// suite (docs/validation.md §calibration): hierarchical log-multipliers on the built-in priors —
// global, per chip family, per software stack, per (family, software) — fitted by coordinate
// pattern search on a quality-weighted Huber loss of log(predicted / measured), with ridge
// penalties that pull each level toward its parent so that groups with few cases borrow strength.
#pragma once

#include <string>
#include <vector>

#include "suanli/core/cancel.hpp"
#include "suanli/core/progress.hpp"
#include "suanli/validate/run.hpp"

namespace suanli::validate {

struct CalibrationOptions {
  std::string workload = "inference";  // "inference" (with microbenchmarks) or "training"
  double weight_high = 1.0;            // loss weight of high-quality cases
  double weight_medium = 0.6;          // ... medium
  double weight_low = 0.2;             // ... low (0 drops them)
  double noise = 0.2;                  // scale of log(pred / measured) errors the loss expects
  double huber_delta = 1.5;            // Huber threshold, in units of `noise`
  double ridge_global = 0.1;    // prior precision of the global multipliers (1 = N(0, sigma))
  double ridge_family = 1.0;    // ... per chip family
  double ridge_software = 1.0;  // ... per software stack
  double ridge_pair = 2.0;      // ... per (family, software)
  int max_sweeps = 8;           // stop rule: coordinate sweeps at most
  double tolerance = 1e-3;      // stop rule: objective gain of a sweep below this
  int threads = 2;              // case evaluation workers
  core::Progress progress;      // optional: calibrate() reports sweeps done of max_sweeps,
                                // leave_one_source_out() source families done of their number
  const core::CancelFlag* cancel = nullptr;  // optional: checked between case predictions
};

struct CalibrationFit {
  std::vector<perf::EfficiencyEntry> table;  // (*,*), (family,*), (*,software), (family,software)
  std::vector<int> entry_cases;              // cases behind each entry
  double objective = 0;                      // final loss incl. penalties
  int evaluations = 0;                       // case predictions made
  int sweeps = 0;
  int cases = 0;           // cases used
  bool cancelled = false;  // stopped by options.cancel: `table` is empty, nothing was fitted
};

// Fits on the cases of `cases` of the options' workload (inference: with the microbenchmarks)
// that the default table predicts; the entries carry that workload.
CalibrationFit calibrate(const std::vector<const Case*>& cases, const catalog::Catalog& cat,
                         const CalibrationOptions& options);

struct HeldOut {
  std::vector<CaseResult> results;  // each case predicted by a fit that never saw its source
  bool cancelled = false;           // stopped by options.cancel: `results` are incomplete
};

// Leave-one-source-out: for each source family, fit without it and predict it.
HeldOut leave_one_source_out(const std::vector<const Case*>& cases, const catalog::Catalog& cat,
                             const CalibrationOptions& options);

// Uncertainty bands (docs/validation.md §calibration, step 6). Residuals are
// log(measured / predicted) in the throughput direction (inverted for TTFT, TPOT and step time),
// taken from leave-one-source-out predictions. Each entry's band is the central `level` interval
// of the residuals in its scope (the global one when a scope has < 6 cases); the level is the
// first of band_levels at which the bands, looked up as a prediction looks them up, hold at least
// band_target_coverage of the residuals.
inline constexpr double band_levels[] = {0.80, 0.85, 0.90, 0.95};
inline constexpr double band_target_coverage = 0.80;

struct BandFit {
  double level = 0;     // central interval the bands were cut at
  double coverage = 0;  // fraction of the residuals inside their case's band
  int residuals = 0;    // residuals the bands were cut from
};

BandFit assign_bands(std::vector<perf::EfficiencyEntry>& table,
                     const std::vector<CaseResult>& results, const catalog::Catalog& cat);

// Cases a calibration of `options.workload` uses.
KindFilter calibration_filter(const CalibrationOptions& options);

// Quality weight of a case under `options`.
double case_weight(const Case& c, const CalibrationOptions& options);

}  // namespace suanli::validate
