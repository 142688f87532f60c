#include "detail/policy_fields.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "suanli/units/parse.hpp"

namespace suanli::catalog::detail {

std::optional<policy::Date> read_date(MapReader& r, const std::string& key, bool required) {
  const auto text = r.string(key, required);
  if (!text) return std::nullopt;
  auto d = policy::Date::parse(*text);
  if (!d) {
    r.problems().add(r.get(key), r.child_path(key), d.error().message);
    return std::nullopt;
  }
  return *d;
}
namespace {

using policy::Bound;
using policy::Condition;
using policy::Metric;

const std::vector<std::string> eccn_names{"3A090.a.1", "3A090.a.2", "3A090.b.1", "3A090.b.2"};
const std::vector<std::string> market_names{"global", "china-sku", "domestic-cn"};

// A threshold: a plain number for TPP and performance density, "<n> GB/s" for bandwidths.
std::optional<double> threshold(MapReader& r, const std::string& key, Metric metric) {
  if (policy::unit_of(metric).empty()) return r.number(key, false, 0, 1e12);
  auto q = r.quantity<units::BytesPerSecond>(key, false, units::parse_bytes_per_second, 1e6, 1e15);
  if (!q) return std::nullopt;
  return q->value / 1e9;
}

template <class Seq>
void check_choice(const Seq& values, const std::vector<std::string>& allowed, const YAML::Node& at,
                  const std::string& path, Problems& problems) {
  for (const auto& v : values) {
    if (std::find(allowed.begin(), allowed.end(), v) != allowed.end()) continue;
    problems.add(at, path, fmt::format("'{}' is not one of: {}", v, fmt::join(allowed, ", ")),
                 core::did_you_mean(v, allowed));
  }
}

}  // namespace

std::vector<Condition> PolicyFieldReader::conditions(const YAML::Node& n, const std::string& path,
                                                     Problems& problems) const {
  std::vector<Condition> out;
  MapReader r(n, path, problems);
  if (!r.valid()) return out;
  for (const std::string& name : policy::metric_names()) {
    if (!r.has(name)) continue;
    const Metric metric = *policy::parse_metric(name);
    MapReader bounds(r.get(name), r.child_path(name), problems);
    if (!bounds.valid()) continue;
    bool any = false;
    for (const auto& [key, bound] : {std::pair{"min", Bound::min}, std::pair{"below", Bound::below},
                                     std::pair{"max", Bound::max}}) {
      if (auto v = threshold(bounds, key, metric)) {
        out.push_back(Condition{metric, bound, *v});
        any = true;
      }
    }
    if (!any && bounds.valid()) {
      problems.add(r.get(name), r.child_path(name), "expected at least one of min, below, max");
    }
    bounds.finish();
  }
  r.finish();
  return out;
}

policy::ChipSelector PolicyFieldReader::chips(const YAML::Node& n, const std::string& path,
                                              Problems& problems) const {
  policy::ChipSelector s;
  MapReader r(n, path, problems);
  if (!r.valid()) return s;
  s.chips = r.string_list("chips");
  s.vendors = r.string_list("vendors");
  s.markets = r.string_list("markets");
  check_choice(s.markets, market_names, r.get("markets"), r.child_path("markets"), problems);
  s.memory_types = r.string_list("memory_types");
  s.eccn = r.string_list("eccn");
  check_choice(s.eccn, eccn_names, r.get("eccn"), r.child_path("eccn"), problems);
  if (auto dc = r.boolean("datacenter", false)) s.datacenter = *dc;
  if (r.has("when")) s.all_of = conditions(r.get("when"), r.child_path("when"), problems);
  if (r.has("any_of")) {
    const YAML::Node alts = r.get("any_of");
    if (!alts.IsSequence() || alts.size() == 0) {
      problems.add(alts, r.child_path("any_of"), "expected a non-empty list of chip selectors");
    } else {
      for (std::size_t i = 0; i < alts.size(); ++i) {
        s.any_of.push_back(
            chips(alts[i], fmt::format("{}[{}]", r.child_path("any_of"), i), problems));
      }
    }
  }
  r.finish();
  return s;
}

policy::DestinationSet PolicyFieldReader::destinations(const YAML::Node& n, const std::string& path,
                                                       Problems& problems) const {
  policy::DestinationSet d;
  MapReader r(n, path, problems);
  if (!r.valid()) return d;
  d.all = r.boolean("all", false).value_or(false);
  d.countries = r.string_list("countries");
  check_codes(d.countries, r.get("countries"), r.child_path("countries"), problems);
  d.groups = r.string_list("groups");
  check_groups(d.groups, r.get("groups"), r.child_path("groups"), problems);
  for (const std::string& t : r.string_list("tiers")) {
    if (t == "1" || t == "2" || t == "3") {
      d.tiers.push_back(t[0] - '0');
    } else {
      problems.add(r.get("tiers"), r.child_path("tiers"),
                   fmt::format("tier '{}' is not 1, 2 or 3", t));
    }
  }
  d.except_countries = r.string_list("except_countries");
  check_codes(d.except_countries, r.get("except_countries"), r.child_path("except_countries"),
              problems);
  d.except_groups = r.string_list("except_groups");
  check_groups(d.except_groups, r.get("except_groups"), r.child_path("except_groups"), problems);
  if (d.empty()) {
    problems.add(n, path, "a destination set needs all, countries, groups or tiers");
  }
  r.finish();
  return d;
}

std::optional<policy::ReviewPolicy> PolicyFieldReader::review_policy(MapReader& r,
                                                                     const std::string& key,
                                                                     bool required) const {
  const auto text = r.string(key, required);
  if (!text) return std::nullopt;
  if (auto p = policy::parse_review_policy(*text)) return p;
  const std::vector<std::string> names{"presumption_of_approval", "case_by_case",
                                       "presumption_of_denial"};
  r.problems().add(r.get(key), r.child_path(key),
                   fmt::format("'{}' is not one of: {}", *text, fmt::join(names, ", ")),
                   core::did_you_mean(*text, names));
  return std::nullopt;
}

std::vector<policy::ReviewClause> PolicyFieldReader::review(const YAML::Node& n,
                                                            const std::string& path,
                                                            Problems& problems) const {
  std::vector<policy::ReviewClause> out;
  if (!n.IsSequence() || n.size() == 0) {
    problems.add(n, path, "expected a list of {destinations, policy} clauses");
    return out;
  }
  for (std::size_t i = 0; i < n.size(); ++i) {
    const std::string item = fmt::format("{}[{}]", path, i);
    MapReader r(n[i], item, problems);
    if (!r.valid()) continue;
    policy::ReviewClause c;
    c.destinations = destinations(r.get("destinations"), r.child_path("destinations"), problems);
    if (auto p = review_policy(r, "policy", true)) c.policy = *p;
    r.finish();
    out.push_back(std::move(c));
  }
  return out;
}

std::vector<policy::QuantityCapRule> PolicyFieldReader::caps(const YAML::Node& n,
                                                             const std::string& path,
                                                             Problems& problems) const {
  std::vector<policy::QuantityCapRule> out;
  if (!n.IsSequence()) {
    problems.add(n, path, "expected a list of caps");
    return out;
  }
  for (std::size_t i = 0; i < n.size(); ++i) {
    MapReader r(n[i], fmt::format("{}[{}]", path, i), problems);
    if (!r.valid()) continue;
    policy::QuantityCapRule c;
    c.name = r.string("name", true).value_or("");
    c.destinations = destinations(r.get("destinations"), r.child_path("destinations"), problems);
    c.tpp = r.number("tpp", true, 1, 1e15).value_or(0);
    c.per = r.string("per", true).value_or("");
    if (auto raised = r.number("raised_tpp", false, 1, 1e15)) c.raised_tpp = *raised;
    c.raised_when = r.string("raised_when", c.raised_tpp.has_value()).value_or("");
    c.note = r.string("note", false).value_or("");
    r.finish();
    out.push_back(std::move(c));
  }
  return out;
}

std::vector<policy::LicenceException> PolicyFieldReader::exceptions(const YAML::Node& n,
                                                                    const std::string& path,
                                                                    Problems& problems) const {
  std::vector<policy::LicenceException> out;
  if (!n.IsSequence()) {
    problems.add(n, path, "expected a list of licence exceptions");
    return out;
  }
  for (std::size_t i = 0; i < n.size(); ++i) {
    MapReader r(n[i], fmt::format("{}[{}]", path, i), problems);
    if (!r.valid()) continue;
    policy::LicenceException x;
    x.name = r.string("name", true).value_or("");
    x.title = r.string("title", true).value_or("");
    x.chips = chips(r.get("chips"), r.child_path("chips"), problems);
    x.destinations = destinations(r.get("destinations"), r.child_path("destinations"), problems);
    x.notification = r.boolean("notification", false).value_or(false);
    x.note = r.string("note", false).value_or("");
    if (r.has("caps")) x.caps = caps(r.get("caps"), r.child_path("caps"), problems);
    r.finish();
    out.push_back(std::move(x));
  }
  return out;
}

void PolicyFieldReader::check_codes(const std::vector<std::string>& codes, const YAML::Node& at,
                                    const std::string& path, Problems& problems) const {
  const auto known = known_.country_codes();
  for (const std::string& c : codes) {
    if (std::find(known.begin(), known.end(), c) != known.end()) continue;
    problems.add(at, path, fmt::format("unknown country code '{}' (not in countries.yaml)", c),
                 core::did_you_mean(c, known));
  }
}

void PolicyFieldReader::check_groups(const std::vector<std::string>& groups, const YAML::Node& at,
                                     const std::string& path, Problems& problems) const {
  std::vector<std::string> known;
  for (const policy::Country& c : known_.countries) {
    for (const std::string& g : c.groups) {
      if (std::find(known.begin(), known.end(), g) == known.end()) known.push_back(g);
    }
  }
  for (const std::string& g : groups) {
    if (std::find(known.begin(), known.end(), g) != known.end()) continue;
    problems.add(at, path,
                 fmt::format("unknown country group '{}' (no country in countries.yaml "
                             "belongs to it)",
                             g),
                 core::did_you_mean(g, known));
  }
}

}  // namespace suanli::catalog::detail
