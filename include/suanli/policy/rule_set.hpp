// The whole policy catalog: every dated rule and event plus the country table, with lookups that
// answer an unknown country code with "did you mean" and a date check that states what is modeled.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "suanli/core/result.hpp"
#include "suanli/policy/countries.hpp"
#include "suanli/policy/rules.hpp"

namespace suanli::policy {

struct RuleSet {
  std::vector<Rule> rules;                   // sorted by effective date, then id
  std::vector<Country> countries;            // sorted by code
  std::vector<std::string> country_sources;  // citations for the groups and tiers

  bool empty() const { return rules.empty(); }
  const Rule* find(std::string_view id) const;

  // A country by ISO code (case-insensitive); unknown codes give a not_found error with the
  // closest codes and names.
  core::Result<const Country*> find_country(std::string_view code) const;
  // The country a destination is treated as under the EAR (Hong Kong as China), or itself.
  const Country& resolve(const Country& c) const;
  std::vector<std::string> country_codes() const;

  // January 1 of the year of the earliest event; questions before it are not modeled.
  Date modeled_from() const;
  // The latest effective or end date of any rule, or nullopt when there are no rules.
  std::optional<Date> newest_date() const;
  // Every effective and end date, ascending, without duplicates.
  std::vector<Date> event_dates() const;
  // invalid_input error when no rules are loaded or the date is before modeled_from().
  core::Status check_date(Date d) const;

  // Applies the amendments in force on `d` to a licence rule (destinations added, exceptions
  // replaced); returns the ids of the amendments applied.
  LicenceRule amended(const Rule& rule, Date d, std::vector<std::string>* applied) const;
};

}  // namespace suanli::policy
