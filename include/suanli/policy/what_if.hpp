// What-if edits of the policy catalog, for supply-risk questions: "us-2025-08-h20-licences=
// 2026-06-01" (the rule ends that day: licences revoked), "prc-2026-01-h200-customs=lifted" (as
// if the measure never took effect), or in words: "h20 licences revoked 2026-06-01", "h200
// customs cleared". The plan reruns on the edited rules.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "suanli/core/result.hpp"
#include "suanli/policy/rule_set.hpp"

namespace suanli::policy {

struct WhatIf {
  std::string rule_id;       // the rule edited
  std::optional<Date> ends;  // the rule's new end date; nullopt = lifted (removed)
  std::string text;          // the edit in words, e.g. "us-2025-08-h20-licences ends 2026-06-01"
};

// Parses "RULE=YYYY-MM-DD" or "RULE=lifted"; the rule must exist in `rules` (not_found with
// did-you-mean otherwise); other forms are invalid_input naming the two forms.
core::Result<WhatIf> parse_what_if(std::string_view text, const RuleSet& rules);

// A what-if in words: "CHIP EVENT [YYYY-MM-DD]", EVENT one of what_if_events().
struct WhatIfPhrase {
  std::string chip;          // the chip as typed (an id or alias, resolved by the caller)
  std::string event;         // "licences revoked" or "customs cleared"
  std::optional<Date> date;  // the day it happens; nullopt = as if the measure never was
};

// The events of the phrase grammar: "licences revoked" (also "licenses revoked"): the US rules
// that grant licences for the chip (a review change to presumption of approval that names it)
// end that day; "customs cleared": the PRC blocking measures whose title names customs and that
// name the chip end that day. Without a date the rules are lifted.
const std::vector<std::string>& what_if_events();

// True when `text` has no '=' (a phrase, not RULE=...).
bool is_what_if_phrase(std::string_view text);

// Splits a phrase; invalid_input naming the accepted forms when it is not one.
core::Result<WhatIfPhrase> parse_what_if_phrase(std::string_view text);

// The rule edits the phrase stands for, on `chip` (the catalog id the phrase's chip resolved to);
// not_found naming the chip and event when no rule matches.
core::Result<std::vector<WhatIf>> what_ifs_of(const WhatIfPhrase& phrase, const std::string& chip,
                                              const RuleSet& rules);

// A copy of `rules` with every edit applied (an earlier end replaces the rule's own).
RuleSet with_what_ifs(const RuleSet& rules, const std::vector<WhatIf>& edits);

}  // namespace suanli::policy
