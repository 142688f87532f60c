// What-if edits of the policy catalog, for supply-risk questions: "us-2025-08-h20-licences=
// 2026-06-01" (the rule ends that day: licences revoked), "prc-2026-01-h200-customs=lifted" (as
// if the measure never took effect). The plan reruns on the edited rules.
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

// A copy of `rules` with every edit applied (an earlier end replaces the rule's own).
RuleSet with_what_ifs(const RuleSet& rules, const std::vector<WhatIf>& edits);

}  // namespace suanli::policy
