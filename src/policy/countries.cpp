#include "suanli/policy/countries.hpp"

#include <fmt/format.h>
#include <algorithm>

namespace suanli::policy {
namespace {

template <class T>
bool has(const std::vector<T>& v, const T& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

bool in_any_group(const std::vector<std::string>& groups, const Country& c) {
  return std::any_of(groups.begin(), groups.end(),
                     [&](const std::string& g) { return has(c.groups, g); });
}

}  // namespace

bool contains(const DestinationSet& set, const Country& c) {
  const bool in = set.all || has(set.countries, c.code) || in_any_group(set.groups, c) ||
                  has(set.tiers, c.tier);
  if (!in) return false;
  return !has(set.except_countries, c.code) && !in_any_group(set.except_groups, c);
}

std::string describe(const DestinationSet& set) {
  std::vector<std::string> in;
  if (set.all) in.emplace_back("all countries");
  for (const auto& g : set.groups) in.push_back(g);
  for (const auto& c : set.countries) in.push_back(c);
  for (int t : set.tiers) in.push_back(fmt::format("AI Diffusion tier {}", t));
  std::vector<std::string> out;
  for (const auto& g : set.except_groups) out.push_back(g);
  for (const auto& c : set.except_countries) out.push_back(c);
  std::string text = in.empty() ? "no destination" : fmt::format("{}", fmt::join(in, ", "));
  if (!out.empty()) text += fmt::format(" except {}", fmt::join(out, ", "));
  return text;
}

}  // namespace suanli::policy
