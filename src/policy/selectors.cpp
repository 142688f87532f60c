#include "suanli/policy/selectors.hpp"

#include <fmt/format.h>
#include <algorithm>

namespace suanli::policy {
namespace {

template <class T>
bool has(const std::vector<T>& v, const T& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

std::string list(const std::vector<std::string>& v) {
  return fmt::format("{}", fmt::join(v, ", "));
}

// Combines one more test into the running result, keeping the words that decided it.
void add(SelectorMatch& m, Tri t, std::string why) {
  const Tri before = m.result;
  m.result = tri_and(m.result, t);
  if (m.result == Tri::no && before != Tri::no) {
    m.why = std::move(why);  // the first failing test explains a "no"
  } else if (m.result != Tri::no) {
    if (!m.why.empty()) m.why += "; ";
    m.why += why;
  }
}

Tri eccn_match(const std::vector<std::string>& wanted, const ChipFacts& f) {
  if (f.eccn != "indeterminate") return has(wanted, f.eccn) ? Tri::yes : Tri::no;
  bool any = false;
  bool all = !f.possible_eccn.empty();
  for (const auto& e : f.possible_eccn) {
    if (has(wanted, e)) {
      any = true;
    } else {
      all = false;
    }
  }
  if (all) return Tri::yes;
  return any ? Tri::unknown : Tri::no;
}

bool memory_matches(const std::vector<std::string>& prefixes, const std::string& type) {
  return std::any_of(prefixes.begin(), prefixes.end(),
                     [&](const std::string& p) { return type.rfind(p, 0) == 0; });
}

}  // namespace

bool ChipSelector::empty() const {
  return chips.empty() && vendors.empty() && markets.empty() && memory_types.empty() &&
         eccn.empty() && !datacenter && all_of.empty() && any_of.empty();
}

SelectorMatch match(const ChipSelector& s, const ChipFacts& f) {
  SelectorMatch m{Tri::yes, {}};
  const hw::Chip& chip = *f.chip;
  if (!s.chips.empty()) {
    const bool in = has(s.chips, chip.id);
    add(m, in ? Tri::yes : Tri::no,
        fmt::format("{} {} named ({})", chip.id, in ? "is" : "is not", list(s.chips)));
  }
  if (!s.vendors.empty()) {
    const bool in = has(s.vendors, chip.vendor);
    add(m, in ? Tri::yes : Tri::no,
        fmt::format("vendor {} {} [{}]", chip.vendor, in ? "in" : "not in", list(s.vendors)));
  }
  if (!s.markets.empty()) {
    const bool in = has(s.markets, chip.market);
    add(m, in ? Tri::yes : Tri::no,
        fmt::format("market {} {} [{}]", chip.market, in ? "in" : "not in", list(s.markets)));
  }
  if (!s.memory_types.empty()) {
    const bool in = memory_matches(s.memory_types, chip.memory_type);
    add(m, in ? Tri::yes : Tri::no,
        fmt::format("memory type '{}' {} [{}]", chip.memory_type, in ? "in" : "not in",
                    list(s.memory_types)));
  }
  if (s.datacenter) {
    const bool in = chip.datacenter == *s.datacenter;
    add(m, in ? Tri::yes : Tri::no,
        fmt::format("{}designed or marketed for datacenters", chip.datacenter ? "" : "not "));
  }
  if (!s.eccn.empty()) {
    const Tri t = eccn_match(s.eccn, f);
    add(m, t,
        fmt::format("class {} {} [{}]", f.eccn, t == Tri::no ? "not in" : "in", list(s.eccn)));
  }
  for (const Condition& c : s.all_of) {
    const Tri t = evaluate(c, *f.metrics);
    const MetricValue& v = f.metrics->get(c.metric);
    const std::string_view unit = unit_of(c.metric);
    const std::string value =
        v.value ? fmt::format("{}{}{}{}", v.lower_bound ? "at least " : "", format_value(*v.value),
                              unit.empty() ? "" : " ", unit)
                : std::string("unknown");
    add(m, t, fmt::format("{} {} vs {}", to_string(c.metric), value, threshold_text(c)));
  }
  if (!s.any_of.empty()) {
    Tri any = Tri::no;
    std::vector<std::string> whys;
    for (const ChipSelector& alt : s.any_of) {
      SelectorMatch sub = match(alt, f);
      any = tri_or(any, sub.result);
      if (sub.result != Tri::no) whys.push_back(sub.why);
    }
    add(m, any, whys.empty() ? "none of the alternatives holds" : list(whys));
  }
  if (m.why.empty()) m.why = "reaches every chip";
  return m;
}

std::string describe(const ChipSelector& s) {
  std::vector<std::string> parts;
  if (!s.chips.empty()) parts.push_back("chips " + list(s.chips));
  if (!s.eccn.empty()) parts.push_back(list(s.eccn));
  if (!s.vendors.empty()) parts.push_back("vendor " + list(s.vendors));
  if (!s.markets.empty()) parts.push_back("market " + list(s.markets));
  if (!s.memory_types.empty()) parts.push_back("memory " + list(s.memory_types));
  if (s.datacenter) parts.emplace_back(*s.datacenter ? "datacenter" : "not datacenter");
  if (!s.all_of.empty()) parts.push_back(describe(s.all_of));
  if (!s.any_of.empty()) {
    std::vector<std::string> alts;
    for (const auto& a : s.any_of) alts.push_back("(" + describe(a) + ")");
    parts.push_back("any of " + fmt::format("{}", fmt::join(alts, " or ")));
  }
  if (parts.empty()) return "every chip";
  return fmt::format("{}", fmt::join(parts, "; "));
}

}  // namespace suanli::policy
