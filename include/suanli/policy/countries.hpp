// Destinations: ISO 3166-1 alpha-2 countries with their EAR country groups (Supplement No. 1 to
// part 740) and AI Diffusion tier, and the destination sets that rules name ("D:1, D:4, D:5 and
// Macau, except A:5 and A:6").
#pragma once

#include <string>
#include <vector>

namespace suanli::policy {

struct Country {
  std::string code;                 // ISO 3166-1 alpha-2, upper case, e.g. "CN"
  std::string name;                 // English short name
  std::vector<std::string> groups;  // EAR country groups, e.g. "D:1", "A:5"
  int tier = 2;                     // AI Diffusion tier (1, 2 or 3)
  std::string treated_as;           // code this destination is treated as under the EAR, or ""
  std::string note;                 // why, when treated_as or groups need explaining
};

// A set of destinations as a rule names it. Empty means "no destination" (never matches).
struct DestinationSet {
  bool all = false;                           // every country
  std::vector<std::string> countries;         // ISO codes
  std::vector<std::string> groups;            // EAR country groups
  std::vector<int> tiers;                     // AI Diffusion tiers
  std::vector<std::string> except_countries;  // removed from the set
  std::vector<std::string> except_groups;     // removed from the set

  bool empty() const { return !all && countries.empty() && groups.empty() && tiers.empty(); }
};

// True when the (already resolved, see RuleSet::country) country belongs to the set.
bool contains(const DestinationSet& set, const Country& country);

// "D:1, D:4, D:5, MO except A:5, A:6"; "all countries except US"; "tier 2".
std::string describe(const DestinationSet& set);

}  // namespace suanli::policy
