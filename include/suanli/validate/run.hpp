// Running a validation suite: predict every selected case (in parallel, deterministic order),
// the absolute percentage error of each, and the summary statistics reported by
// `suanli validate` and docs/validation.md.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "suanli/validate/suite.hpp"

namespace suanli::validate {

enum class KindFilter { inference, training, all };
std::optional<KindFilter> parse_kind_filter(std::string_view text);

// Inference selects inference cases and hardware microbenchmarks (they calibrate the same
// efficiency table); training selects training cases; all selects every case.
bool selected(const Case& c, KindFilter filter);

struct CaseResult {
  const Case* c = nullptr;  // the case (owned by the caller's suite)
  Prediction prediction;
  double ape = 0;        // |predicted - measured| / measured, when predicted
  bool in_band = false;  // measured within [band_low, band_high]
};

struct Summary {
  int n = 0;               // cases selected
  int predicted = 0;       // cases with a prediction
  int skipped = 0;         // cases skipped with a reason
  double median_ape = 0;   // fraction
  double p90_ape = 0;      // fraction
  double max_ape = 0;      // fraction
  double within_band = 0;  // fraction of predicted cases whose measurement lies in the band
};

// Predicts every selected case; `threads` workers, results in suite order.
std::vector<CaseResult> run_suite(const std::vector<Case>& suite, const catalog::Catalog& cat,
                                  const std::vector<perf::EfficiencyEntry>& efficiency,
                                  KindFilter filter, int threads);

// Predicts one case with the engine of its kind.
Prediction predict_case(const Case& c, const catalog::Catalog& cat,
                        const std::vector<perf::EfficiencyEntry>& efficiency);

Summary summarize(const std::vector<CaseResult>& results);

// Linear-interpolated quantile of `values` (q in [0, 1]); 0 for an empty list.
double quantile(std::vector<double> values, double q);

}  // namespace suanli::validate
