// Out-of-sample error of the calibration (leave one source family out) and the uncertainty bands
// derived from it (docs/validation.md §calibration).
#include <algorithm>
#include <cmath>
#include <set>

#include "detail/case_mapping.hpp"
#include "suanli/validate/calibrate.hpp"

namespace suanli::validate {

HeldOut leave_one_source_out(const std::vector<const Case*>& cases, const catalog::Catalog& cat,
                             const CalibrationOptions& options) {
  HeldOut out;
  const KindFilter filter = calibration_filter(options);
  std::set<std::string> sources;
  for (const Case* c : cases) {
    if (selected(*c, filter)) sources.insert(source_family(c->id));
  }
  std::vector<CaseResult> results;
  for (const Case* c : cases) {
    if (selected(*c, filter)) results.push_back(CaseResult{c, {}, 0, false});
  }
  CalibrationOptions inner = options;  // each fit reports no sweeps; this reports sources
  inner.progress = nullptr;
  core::ProgressCounter counter(options.progress, sources.size());
  for (const std::string& src : sources) {
    std::vector<const Case*> train;
    for (const Case* c : cases) {
      if (source_family(c->id) != src) train.push_back(c);
    }
    const CalibrationFit fit = calibrate(train, cat, inner);
    if (fit.cancelled) {
      out.cancelled = true;
      return out;
    }
    for (CaseResult& r : results) {
      if (source_family(r.c->id) != src) continue;
      r.prediction = predict_case(*r.c, cat, fit.table);
      if (r.prediction.predicted) {
        r.ape = std::fabs(r.prediction.value - r.c->value) / r.c->value;
        r.in_band = r.c->value >= r.prediction.band_low && r.c->value <= r.prediction.band_high;
      }
    }
    counter.item_done();
  }
  out.results = std::move(results);
  return out;
}

namespace {

struct Residual {
  std::string family, software;
  double r;  // log(measured / predicted) in the throughput direction (latencies inverted)
};

std::vector<Residual> residuals(const std::vector<CaseResult>& results,
                                const catalog::Catalog& cat) {
  std::vector<Residual> all;
  for (const CaseResult& res : results) {
    if (!res.prediction.predicted || res.prediction.value <= 0 || res.c->value <= 0) continue;
    auto chip = cat.find_chip(res.c->system.chip);
    if (!chip) continue;
    const double r = std::log(res.c->value / res.prediction.value);
    all.push_back(
        {chip->item->family, detail::case_stack(*res.c), lower_is_better(res.c->metric) ? -r : r});
  }
  return all;
}

// Bands of every entry at central coverage `level`: the quantiles of the residuals in its scope
// (the global ones when a scope has fewer than 6 residuals); the prediction always lies inside.
void set_bands(std::vector<perf::EfficiencyEntry>& table, const std::vector<Residual>& all,
               double level) {
  const double lo_q = (1 - level) / 2, hi_q = (1 + level) / 2;
  auto bounds = [&](const std::vector<double>& v) {
    return std::pair{quantile(v, lo_q), quantile(v, hi_q)};
  };
  std::vector<double> every;
  every.reserve(all.size());
  for (const Residual& r : all) every.push_back(r.r);
  const auto global = bounds(every);
  constexpr std::size_t min_cases = 6;
  for (perf::EfficiencyEntry& e : table) {
    std::vector<double> scope;
    for (const Residual& r : all) {
      if ((e.family == "*" || e.family == r.family) &&
          (e.software == "*" || e.software == r.software)) {
        scope.push_back(r.r);
      }
    }
    auto b = scope.size() >= min_cases ? bounds(scope) : global;
    e.values.band_low = std::clamp(std::exp(std::min(b.first, 0.0)), 0.05, 1.0);
    e.values.band_high = std::clamp(std::exp(std::max(b.second, 0.0)), 1.0, 20.0);
  }
}

// Fraction of the residuals inside the band the table gives their case (the same lookup a
// prediction uses: exact pair, else family x software / global, else family, stack, global).
double coverage(const std::vector<perf::EfficiencyEntry>& table, const std::vector<Residual>& all) {
  if (all.empty() || table.empty()) return 0;
  const std::string& workload = table.front().workload;
  int inside = 0;
  for (const Residual& r : all) {
    const perf::Efficiency e = perf::lookup_efficiency(table, r.family, r.software, workload);
    if (r.r >= std::log(e.band_low) - 1e-12 && r.r <= std::log(e.band_high) + 1e-12) ++inside;
  }
  return static_cast<double>(inside) / static_cast<double>(all.size());
}

}  // namespace

BandFit assign_bands(std::vector<perf::EfficiencyEntry>& table,
                     const std::vector<CaseResult>& results, const catalog::Catalog& cat) {
  const std::vector<Residual> all = residuals(results, cat);
  BandFit fit;
  fit.residuals = static_cast<int>(all.size());
  for (const double level : band_levels) {
    set_bands(table, all, level);
    fit.level = level;
    fit.coverage = coverage(table, all);
    if (fit.coverage >= band_target_coverage) break;
  }
  return fit;
}

}  // namespace suanli::validate
