#include "suanli/policy/what_if.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "suanli/core/did_you_mean.hpp"

namespace suanli::policy {
namespace {

core::Error bad_form(std::string_view text) {
  core::Error e = core::make_error(
      core::ErrorCode::invalid_input,
      fmt::format("what-if '{}' is not RULE=YYYY-MM-DD (the rule ends that day) or RULE=lifted",
                  text));
  e.hints.emplace_back("rule ids: `suanli policy timeline` lists every rule with its dates");
  return e;
}

}  // namespace

core::Result<WhatIf> parse_what_if(std::string_view text, const RuleSet& rules) {
  const auto eq = text.find('=');
  if (eq == std::string_view::npos || eq == 0 || eq + 1 == text.size()) return bad_form(text);
  const std::string_view when = text.substr(eq + 1);
  WhatIf out;
  out.rule_id = std::string(text.substr(0, eq));
  if (rules.find(out.rule_id) == nullptr) {
    std::vector<std::string> ids;
    for (const Rule& r : rules.rules) ids.push_back(r.id);
    core::Error e = core::make_error(core::ErrorCode::not_found,
                                     fmt::format("what-if: no rule '{}'", out.rule_id));
    if (auto hint = core::did_you_mean(out.rule_id, ids); !hint.empty()) e.hints.push_back(hint);
    return e;
  }
  if (when == "lifted") {
    out.text = out.rule_id + " lifted";
    return out;
  }
  auto d = Date::parse(when);
  if (!d) {
    core::Error e = d.error();
    e.message = "what-if: " + e.message;
    e.hints.emplace_back("a what-if is RULE=YYYY-MM-DD (the rule ends that day) or RULE=lifted");
    return e;
  }
  out.ends = *d;
  out.text = fmt::format("{} ends {}", out.rule_id, d->to_string());
  return out;
}

RuleSet with_what_ifs(const RuleSet& rules, const std::vector<WhatIf>& edits) {
  RuleSet out = rules;
  for (const WhatIf& w : edits) {
    auto it = std::find_if(out.rules.begin(), out.rules.end(),
                           [&](const Rule& r) { return r.id == w.rule_id; });
    if (it == out.rules.end()) continue;
    if (!w.ends) {
      out.rules.erase(it);
      continue;
    }
    if (!it->ends || *w.ends < *it->ends) {
      it->ends = *w.ends;
      it->end_reason = "what-if: " + w.text;
    }
  }
  return out;
}

}  // namespace suanli::policy
