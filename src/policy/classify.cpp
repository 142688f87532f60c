#include "suanli/policy/classify.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <cmath>

namespace suanli::policy {
namespace {

struct ClassOutcome {
  std::string eccn;
  std::vector<std::string> possible;
};

// "2368 < 2400: short by 32 (1.3%)", "15832 >= 4800", or why the test cannot be settled.
std::string margin_text(const Condition& c, const MetricValue& v, Tri t) {
  if (!v.value) return v.arithmetic;
  const std::string value = format_value(*v.value, c.metric == Metric::performance_density ? 4 : 6);
  const std::string thr = threshold_text(c);
  if (t == Tri::unknown) {
    return fmt::format("at least {}, which does not settle {} ({})", value, thr, v.arithmetic);
  }
  if (t == Tri::yes) return fmt::format("{} {}", value, thr);
  const double gap = std::fabs(*v.value - c.value);
  const double pct = c.value != 0 ? 100.0 * gap / std::fabs(c.value) : 0.0;
  const char* word = c.bound == Bound::min ? "short by" : "over by";
  return fmt::format("{} fails {}: {} {} ({}%)", value, thr, word, format_value(gap, 4),
                     format_value(pct, 2));
}

TraceEntry condition_entry(const Rule& rule, const std::string& step, const Condition& c,
                           const PolicyMetrics& m) {
  const MetricValue& v = m.get(c.metric);
  TraceEntry e;
  e.rule_id = rule.id;
  e.step = step;
  e.metric = std::string(to_string(c.metric));
  e.value = v.value;
  e.threshold = threshold_text(c);
  const Tri t = evaluate(c, m);
  e.outcome = t == Tri::yes ? Outcome::pass : t == Tri::no ? Outcome::fail : Outcome::unknown;
  e.detail = margin_text(c, v, t);
  e.citation = rule.citation();
  return e;
}

// Runs the rule's paragraphs; appends trace entries when `trace` is given.
ClassOutcome run_paragraphs(const Rule* rule, const ClassificationRule& cr, const hw::Chip& chip,
                            const PolicyMetrics& m, Trace* trace) {
  ClassOutcome out;
  if (!chip.datacenter && !cr.non_datacenter_requires.empty()) {
    const Tri t = evaluate_all(cr.non_datacenter_requires, m);
    if (trace != nullptr) {
      for (const Condition& c : cr.non_datacenter_requires) {
        TraceEntry e = condition_entry(*rule, "note 2 (not a datacenter chip)", c, m);
        e.detail = cr.non_datacenter_text + "; " + e.detail;
        trace->push_back(std::move(e));
      }
    }
    if (t == Tri::no) {
      out.eccn = not_3a090;
      out.possible = {not_3a090};
      return out;
    }
    if (t == Tri::unknown) out.possible.emplace_back(not_3a090);
  }
  bool decided = false;
  for (const Paragraph& p : cr.paragraphs) {
    const Tri t = evaluate_all(p.when, m);
    if (trace != nullptr) {
      for (const Condition& c : p.when) trace->push_back(condition_entry(*rule, p.eccn, c, m));
    }
    if (t == Tri::no || decided) continue;  // later paragraphs are traced but cannot win
    out.possible.push_back(p.eccn);
    if (t == Tri::yes) decided = true;
  }
  if (!decided &&
      std::find(out.possible.begin(), out.possible.end(), not_3a090) == out.possible.end()) {
    out.possible.emplace_back(not_3a090);
  }
  out.eccn = out.possible.size() == 1 ? out.possible.front() : indeterminate;
  return out;
}

TraceEntry metric_entry(const Rule& rule, Metric metric, const PolicyMetrics& m) {
  const MetricValue& v = m.get(metric);
  TraceEntry e;
  e.rule_id = rule.id;
  e.step = "metric";
  e.metric = std::string(to_string(metric));
  e.value = v.value;
  e.outcome = v.value ? Outcome::info : Outcome::unknown;
  e.detail = v.arithmetic;
  e.citation = rule.citation();
  return e;
}

std::vector<Metric> metrics_used(const ClassificationRule& cr) {
  std::vector<Metric> out;
  auto add = [&](const std::vector<Condition>& cs) {
    for (const Condition& c : cs) {
      if (std::find(out.begin(), out.end(), c.metric) == out.end()) out.push_back(c.metric);
    }
  };
  add(cr.non_datacenter_requires);
  for (const Paragraph& p : cr.paragraphs) add(p.when);
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

const Rule* classification_rule_at(const RuleSet& rules, Date date) {
  const Rule* found = nullptr;
  for (const Rule& r : rules.rules) {
    if (std::holds_alternative<ClassificationRule>(r.body) && r.in_force(date)) found = &r;
  }
  return found;
}

TraceEntry not_in_force_entry(const Rule& rule, Date date) {
  TraceEntry e;
  e.rule_id = rule.id;
  e.step = "in force";
  e.citation = rule.citation();
  if (date < rule.effective) {
    e.outcome = Outcome::not_in_force;
    e.detail = fmt::format("not yet in force on {}: takes effect {}", date.to_string(),
                           rule.effective.to_string());
  } else {
    e.outcome = Outcome::ended;
    e.detail = fmt::format("no longer applies on {}: {} on {}", date.to_string(), rule.end_reason,
                           rule.ends ? rule.ends->to_string() : "?");
  }
  return e;
}

std::vector<DieAreaBand> die_area_bands(const ClassificationRule& cr, const hw::Chip& chip,
                                        const PolicyMetrics& metrics) {
  std::vector<DieAreaBand> bands;
  if (!metrics.tpp.value || *metrics.tpp.value <= 0) return bands;
  const double tpp = *metrics.tpp.value;
  std::vector<double> points;
  for (const Paragraph& p : cr.paragraphs) {
    for (const Condition& c : p.when) {
      if (c.metric == Metric::performance_density && c.value > 0) points.push_back(tpp / c.value);
    }
  }
  std::sort(points.begin(), points.end());
  points.erase(std::unique(points.begin(), points.end()), points.end());
  if (points.empty()) return bands;
  for (std::size_t i = 0; i <= points.size(); ++i) {
    const double lo = i == 0 ? 0.0 : points[i - 1];
    const double probe = i == points.size() ? 2 * lo : (lo + points[i]) / 2;
    PolicyMetrics m = metrics;
    m.die_area_mm2 = probe;
    m.performance_density.value = tpp / probe;
    m.performance_density.lower_bound = false;
    const ClassOutcome c = run_paragraphs(nullptr, cr, chip, m, nullptr);
    DieAreaBand band;
    if (i > 0) band.above_mm2 = lo;
    if (i < points.size()) band.up_to_mm2 = points[i];
    band.eccn = c.eccn;
    if (!bands.empty() && bands.back().eccn == band.eccn) {
      bands.back().up_to_mm2 = band.up_to_mm2;
    } else {
      bands.push_back(band);
    }
  }
  return bands;
}

core::Result<Classification> classify(const RuleSet& rules, const hw::Chip& chip, Date date) {
  if (auto ok = rules.check_date(date); !ok) return ok.error();
  Classification out;
  out.chip_id = chip.id;
  out.date = date;
  out.metrics = compute_metrics(chip);
  const Rule* in_force = classification_rule_at(rules, date);
  for (const Rule& r : rules.rules) {
    if (std::holds_alternative<HbmRule>(r.body)) {
      TraceEntry e = r.in_force(date) ? TraceEntry{} : not_in_force_entry(r, date);
      if (r.in_force(date)) {
        const auto& hbm = std::get<HbmRule>(r.body);
        e.rule_id = r.id;
        e.step = "3A090.c";
        e.outcome = Outcome::not_applicable;
        e.detail = fmt::format(
            "3A090.c controls HBM stacks with memory bandwidth density > {} GB/s per mm2; HBM "
            "co-packaged with a logic IC is excluded, so a logic chip is never 3A090.c",
            format_value(hbm.density_min));
        e.citation = r.citation();
      }
      out.trace.push_back(std::move(e));
      continue;
    }
    if (!std::holds_alternative<ClassificationRule>(r.body) || &r == in_force) continue;
    out.trace.push_back(not_in_force_entry(r, date));
  }
  if (in_force == nullptr) {
    out.eccn = not_3a090;
    out.possible = {not_3a090};
    out.trace.push_back(
        TraceEntry{"", "class", "", std::nullopt, "", Outcome::info,
                   "no 3A090 classification rule is in force on " + date.to_string(), ""});
    return out;
  }
  const auto& cr = std::get<ClassificationRule>(in_force->body);
  out.rule_id = in_force->id;
  for (Metric m : metrics_used(cr)) out.trace.push_back(metric_entry(*in_force, m, out.metrics));
  const ClassOutcome c = run_paragraphs(in_force, cr, chip, out.metrics, &out.trace);
  out.eccn = c.eccn;
  out.possible = c.possible;
  TraceEntry verdict;
  verdict.rule_id = in_force->id;
  verdict.step = "class";
  verdict.outcome = Outcome::applies;
  verdict.citation = in_force->citation();
  if (out.eccn == indeterminate) {
    verdict.outcome = Outcome::unknown;
    verdict.detail = fmt::format("indeterminate: one of {} depending on figures not published",
                                 fmt::join(out.possible, ", "));
    if (!out.metrics.performance_density.value) {
      out.die_area_bands = die_area_bands(cr, chip, out.metrics);
    }
  } else if (out.eccn == not_3a090) {
    verdict.detail = "not 3A090: no paragraph holds";
  } else {
    verdict.detail = out.eccn + ": the first paragraph whose tests all hold";
  }
  out.trace.push_back(std::move(verdict));
  return out;
}

}  // namespace suanli::policy
