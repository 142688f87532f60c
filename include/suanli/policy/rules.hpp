// Export-control rules and market-access events as dated data (data/policies/*.yaml): each rule
// has an effective date, an end date when rescinded or superseded, citations, and one of a closed
// set of kinds whose parameters (thresholds, destinations, review policies) come from the file.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "suanli/policy/conditions.hpp"
#include "suanli/policy/countries.hpp"
#include "suanli/policy/date.hpp"
#include "suanli/policy/selectors.hpp"

namespace suanli::policy {

enum class ReviewPolicy { presumption_of_approval, case_by_case, presumption_of_denial };

std::string_view to_string(ReviewPolicy p);
std::optional<ReviewPolicy> parse_review_policy(std::string_view s);
int strictness(ReviewPolicy p);  // approval 0 < case-by-case 1 < denial 2

// One paragraph of a control list entry, e.g. 3A090.a.2: TPP >= 1600 and PD >= 5.92.
struct Paragraph {
  std::string eccn;             // class name, e.g. "3A090.a.2"
  std::vector<Condition> when;  // all must hold
  std::string text;             // the paragraph in words (from the rule)
};

// Defines the ECCN classes in force (the Oct-2022 and Oct-2023 versions of 3A090).
struct ClassificationRule {
  std::vector<Paragraph> paragraphs;               // tested in order; first that holds wins
  std::vector<Condition> non_datacenter_requires;  // Note 2: non-datacenter chips are outside
                                                   // 3A090 unless all of these hold
  std::string non_datacenter_text;                 // the note in words
};

// A quantity limit in TPP (AI Diffusion).
struct QuantityCapRule {
  std::string name;                  // e.g. "LPP" or "country allocation"
  DestinationSet destinations;       // where it applies
  double tpp = 0;                    // limit in TPP
  std::string per;                   // e.g. "ultimate consignee per calendar year"
  std::optional<double> raised_tpp;  // larger limit under a condition, in TPP
  std::string raised_when;           // the condition for raised_tpp
  std::string note;                  // caveats
};

struct LicenceException {
  std::string name;                   // e.g. "NAC", "ACA", "LPP", "AIA"
  std::string title;                  // e.g. "Notified Advanced Computing (15 CFR 740.8)"
  ChipSelector chips;                 // eligible items
  DestinationSet destinations;        // eligible destinations
  bool notification = false;          // prior notification to BIS required
  std::string note;                   // practice and caveats
  std::vector<QuantityCapRule> caps;  // limits of the exception itself
};

struct ReviewClause {
  DestinationSet destinations;  // where this policy applies; first matching clause wins
  ReviewPolicy policy = ReviewPolicy::presumption_of_denial;  // licence review policy
};

// A licence requirement: these chips to these destinations (or to entities headquartered there).
struct LicenceRule {
  ChipSelector chips;                // items reached
  DestinationSet destinations;       // destinations that need a licence
  DestinationSet headquarters;       // parent headquarters that need a licence anywhere
  std::vector<ReviewClause> review;  // review policy by destination
  ReviewPolicy headquarters_review = ReviewPolicy::presumption_of_denial;  // for the HQ rule
  std::vector<LicenceException> exceptions;  // licence exceptions, first eligible wins
  std::vector<QuantityCapRule> caps;         // limits on licensed quantities
};

// Changes another rule from its own effective date (e.g. Macau added, NAC split into NAC + ACA).
struct AmendmentRule {
  std::string amends;                                       // id of the amended rule
  DestinationSet add_destinations;                          // destinations added
  std::optional<std::vector<LicenceException>> exceptions;  // replaces the exception list
};

// Moves the licence review policy (and may attach a levy), e.g. case-by-case for H200 in 2026.
struct ReviewChangeRule {
  ChipSelector chips;              // items reached
  DestinationSet destinations;     // destinations reached
  std::vector<ReviewPolicy> from;  // only when the policy is one of these (empty = any)
  ReviewPolicy to = ReviewPolicy::case_by_case;  // new review policy
  double levy_percent = 0;                       // revenue share attached to licences, percent
  std::string levy_basis;                        // what the levy is
  std::string conditions;                        // conditions licensees must meet, in words
};

// A levy on exports that take a given path (e.g. the 25% Section 232 tariff bands).
struct LevyRule {
  ChipSelector chips;           // items reached
  DestinationSet destinations;  // destinations reached
  double percent = 0;           // levy, percent of the price
  std::string basis;            // what the levy is
  std::string requires_rule;    // applies only when this rule changed the review policy, or ""
};

// A market-access risk (GP10 guidance, PRC procurement guidance, PRC customs).
struct RiskRule {
  ChipSelector chips;               // chips at risk
  DestinationSet destinations;      // where
  bool blocking = false;            // true when the measure bars the chip outright
  std::string text;                 // the risk in words
  std::vector<std::string> buyers;  // buyer profiles it binds (buyer.hpp); empty = every buyer
};

// 3A090.c HBM control: classification note plus supply risk for chips that depend on HBM.
struct HbmRule {
  double density_min = 0;       // memory bandwidth density threshold, GB/s per mm2
  ChipSelector affected;        // chips whose HBM supply is affected
  DestinationSet destinations;  // where the affected chips are made / sold
  std::string text;             // the risk in words
};

// A dated event with no legal effect of its own (announcements, guidance restating rules).
struct AnnouncementRule {
  ChipSelector chips;           // chips it concerns (empty = all)
  DestinationSet destinations;  // destinations it concerns (empty = all)
};

using RuleBody = std::variant<ClassificationRule, LicenceRule, AmendmentRule, ReviewChangeRule,
                              LevyRule, RiskRule, HbmRule, AnnouncementRule>;

struct Rule {
  std::string id;                      // file stem, e.g. "us-2023-11-3a090"
  std::string title;                   // one line
  std::string authority;               // "us" or "prc"
  Date effective;                      // first day in force
  std::optional<Date> ends;            // first day no longer in force, if any
  std::string end_reason;              // e.g. "superseded by us-2023-11-3a090"
  std::vector<std::string> citations;  // primary citation first
  std::string summary;                 // what changed, in words
  std::string file;                    // source file, for diagnostics
  RuleBody body;                       // kind-specific parameters

  std::string_view kind() const;  // "classification", "licence_requirement", ...
  bool in_force(Date d) const { return effective <= d && (!ends || d < *ends); }
  std::string citation() const { return citations.empty() ? "" : citations.front(); }
};

std::vector<std::string> rule_kinds();

}  // namespace suanli::policy
