#include "suanli/policy/access.hpp"

#include <fmt/format.h>
#include <algorithm>

#include "detail/access_steps.hpp"
#include "suanli/policy/buyer.hpp"

namespace suanli::policy {
namespace {

std::string spaced(std::string_view s) {
  std::string out(s);
  std::replace(out.begin(), out.end(), '_', ' ');
  return out;
}

TraceEntry destination_entry(const Country& asked, const Country& resolved, const Country* hq) {
  TraceEntry e;
  e.step = "destination";
  e.outcome = Outcome::info;
  std::string groups =
      resolved.groups.empty() ? "none" : fmt::format("{}", fmt::join(resolved.groups, ", "));
  e.detail = fmt::format("{} ({}): EAR country groups {}; AI Diffusion tier {}", resolved.code,
                         resolved.name, groups, resolved.tier);
  if (&asked != &resolved) {
    e.detail = fmt::format("{} ({}) is treated as {}: {}; ", asked.code, asked.name, resolved.code,
                           asked.note) +
               e.detail;
  }
  if (hq != nullptr) {
    e.detail +=
        fmt::format("; end user headquartered in {} ({}), groups {}", hq->code, hq->name,
                    hq->groups.empty() ? "none" : fmt::format("{}", fmt::join(hq->groups, ", ")));
  }
  return e;
}

void decide(const std::vector<detail::Requirement>& reqs, AccessResult& out) {
  if (reqs.empty()) {
    out.status = AccessStatus::not_controlled;
    return;
  }
  const bool all_excepted = std::all_of(reqs.begin(), reqs.end(), [](const detail::Requirement& r) {
    return r.exception.has_value();
  });
  for (const auto& r : reqs) out.rules_applied.push_back(r.rule->id);
  if (all_excepted) {
    out.status = AccessStatus::license_exception;
    for (const auto& r : reqs) {
      const bool seen =
          std::any_of(out.exceptions.begin(), out.exceptions.end(),
                      [&](const ExceptionUse& x) { return x.name == r.exception->name; });
      if (!seen) out.exceptions.push_back(*r.exception);
    }
    return;
  }
  out.status = AccessStatus::license_required;
  for (const auto& r : reqs) {
    if (r.exception) continue;
    if (!out.review_policy || strictness(r.policy) > strictness(*out.review_policy)) {
      out.review_policy = r.policy;
    }
  }
}

// The licensing outcome in words, with levies and caps.
std::string licence_words(const AccessResult& out, const std::string& chip,
                          const std::string& dest) {
  std::string s;
  switch (out.status) {
    case AccessStatus::not_controlled:
      s = fmt::format("not controlled: no licence requirement in force reaches {} to {} on {}",
                      chip, dest, out.date.to_string());
      break;
    case AccessStatus::license_exception: {
      std::vector<std::string> names;
      for (const auto& x : out.exceptions) names.push_back(x.name);
      s = fmt::format("licence exception {} available", fmt::join(names, ", "));
      break;
    }
    case AccessStatus::license_required:
      s = fmt::format("licence required ({} review)", spaced(to_string(*out.review_policy)));
      if (*out.review_policy == ReviewPolicy::case_by_case) s += ", none known issued";
      break;
  }
  if (out.levy_percent > 0) s += fmt::format("; {}% levy", format_value(out.levy_percent));
  if (!out.caps.empty()) s += "; quantity caps apply";
  return s;
}

// Folds the sale window, the destination's blocking measures, the licence outcome and a missing
// classification figure into one status, in that order of precedence.
Obtainability obtainability_of(const AccessResult& out, const std::optional<Date>& launch) {
  if (launch && out.date < *launch) return Obtainability::not_on_sale;
  for (const Risk& r : out.risks) {
    if (r.blocking) return Obtainability::blocked;
  }
  if (out.status == AccessStatus::license_required) {
    switch (*out.review_policy) {
      case ReviewPolicy::presumption_of_denial:
        return Obtainability::denied;
      case ReviewPolicy::case_by_case:
        return Obtainability::case_by_case;
      case ReviewPolicy::presumption_of_approval:
        return Obtainability::licensed;
    }
  }
  if (out.eccn == indeterminate) return Obtainability::unknown;
  return Obtainability::available;
}

void explain(AccessResult& out, const hw::Chip& chip, const std::string& dest) {
  out.levy_percent = 0;
  for (const Levy& l : out.levies) out.levy_percent += l.percent;
  const std::optional<Date> launch = launch_date(chip);
  out.launch = chip.launch;
  out.obtainability = obtainability_of(out, launch);
  out.available = obtainable(out.obtainability);
  std::string why;
  switch (out.obtainability) {
    case Obtainability::not_on_sale:
      why = fmt::format("launched {} (on sale from {}), after {}", chip.launch, launch->to_string(),
                        out.date.to_string());
      break;
    case Obtainability::blocked: {
      std::vector<std::string> texts;
      for (const Risk& r : out.risks) {
        if (r.blocking) texts.push_back(r.text);
      }
      why = fmt::format("{}; {}", fmt::join(texts, "; "), licence_words(out, chip.id, dest));
      break;
    }
    case Obtainability::unknown:
      why = fmt::format(
          "class indeterminate (possible: {}): a figure the classification needs is missing, so "
          "whether a licence is required cannot be told",
          fmt::join(out.classification.possible, ", "));
      break;
    default:
      why = licence_words(out, chip.id, dest);
      break;
  }
  out.reason = fmt::format("{}: {}", to_string(out.obtainability), why);
}

}  // namespace

std::string_view to_string(AccessStatus s) {
  switch (s) {
    case AccessStatus::not_controlled:
      return "not_controlled";
    case AccessStatus::license_exception:
      return "license_exception";
    case AccessStatus::license_required:
      return "license_required";
  }
  return "?";
}

std::string risk_label(const Risk& risk) {
  return risk.blocking ? risk.authority + ", blocking" : risk.authority;
}

core::Result<AccessResult> access(const RuleSet& rules, const hw::Chip& chip,
                                  std::string_view destination, Date date,
                                  std::string_view headquarters, std::string_view buyer) {
  if (auto st = check_buyer(buyer, "buyer"); !st) return st.error();
  auto cls = classify(rules, chip, date);
  if (!cls) return cls.error();
  auto asked = rules.find_country(destination);
  if (!asked) return asked.error();
  const Country* hq = nullptr;
  if (!headquarters.empty()) {
    auto found = rules.find_country(headquarters);
    if (!found) {
      core::Error e = found.error();
      e.message = "headquarters: " + e.message;
      return e;
    }
    hq = &rules.resolve(**found);
  }
  const Country& dest = rules.resolve(**asked);

  AccessResult out;
  out.chip_id = chip.id;
  out.destination = (*asked)->code;
  if (&dest != *asked) out.treated_as = dest.code;
  out.headquarters = hq != nullptr ? hq->code : "";
  out.buyer = std::string(buyer);
  out.date = date;
  out.eccn = cls->eccn;
  out.classification = std::move(cls).value();
  out.trace.push_back(destination_entry(**asked, dest, hq));

  detail::AccessContext ctx;
  ctx.rules = &rules;
  ctx.chip = &chip;
  ctx.facts = ChipFacts{&chip, &out.classification.metrics, out.eccn, out.classification.possible};
  ctx.dest = &dest;
  ctx.hq = hq;
  ctx.buyer = buyer;
  ctx.date = date;

  decide(detail::licence_requirements(ctx, out), out);
  detail::apply_review_changes(ctx, out);
  detail::apply_levies(ctx, out);
  detail::collect_risks(ctx, out);
  explain(out, chip, out.destination);
  return out;
}

}  // namespace suanli::policy
