#include "suanli/policy/conditions.hpp"

#include <fmt/format.h>

namespace suanli::policy {

Tri tri_and(Tri a, Tri b) {
  if (a == Tri::no || b == Tri::no) return Tri::no;
  if (a == Tri::unknown || b == Tri::unknown) return Tri::unknown;
  return Tri::yes;
}

Tri tri_or(Tri a, Tri b) {
  if (a == Tri::yes || b == Tri::yes) return Tri::yes;
  if (a == Tri::unknown || b == Tri::unknown) return Tri::unknown;
  return Tri::no;
}

Tri tri_not(Tri a) {
  if (a == Tri::unknown) return a;
  return a == Tri::yes ? Tri::no : Tri::yes;
}

Tri evaluate(const Condition& c, const PolicyMetrics& m) {
  const MetricValue& v = m.get(c.metric);
  if (!v.value) return Tri::unknown;
  const double x = *v.value;
  bool holds = false;
  switch (c.bound) {
    case Bound::min:
      holds = x >= c.value;
      break;
    case Bound::below:
      holds = x < c.value;
      break;
    case Bound::max:
      holds = x <= c.value;
      break;
  }
  if (!v.lower_bound) return holds ? Tri::yes : Tri::no;
  // The true value is x or more: a ">=" test that already holds stays true; "<" and "<=" tests
  // that already fail stay false; anything else could go either way.
  if (c.bound == Bound::min) return holds ? Tri::yes : Tri::unknown;
  return holds ? Tri::unknown : Tri::no;
}

Tri evaluate_all(const std::vector<Condition>& all_of, const PolicyMetrics& m) {
  Tri result = Tri::yes;
  for (const Condition& c : all_of) result = tri_and(result, evaluate(c, m));
  return result;
}

std::string_view to_string(Bound b) {
  switch (b) {
    case Bound::min:
      return ">=";
    case Bound::below:
      return "<";
    case Bound::max:
      return "<=";
  }
  return "?";
}

std::string threshold_text(const Condition& c) {
  const std::string_view unit = unit_of(c.metric);
  return fmt::format("{} {}{}{}", to_string(c.bound), format_value(c.value),
                     unit.empty() ? "" : " ", unit);
}

std::string describe(const Condition& c) {
  return fmt::format("{} {}", to_string(c.metric), threshold_text(c));
}

std::string describe(const std::vector<Condition>& all_of) {
  std::vector<std::string> parts;
  parts.reserve(all_of.size());
  for (const Condition& c : all_of) parts.push_back(describe(c));
  return fmt::format("{}", fmt::join(parts, " and "));
}

}  // namespace suanli::policy
