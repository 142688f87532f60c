#include "suanli/policy/limits.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <cmath>

namespace suanli::policy {
namespace {

// TPP interval [lo, hi) in which all TPP / PD tests hold at the given die area.
struct Interval {
  double lo = 0;
  double hi = INFINITY;
};

void narrow(Interval& iv, const Condition& c, double area) {
  const double scale = c.metric == Metric::performance_density ? area : 1.0;
  const double x = c.value * scale;
  if (c.bound == Bound::min) iv.lo = std::max(iv.lo, x);
  if (c.bound == Bound::below || c.bound == Bound::max) iv.hi = std::min(iv.hi, x);
}

bool is_compute(Metric m) {
  return m == Metric::tpp || m == Metric::performance_density;
}

ParagraphLimit paragraph_limit(const Paragraph& p, const Interval& note2, double area) {
  ParagraphLimit out;
  out.eccn = p.eccn;
  Interval iv = note2;
  std::vector<std::string> arithmetic;
  for (const Condition& c : p.when) {
    if (!is_compute(c.metric)) {
      out.also.push_back(c);
      continue;
    }
    narrow(iv, c, area);
    if (c.metric == Metric::performance_density) {
      arithmetic.push_back(fmt::format("PD {} means TPP {} {} x {} mm2 = {}", threshold_text(c),
                                       to_string(c.bound), format_value(c.value),
                                       format_value(area), format_value(c.value * area)));
    }
  }
  if (iv.lo >= iv.hi) {
    out.text = fmt::format("{} cannot catch a design of {} mm2", p.eccn, format_value(area));
  } else {
    out.tpp_from = iv.lo;
    if (std::isfinite(iv.hi)) out.tpp_to = iv.hi;
    out.text = out.tpp_to ? fmt::format("{} catches TPP {} to < {}", p.eccn, format_value(iv.lo),
                                        format_value(iv.hi))
                          : fmt::format("{} catches TPP >= {}", p.eccn, format_value(iv.lo));
    if (!out.also.empty()) out.text += " when also " + describe(out.also);
  }
  if (!arithmetic.empty()) out.text += fmt::format(" ({})", fmt::join(arithmetic, "; "));
  return out;
}

Condition negate(const Condition& c) {
  Condition n = c;
  n.bound = c.bound == Bound::min ? Bound::below : Bound::min;
  if (c.bound == Bound::max) n.bound = Bound::min;  // <= x negated is > x, shown as >= x
  return n;
}

RuleLimits classification_limits(const Rule& r, const ClassificationRule& cr, double area,
                                 bool datacenter, DesignLimits& out) {
  RuleLimits rl{r.id, r.title, r.citation(), "outside", {}, {}, {}, {}};
  Interval note2;
  if (!datacenter) {
    for (const Condition& c : cr.non_datacenter_requires) narrow(note2, c, area);
    rl.text = "not a datacenter chip: " + cr.non_datacenter_text;
  }
  for (const Paragraph& p : cr.paragraphs) {
    ParagraphLimit pl = paragraph_limit(p, note2, area);
    if (pl.tpp_from && (!out.max_tpp || *pl.tpp_from < *out.max_tpp)) {
      out.max_tpp = pl.tpp_from;
      out.max_tpp_from = fmt::format("{} ({})", p.eccn, r.id);
    }
    rl.paragraphs.push_back(std::move(pl));
  }
  if (out.max_tpp) out.outside.push_back(Condition{Metric::tpp, Bound::below, *out.max_tpp});
  return rl;
}

// Single-test alternatives of a selector ("DRAM >= 1400 GB/s or I/O >= 1100 GB/s ...").
std::vector<Condition> single_tests(const ChipSelector& s) {
  std::vector<Condition> out;
  if (s.all_of.size() == 1) out.push_back(s.all_of.front());
  for (const ChipSelector& alt : s.any_of) {
    if (alt.all_of.size() == 1 && alt.any_of.empty()) out.push_back(alt.all_of.front());
  }
  return out;
}

}  // namespace

core::Result<DesignLimits> design_limits(const RuleSet& rules, double die_area_mm2, Date date,
                                         bool datacenter) {
  if (auto ok = rules.check_date(date); !ok) return ok.error();
  if (!(die_area_mm2 > 0) || !std::isfinite(die_area_mm2)) {
    return core::make_error(
        core::ErrorCode::invalid_input,
        fmt::format("die area {} mm2 is not a positive area", format_value(die_area_mm2)));
  }
  DesignLimits out;
  out.date = date;
  out.die_area_mm2 = die_area_mm2;
  out.datacenter = datacenter;
  for (const Rule& r : rules.rules) {
    if (!r.in_force(date)) continue;
    if (const auto* cr = std::get_if<ClassificationRule>(&r.body)) {
      out.rules.push_back(classification_limits(r, *cr, die_area_mm2, datacenter, out));
    } else if (const auto* lr = std::get_if<LicenceRule>(&r.body)) {
      const auto tests = single_tests(lr->chips);
      if (tests.empty()) continue;
      RuleLimits rl{r.id, r.title, r.citation(), "outside", {}, {}, {}, {}};
      for (const Condition& c : tests) rl.stay.push_back(negate(c));
      rl.text = fmt::format("licence requirement for {} to {}", describe(lr->chips),
                            describe(lr->destinations));
      for (const Condition& c : rl.stay) out.outside.push_back(c);
      out.rules.push_back(std::move(rl));
    } else if (const auto* rc = std::get_if<ReviewChangeRule>(&r.body)) {
      if (rc->chips.all_of.empty()) continue;
      RuleLimits rl{r.id, r.title, r.citation(), "eligible", {}, rc->chips.all_of, {}, {}};
      std::string to(to_string(rc->to));
      std::replace(to.begin(), to.end(), '_', ' ');
      rl.text = fmt::format("{} review for {} to {}", to, describe(rc->chips),
                            describe(rc->destinations));
      out.rules.push_back(std::move(rl));
    } else if (const auto* lv = std::get_if<LevyRule>(&r.body)) {
      RuleLimits rl{r.id, r.title, r.citation(), "avoid", {}, {}, {}, {}};
      for (const ChipSelector& band : lv->chips.any_of) rl.bands.push_back(band.all_of);
      if (!lv->chips.all_of.empty()) rl.bands.push_back(lv->chips.all_of);
      if (rl.bands.empty()) continue;
      rl.text = fmt::format("{}% {} for {}", format_value(lv->percent), lv->basis,
                            describe(lv->destinations));
      out.rules.push_back(std::move(rl));
    }
  }
  return out;
}

}  // namespace suanli::policy
