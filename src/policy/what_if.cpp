#include "suanli/policy/what_if.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <variant>

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

core::Error bad_phrase(std::string_view text, std::string why) {
  core::Error e = core::make_error(
      core::ErrorCode::invalid_input,
      fmt::format("what-if '{}' {}: the accepted forms are RULE=YYYY-MM-DD, RULE=lifted, "
                  "'CHIP licences revoked [YYYY-MM-DD]' and 'CHIP customs cleared [YYYY-MM-DD]'",
                  text, why));
  e.hints.emplace_back("e.g. --what-if \"h20 licences revoked 2026-06-01\"");
  return e;
}

bool names_chip(const ChipSelector& s, const std::string& chip) {
  return std::find(s.chips.begin(), s.chips.end(), chip) != s.chips.end();
}

bool grants_licences(const Rule& r, const std::string& chip) {
  const auto* b = std::get_if<ReviewChangeRule>(&r.body);
  return r.authority == "us" && b != nullptr && b->to == ReviewPolicy::presumption_of_approval &&
         names_chip(b->chips, chip);
}

bool customs_block(const Rule& r, const std::string& chip) {
  const auto* b = std::get_if<RiskRule>(&r.body);
  std::string title = r.title;
  std::transform(title.begin(), title.end(), title.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return r.authority == "prc" && b != nullptr && b->blocking && names_chip(b->chips, chip) &&
         title.find("customs") != std::string::npos;
}

}  // namespace

const std::vector<std::string>& what_if_events() {
  static const std::vector<std::string> events{"licences revoked", "customs cleared"};
  return events;
}

bool is_what_if_phrase(std::string_view text) {
  return text.find('=') == std::string_view::npos;
}

core::Result<WhatIfPhrase> parse_what_if_phrase(std::string_view text) {
  std::vector<std::string> words;
  std::string word;
  for (char c : text) {
    if (c == ' ' || c == '\t') {
      if (!word.empty()) words.push_back(std::move(word));
      word.clear();
    } else {
      word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  if (!word.empty()) words.push_back(std::move(word));
  if (words.size() < 3 || words.size() > 4) return bad_phrase(text, "is not a known form");
  WhatIfPhrase out;
  out.chip = words[0];
  std::string event = words[1] + " " + words[2];
  if (event == "licenses revoked") event = "licences revoked";
  const auto& events = what_if_events();
  if (std::find(events.begin(), events.end(), event) == events.end()) {
    core::Error e = bad_phrase(text, fmt::format("has no event '{}'", event));
    if (auto hint = core::did_you_mean(event, events); !hint.empty()) e.hints.push_back(hint);
    return e;
  }
  out.event = event;
  if (words.size() == 4) {
    auto d = Date::parse(words[3]);
    if (!d) return bad_phrase(text, fmt::format("ends in '{}', not a date YYYY-MM-DD", words[3]));
    out.date = *d;
  }
  return out;
}

core::Result<std::vector<WhatIf>> what_ifs_of(const WhatIfPhrase& phrase, const std::string& chip,
                                              const RuleSet& rules) {
  const bool licences = phrase.event == "licences revoked";
  std::vector<WhatIf> out;
  for (const Rule& r : rules.rules) {
    if (!(licences ? grants_licences(r, chip) : customs_block(r, chip))) continue;
    WhatIf w;
    w.rule_id = r.id;
    w.ends = phrase.date;
    const std::string when = phrase.date ? "on " + phrase.date->to_string() : "(lifted)";
    w.text = fmt::format("{} {} {}: {} {}", chip, phrase.event, when, r.id,
                         phrase.date ? "ends " + phrase.date->to_string() : "lifted");
    out.push_back(std::move(w));
  }
  if (out.empty()) {
    return core::make_error(
        core::ErrorCode::not_found,
        fmt::format("what-if: no rule in the policy catalog {} {}",
                    licences ? "grants licences for" : "is a PRC customs block on", chip));
  }
  return out;
}

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
