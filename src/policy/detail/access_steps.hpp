// Steps of access(): licence requirements, review changes, levies and risks, each appending to
// the trace. Private to src/policy.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "suanli/policy/access.hpp"

namespace suanli::policy::detail {

struct AccessContext {
  const RuleSet* rules = nullptr;  // never null
  const hw::Chip* chip = nullptr;  // never null
  ChipFacts facts;                 // chip, metrics and class on the date
  const Country* dest = nullptr;   // resolved destination, never null
  const Country* hq = nullptr;     // resolved headquarters, or null
  std::string_view buyer;          // buyer profile, or "" when not given
  Date date;                       // the date asked
};

// One licence requirement that reaches the chip.
struct Requirement {
  const Rule* rule = nullptr;                                 // the requirement
  ReviewPolicy policy = ReviewPolicy::presumption_of_denial;  // review policy
  std::optional<ExceptionUse> exception;                      // an exception that covers it
};

std::vector<Requirement> licence_requirements(const AccessContext& ctx, AccessResult& out);
void apply_review_changes(const AccessContext& ctx, AccessResult& out);
void apply_levies(const AccessContext& ctx, AccessResult& out);
void collect_risks(const AccessContext& ctx, AccessResult& out);

}  // namespace suanli::policy::detail
