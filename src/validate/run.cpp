#include "suanli/validate/run.hpp"

#include <algorithm>
#include <cmath>

#include "suanli/core/parallel_for.hpp"

namespace suanli::validate {

std::optional<KindFilter> parse_kind_filter(std::string_view text) {
  if (text == "inference") return KindFilter::inference;
  if (text == "training") return KindFilter::training;
  if (text == "all") return KindFilter::all;
  return std::nullopt;
}

bool selected(const Case& c, KindFilter filter) {
  switch (filter) {
    case KindFilter::all:
      return true;
    case KindFilter::inference:
      return c.kind != CaseKind::training;
    case KindFilter::training:
      return c.kind == CaseKind::training;
  }
  return false;
}

Prediction predict_case(const Case& c, const catalog::Catalog& cat,
                        const std::vector<perf::EfficiencyEntry>& efficiency) {
  if (c.kind == CaseKind::training) return predict_training_case(c, cat, efficiency);
  return predict_inference_case(c, cat, efficiency);
}

std::vector<CaseResult> run_suite(const std::vector<Case>& suite, const catalog::Catalog& cat,
                                  const std::vector<perf::EfficiencyEntry>& efficiency,
                                  KindFilter filter, int threads) {
  std::vector<CaseResult> out;
  for (const Case& c : suite) {
    if (selected(c, filter)) out.push_back(CaseResult{&c, {}, 0, false});
  }
  core::parallel_for(out.size(), threads, [&](std::size_t i) {
    CaseResult& r = out[i];
    r.prediction = predict_case(*r.c, cat, efficiency);
    if (r.prediction.predicted) {
      const double measured = r.c->value;
      r.ape = std::fabs(r.prediction.value - measured) / measured;
      r.in_band = measured >= r.prediction.band_low && measured <= r.prediction.band_high;
    }
  });
  return out;
}

double quantile(std::vector<double> v, double q) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const double pos = std::clamp(q, 0.0, 1.0) * static_cast<double>(v.size() - 1);
  const auto lo = static_cast<std::size_t>(std::floor(pos));
  const auto hi = std::min(v.size() - 1, lo + 1);
  const double frac = pos - static_cast<double>(lo);
  return v[lo] * (1 - frac) + v[hi] * frac;
}

Summary summarize(const std::vector<CaseResult>& results) {
  Summary s;
  std::vector<double> apes;
  int in_band = 0;
  for (const CaseResult& r : results) {
    ++s.n;
    if (!r.prediction.predicted) {
      ++s.skipped;
      continue;
    }
    ++s.predicted;
    apes.push_back(r.ape);
    if (r.in_band) ++in_band;
  }
  s.median_ape = quantile(apes, 0.5);
  s.p90_ape = quantile(apes, 0.9);
  s.max_ape = apes.empty() ? 0 : *std::max_element(apes.begin(), apes.end());
  s.within_band = s.predicted > 0 ? static_cast<double>(in_band) / s.predicted : 0;
  return s;
}

}  // namespace suanli::validate
