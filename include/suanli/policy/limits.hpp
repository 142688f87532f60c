// What-if design limits: for a chip of a given applicable die area on a date, the largest TPP and
// bandwidths it could have and stay outside every control then in force (how the H20, L20 and
// RTX PRO 6000D were shaped), plus the windows that keep a favourable review or avoid a levy.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "suanli/core/result.hpp"
#include "suanli/policy/conditions.hpp"
#include "suanli/policy/rule_set.hpp"

namespace suanli::policy {

// Where one classification paragraph catches a design of the given die area.
struct ParagraphLimit {
  std::string eccn;                // e.g. "3A090.b.1"
  std::optional<double> tpp_from;  // caught from this TPP (inclusive); nullopt = never
  std::optional<double> tpp_to;    // caught below this TPP (exclusive); nullopt = no upper end
  std::vector<Condition> also;     // further tests that must hold too (fail one to escape)
  std::string text;                // the band in words with its arithmetic
};

// The limits one rule imposes.
struct RuleLimits {
  std::string rule_id;                        // policy file id
  std::string title;                          // rule title
  std::string citation;                       // primary citation
  std::string purpose;                        // "outside" (escape a control), "eligible" (keep a
                                              // review policy) or "avoid" (levy bands)
  std::vector<ParagraphLimit> paragraphs;     // classification rules
  std::vector<Condition> stay;                // tests that must all hold for the purpose
  std::vector<std::vector<Condition>> bands;  // "avoid": each band is caught when all hold
  std::string text;                           // scope in words (chips, destinations)
};

struct DesignLimits {
  Date date;                       // the date asked
  double die_area_mm2 = 0;         // applicable logic-die area of the design, mm2
  bool datacenter = true;          // designed or marketed for datacenters
  std::optional<double> max_tpp;   // TPP must stay below this (exclusive) to be outside 3A090
  std::string max_tpp_from;        // the paragraph that sets max_tpp
  std::vector<Condition> outside;  // every test that keeps the design outside all controls
  std::vector<RuleLimits> rules;   // rule by rule
};

// Fails for a date outside the modeled range or a non-positive die area.
core::Result<DesignLimits> design_limits(const RuleSet& rules, double die_area_mm2, Date date,
                                         bool datacenter = true);

}  // namespace suanli::policy
