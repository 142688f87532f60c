#include <fmt/format.h>
#include <algorithm>
#include <cmath>

#include "detail/access_steps.hpp"

namespace suanli::policy::detail {
namespace {

TraceEntry entry(const Rule& r, std::string step, Outcome o, std::string detail) {
  TraceEntry e;
  e.rule_id = r.id;
  e.step = std::move(step);
  e.outcome = o;
  e.detail = std::move(detail);
  e.citation = r.citation();
  return e;
}

std::string spaced(ReviewPolicy p) {
  std::string s(to_string(p));
  std::replace(s.begin(), s.end(), '_', ' ');
  return s;
}

ReviewPolicy review_for(const LicenceRule& lr, const Country& dest) {
  for (const ReviewClause& c : lr.review) {
    if (contains(c.destinations, dest)) return c.policy;
  }
  return ReviewPolicy::presumption_of_denial;
}

QuantityCap cap_of(const Rule& r, const QuantityCapRule& c, const PolicyMetrics& m) {
  QuantityCap q{r.id, c.name, c.tpp, c.per, std::nullopt, c.raised_tpp, c.raised_when, c.note};
  if (m.tpp.value && *m.tpp.value > 0) q.chips = std::floor(c.tpp / *m.tpp.value);
  return q;
}

// The United States itself is never an export destination, so the headquarters rule (which
// reaches "all destinations outside the United States") skips it.
bool is_united_states(const Country& c) {
  return c.code == "US";
}

}  // namespace

std::vector<Requirement> licence_requirements(const AccessContext& ctx, AccessResult& out) {
  std::vector<Requirement> found;
  for (const Rule& r : ctx.rules->rules) {
    if (!std::holds_alternative<LicenceRule>(r.body)) continue;
    if (!r.in_force(ctx.date)) {
      out.trace.push_back(not_in_force_entry(r, ctx.date));
      continue;
    }
    std::vector<std::string> amendments;
    const LicenceRule lr = ctx.rules->amended(r, ctx.date, &amendments);
    const std::string amended =
        amendments.empty() ? "" : fmt::format(" (as amended by {})", fmt::join(amendments, ", "));
    const SelectorMatch sel = match(lr.chips, ctx.facts);
    if (sel.result == Tri::no) {
      out.trace.push_back(
          entry(r, "chip", Outcome::not_applicable, "does not reach the chip: " + sel.why));
      continue;
    }
    const bool dest_hit = contains(lr.destinations, *ctx.dest);
    const bool hq_hit =
        ctx.hq != nullptr && !is_united_states(*ctx.dest) && contains(lr.headquarters, *ctx.hq);
    if (!dest_hit && !hq_hit) {
      out.trace.push_back(entry(r, "destination", Outcome::not_applicable,
                                fmt::format("{} is not among the destinations reached ({}){}",
                                            ctx.dest->code, describe(lr.destinations), amended)));
      continue;
    }
    if (sel.result == Tri::unknown) {
      out.trace.push_back(entry(r, "chip", Outcome::unknown,
                                "may reach the chip; figures are missing: " + sel.why));
      out.risks.push_back(Risk{r.id, r.authority, false,
                               fmt::format("a licence may be required under {} ({}); the chip's "
                                           "published figures do not settle it",
                                           r.title, sel.why),
                               r.citation()});
      continue;
    }
    Requirement req{&r, ReviewPolicy::presumption_of_denial, std::nullopt};
    std::string where;
    if (dest_hit) {
      req.policy = review_for(lr, *ctx.dest);
      where =
          fmt::format("destination {} is reached ({})", ctx.dest->code, describe(lr.destinations));
    }
    if (hq_hit) {
      if (!dest_hit || strictness(lr.headquarters_review) > strictness(req.policy)) {
        req.policy = lr.headquarters_review;
      }
      where += fmt::format("{}end user headquartered in {} ({})", where.empty() ? "" : "; ",
                           ctx.hq->code, describe(lr.headquarters));
    }
    for (const LicenceException& x : lr.exceptions) {
      const bool chip_ok = match(x.chips, ctx.facts).result == Tri::yes;
      const bool dest_ok =
          contains(x.destinations, *ctx.dest) && (!hq_hit || contains(x.destinations, *ctx.hq));
      if (!chip_ok || !dest_ok) continue;
      req.exception = ExceptionUse{r.id, x.name, x.title, x.notification, x.note};
      for (const QuantityCapRule& c : x.caps) {
        if (contains(c.destinations, *ctx.dest))
          out.caps.push_back(cap_of(r, c, *ctx.facts.metrics));
      }
      break;
    }
    for (const QuantityCapRule& c : lr.caps) {
      if (contains(c.destinations, *ctx.dest)) out.caps.push_back(cap_of(r, c, *ctx.facts.metrics));
    }
    std::string detail = fmt::format("licence required: {}; {}{}", sel.why, where, amended);
    if (req.exception) {
      detail += fmt::format("; licence exception {} available", req.exception->name);
    } else {
      detail += "; review policy " + spaced(req.policy);
    }
    out.trace.push_back(entry(r, "licence requirement", Outcome::applies, detail));
    found.push_back(req);
  }
  return found;
}

void apply_review_changes(const AccessContext& ctx, AccessResult& out) {
  for (const Rule& r : ctx.rules->rules) {
    const auto* rc = std::get_if<ReviewChangeRule>(&r.body);
    if (rc == nullptr) continue;
    if (!r.in_force(ctx.date)) {
      out.trace.push_back(not_in_force_entry(r, ctx.date));
      continue;
    }
    const SelectorMatch sel = match(rc->chips, ctx.facts);
    std::string why;
    if (out.status != AccessStatus::license_required || !out.review_policy) {
      why = "no licence requirement to change";
    } else if (sel.result != Tri::yes) {
      why = "does not reach the chip: " + sel.why;
    } else if (!contains(rc->destinations, *ctx.dest)) {
      why = fmt::format("{} is not among the destinations reached ({})", ctx.dest->code,
                        describe(rc->destinations));
    } else if (!rc->from.empty() &&
               std::find(rc->from.begin(), rc->from.end(), *out.review_policy) == rc->from.end()) {
      std::vector<std::string> names;
      for (ReviewPolicy p : rc->from) names.push_back(spaced(p));
      why = fmt::format("applies only to a {} review, not {}", fmt::join(names, " or "),
                        spaced(*out.review_policy));
    }
    if (!why.empty()) {
      out.trace.push_back(entry(r, "review policy", Outcome::not_applicable, why));
      continue;
    }
    std::string detail = fmt::format("review policy {} -> {} ({})", spaced(*out.review_policy),
                                     spaced(rc->to), sel.why);
    out.review_policy = rc->to;
    out.rules_applied.push_back(r.id);
    if (rc->levy_percent > 0) {
      out.levies.push_back(Levy{r.id, rc->levy_percent, rc->levy_basis, r.citation()});
      detail += fmt::format("; {}% {}", format_value(rc->levy_percent), rc->levy_basis);
    }
    if (!rc->conditions.empty()) detail += "; conditions: " + rc->conditions;
    out.trace.push_back(entry(r, "review policy", Outcome::applies, detail));
  }
}

void apply_levies(const AccessContext& ctx, AccessResult& out) {
  for (const Rule& r : ctx.rules->rules) {
    const auto* lv = std::get_if<LevyRule>(&r.body);
    if (lv == nullptr) continue;
    if (!r.in_force(ctx.date)) {
      out.trace.push_back(not_in_force_entry(r, ctx.date));
      continue;
    }
    const SelectorMatch sel = match(lv->chips, ctx.facts);
    std::string why;
    if (sel.result != Tri::yes) {
      why = "does not reach the chip: " + sel.why;
    } else if (!contains(lv->destinations, *ctx.dest)) {
      why = fmt::format("{} is not among the destinations reached ({})", ctx.dest->code,
                        describe(lv->destinations));
    } else if (!lv->requires_rule.empty() &&
               std::find(out.rules_applied.begin(), out.rules_applied.end(), lv->requires_rule) ==
                   out.rules_applied.end()) {
      why = fmt::format("collected only on exports under {}, which does not apply here",
                        lv->requires_rule);
    }
    if (!why.empty()) {
      out.trace.push_back(entry(r, "levy", Outcome::not_applicable, why));
      continue;
    }
    out.levies.push_back(Levy{r.id, lv->percent, lv->basis, r.citation()});
    out.rules_applied.push_back(r.id);
    out.trace.push_back(
        entry(r, "levy", Outcome::applies,
              fmt::format("{}% {} ({})", format_value(lv->percent), lv->basis, sel.why)));
  }
}

void collect_risks(const AccessContext& ctx, AccessResult& out) {
  for (const Rule& r : ctx.rules->rules) {
    const ChipSelector* chips = nullptr;
    const DestinationSet* dests = nullptr;
    bool blocking = false;
    std::string text;
    const std::vector<std::string>* buyers = nullptr;
    if (const auto* rk = std::get_if<RiskRule>(&r.body)) {
      chips = &rk->chips;
      dests = &rk->destinations;
      blocking = rk->blocking;
      text = rk->text;
      buyers = &rk->buyers;
    } else if (const auto* hbm = std::get_if<HbmRule>(&r.body)) {
      chips = &hbm->affected;
      dests = &hbm->destinations;
      text = hbm->text;
    } else {
      continue;
    }
    if (!r.in_force(ctx.date)) {
      out.trace.push_back(not_in_force_entry(r, ctx.date));
      continue;
    }
    const SelectorMatch sel = match(*chips, ctx.facts);
    if (sel.result != Tri::yes) {
      out.trace.push_back(
          entry(r, "risk", Outcome::not_applicable, "does not reach the chip: " + sel.why));
      continue;
    }
    if (!contains(*dests, *ctx.dest)) {
      out.trace.push_back(entry(r, "risk", Outcome::not_applicable,
                                fmt::format("{} is not among the destinations reached ({})",
                                            ctx.dest->code, describe(*dests))));
      continue;
    }
    if (buyers != nullptr && !buyers->empty()) {
      const std::string bound = fmt::format("{}", fmt::join(*buyers, ", "));
      if (ctx.buyer.empty()) {
        blocking = false;
        text = fmt::format("for {} buyers: {}", bound, text);
      } else if (std::find(buyers->begin(), buyers->end(), ctx.buyer) == buyers->end()) {
        out.trace.push_back(entry(r, "risk", Outcome::not_applicable,
                                  fmt::format("binds {} buyers, not {}", bound, ctx.buyer)));
        continue;
      }
    }
    out.risks.push_back(Risk{r.id, r.authority, blocking, text, r.citation()});
    out.rules_applied.push_back(r.id);
    out.trace.push_back(
        entry(r, "risk", Outcome::applies,
              fmt::format("{}{} ({})", blocking ? "blocking: " : "", text, sel.why)));
  }
}

}  // namespace suanli::policy::detail
