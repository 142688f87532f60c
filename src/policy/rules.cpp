#include <fmt/format.h>
#include <algorithm>
#include <cctype>

#include "suanli/core/did_you_mean.hpp"
#include "suanli/policy/rule_set.hpp"

namespace suanli::policy {

std::string_view to_string(ReviewPolicy p) {
  switch (p) {
    case ReviewPolicy::presumption_of_approval:
      return "presumption_of_approval";
    case ReviewPolicy::case_by_case:
      return "case_by_case";
    case ReviewPolicy::presumption_of_denial:
      return "presumption_of_denial";
  }
  return "?";
}

std::optional<ReviewPolicy> parse_review_policy(std::string_view s) {
  for (ReviewPolicy p : {ReviewPolicy::presumption_of_approval, ReviewPolicy::case_by_case,
                         ReviewPolicy::presumption_of_denial}) {
    if (s == to_string(p)) return p;
  }
  return std::nullopt;
}

int strictness(ReviewPolicy p) {
  return static_cast<int>(p);
}

std::vector<std::string> rule_kinds() {
  return {"classification", "licence_requirement", "amendment",   "review_change", "levy",
          "risk",           "hbm_control",         "announcement"};
}

std::string_view Rule::kind() const {
  static const std::vector<std::string> kinds = rule_kinds();
  return kinds[body.index()];
}

const Rule* RuleSet::find(std::string_view id) const {
  for (const Rule& r : rules) {
    if (r.id == id) return &r;
  }
  return nullptr;
}

core::Result<const Country*> RuleSet::find_country(std::string_view code) const {
  std::string upper(code);
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  for (const Country& c : countries) {
    if (c.code == upper) return &c;
  }
  core::Error e = core::make_error(
      core::ErrorCode::not_found,
      fmt::format("unknown country code '{}': expected an ISO 3166-1 alpha-2 code such as CN, "
                  "US or AE",
                  code));
  std::string hint;
  for (const Country& c : countries) {
    std::string lower_name = c.name;
    std::string lower_code(code);
    for (char& ch : lower_name)
      ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    for (char& ch : lower_code)
      ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    if (lower_code.size() > 2 && lower_name == lower_code) {
      hint = fmt::format("did you mean '{}' ({})?", c.code, c.name);
    }
  }
  if (hint.empty()) {
    std::vector<std::string> names;
    for (const Country& c : countries) names.push_back(c.name);
    const auto close = core::closest_matches(code, names, 1);
    if (!close.empty() && code.size() > 2) {
      for (const Country& c : countries) {
        if (c.name == close.front()) hint = fmt::format("did you mean '{}' ({})?", c.code, c.name);
      }
    }
  }
  if (!hint.empty()) e.hints.push_back(hint);
  e.hints.emplace_back("`suanli policy countries` lists every code with its country groups");
  return e;
}

const Country& RuleSet::resolve(const Country& c) const {
  if (c.treated_as.empty()) return c;
  for (const Country& other : countries) {
    if (other.code == c.treated_as) return other;
  }
  return c;
}

std::vector<std::string> RuleSet::country_codes() const {
  std::vector<std::string> out;
  for (const Country& c : countries) out.push_back(c.code);
  return out;
}

Date RuleSet::modeled_from() const {
  if (rules.empty()) return Date{};
  Date earliest = rules.front().effective;
  for (const Rule& r : rules) earliest = std::min(earliest, r.effective);
  auto start = Date::from_parts(earliest.year(), 1, 1);
  return start ? *start : earliest;
}

std::vector<Date> RuleSet::event_dates() const {
  std::vector<Date> out;
  for (const Rule& r : rules) {
    out.push_back(r.effective);
    if (r.ends) out.push_back(*r.ends);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::optional<Date> RuleSet::newest_date() const {
  const auto dates = event_dates();
  if (dates.empty()) return std::nullopt;
  return dates.back();
}

core::Status RuleSet::check_date(Date d) const {
  if (rules.empty()) {
    return core::make_error(core::ErrorCode::invalid_input,
                            "no export-control rules are loaded (data/policies is missing)");
  }
  const Date from = modeled_from();
  if (d < from) {
    const Rule* first = nullptr;
    for (const Rule& r : rules) {
      if (first == nullptr && std::holds_alternative<ClassificationRule>(r.body)) first = &r;
    }
    std::string first_text;
    if (first != nullptr) {
      first_text = fmt::format(" (the first control, {}, took effect {})", first->title,
                               first->effective.to_string());
    }
    core::Error e = core::make_error(
        core::ErrorCode::invalid_input,
        fmt::format("date {} is before {}: suanli models US export controls on advanced "
                    "computing chips and PRC market-access measures from {} on{}",
                    d.to_string(), from.to_string(), from.year(), first_text));
    e.hints.emplace_back("`suanli policy timeline` lists every modeled event");
    return e;
  }
  return core::ok_status();
}

LicenceRule RuleSet::amended(const Rule& rule, Date d, std::vector<std::string>* applied) const {
  LicenceRule out = std::get<LicenceRule>(rule.body);
  for (const Rule& r : rules) {
    const auto* a = std::get_if<AmendmentRule>(&r.body);
    if (a == nullptr || a->amends != rule.id || !r.in_force(d)) continue;
    auto& dest = out.destinations;
    for (const auto& c : a->add_destinations.countries) dest.countries.push_back(c);
    for (const auto& g : a->add_destinations.groups) dest.groups.push_back(g);
    for (int t : a->add_destinations.tiers) dest.tiers.push_back(t);
    if (a->exceptions) out.exceptions = *a->exceptions;
    if (applied != nullptr) applied->push_back(r.id);
  }
  return out;
}

}  // namespace suanli::policy
