// access(): can this chip be had for this destination (and end user headquarters) on this date?
// Combines every licence requirement in force, exceptions, review-policy changes, levies (revenue
// shares, tariffs), quantity caps and market-access risks into one answer with a Trace.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "suanli/core/result.hpp"
#include "suanli/hw/chip.hpp"
#include "suanli/policy/classify.hpp"
#include "suanli/policy/obtainability.hpp"
#include "suanli/policy/rule_set.hpp"

namespace suanli::policy {

enum class AccessStatus { not_controlled, license_exception, license_required };
std::string_view to_string(AccessStatus s);  // "not_controlled", "license_exception", ...

struct Levy {
  std::string rule_id;   // rule that imposes it
  double percent = 0;    // percent of the price or revenue
  std::string basis;     // e.g. "revenue share remitted to the US government"
  std::string citation;  // primary citation
};

struct QuantityCap {
  std::string rule_id;               // rule that sets it
  std::string name;                  // e.g. "LPP"
  double tpp = 0;                    // limit in TPP
  std::string per;                   // e.g. "ultimate consignee per calendar year"
  std::optional<double> chips;       // whole chips of this kind the limit allows
  std::optional<double> raised_tpp;  // larger limit under a condition, TPP
  std::string raised_when;           // that condition
  std::string note;                  // caveats
};

struct Risk {
  std::string rule_id;    // measure
  std::string authority;  // "us" or "prc"
  bool blocking = false;  // true when the measure bars the chip outright
  std::string text;       // the risk in words
  std::string citation;   // primary citation
};

// "prc" or "prc, blocking": who imposes the risk and whether it bars the chip (text answers).
std::string risk_label(const Risk& risk);

struct ExceptionUse {
  std::string rule_id;        // rule that offers it
  std::string name;           // e.g. "NAC"
  std::string title;          // full name and CFR section
  bool notification = false;  // prior notification to BIS required
  std::string note;           // practice and caveats
};

struct AccessResult {
  std::string chip_id;       // catalog id
  std::string destination;   // ISO code as asked (upper case)
  std::string treated_as;    // code the EAR treats it as ("CN" for HK), or ""
  std::string headquarters;  // ISO code of the end user's parent, or ""
  std::string buyer;         // buyer profile (buyer.hpp), or "" when not given
  Date date;                 // the date asked
  std::string eccn;          // class on that date (see classify)
  AccessStatus status = AccessStatus::not_controlled;  // licensing outcome
  std::optional<ReviewPolicy> review_policy;           // set only when status is license_required
  std::vector<ExceptionUse> exceptions;                // set only when status is license_exception
  Obtainability obtainability = Obtainability::available;  // what a buyer can get, in one word
  bool available = true;          // obtainable(obtainability): available or licensed
  std::string launch;             // the chip's launch as its data gives it ("" when unknown)
  std::string reason;             // "<obtainability>: " and why
  double levy_percent = 0;        // sum of levies, percent (0 when none)
  std::vector<Levy> levies;       // each levy
  std::vector<QuantityCap> caps;  // quantity limits that apply
  std::vector<Risk> risks;        // market-access risks
  std::vector<std::string> rules_applied;  // ids of the rules that shaped the answer
  Classification classification;           // the class with its own trace
  Trace trace;                             // every licence, review, levy and risk rule evaluated
};

// The answer for `chip` exported to `destination` (ISO 3166-1 alpha-2) on `date`; `headquarters`
// is the ISO code of the end user's ultimate parent ("" when not known or the same). Fails for an
// unknown country code, an unknown buyer profile or a date before RuleSet::modeled_from().
// `buyer` (buyer.hpp) makes the risk rules that bind that profile count with their blocking
// flag and drops those that bind others; with no buyer, profile-bound risks are listed as
// non-blocking ("for state buyers: ...").
core::Result<AccessResult> access(const RuleSet& rules, const hw::Chip& chip,
                                  std::string_view destination, Date date,
                                  std::string_view headquarters = {}, std::string_view buyer = {});

}  // namespace suanli::policy
