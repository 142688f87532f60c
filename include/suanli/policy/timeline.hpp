// timeline(): every dated change in the policy catalog, optionally narrowed to one chip and/or
// destination; with a chip, each entry also carries the chip's class (and, with a destination,
// its access status) from that date on, and flags the entries where that answer changed.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "suanli/core/result.hpp"
#include "suanli/hw/chip.hpp"
#include "suanli/policy/access.hpp"
#include "suanli/policy/rule_set.hpp"

namespace suanli::policy {

struct TimelineEntry {
  Date date;                                  // day of the change
  std::string rule_id;                        // rule or event
  std::string title;                          // one line
  std::string authority;                      // "us" or "prc"
  std::string kind;                           // rule kind, e.g. "licence_requirement"
  std::string change;                         // "takes effect" or "ends: <reason>"
  std::string summary;                        // what changed, in words
  std::string citation;                       // primary citation
  std::optional<std::string> eccn;            // with a chip: class from this date on
  std::optional<AccessStatus> status;         // with chip and destination: status from this date
  std::optional<ReviewPolicy> review_policy;  // ... review policy when licence required
  std::optional<double> levy_percent;         // ... total levy, percent
  std::optional<bool> available;              // ... availability
  bool changed = false;  // the chip's answer differs from the one before this date
};

struct TimelineQuery {
  const hw::Chip* chip = nullptr;  // optional: only events that can reach this chip
  std::string destination;         // optional ISO code: only events that can reach it
  std::string headquarters;        // optional ISO code of the end user's parent
};

// Entries in date order (ties by rule id). Fails for an unknown country code.
core::Result<std::vector<TimelineEntry>> timeline(const RuleSet& rules, const TimelineQuery& q);

}  // namespace suanli::policy
