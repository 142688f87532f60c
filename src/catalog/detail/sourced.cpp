#include "detail/sourced.hpp"

#include <fmt/format.h>

#include <regex>

#include "detail/loaders.hpp"
#include "suanli/core/did_you_mean.hpp"
#include "suanli/units/parse.hpp"

namespace suanli::catalog::detail {

std::string citation_of(const std::vector<hw::SourceRef>& sources, const std::string& key) {
  for (const auto& s : sources) {
    if (s.key == key) return s.citation;
  }
  return key;
}

std::string read_citation(MapReader& parent, const std::string& key,
                          const std::vector<hw::SourceRef>& sources, bool required,
                          std::vector<std::string>* keys_found) {
  const YAML::Node n = parent.get(key);
  std::vector<std::string> names;
  if (n.IsSequence()) {
    names = parent.string_list(key);
    if (names.empty()) parent.problems().add(n, parent.child_path(key), "expected source keys");
  } else if (auto one = parent.string(key, required)) {
    names.push_back(*one);
  }
  const auto keys = source_keys(sources);
  std::string out;
  for (const std::string& name : names) {
    if (!keys.contains(name)) {
      parent.problems().add(n, parent.child_path(key),
                            fmt::format("source '{}' is not listed under 'sources'", name),
                            core::did_you_mean(name, {keys.begin(), keys.end()}));
      continue;
    }
    if (!out.empty()) out += "; ";
    out += citation_of(sources, name);
    if (keys_found != nullptr) keys_found->push_back(name);
  }
  return out;
}

// {value: "<text>", source: <key>, date: "YYYY-MM", estimate: "..."}; date required if asked.
std::optional<Sourced> read_sourced(MapReader& parent, const std::string& key, const Parse& parse,
                                    double min, double max, bool need_date,
                                    const std::vector<hw::SourceRef>& sources) {
  static const std::regex date_form("^[0-9]{4}(-(0[1-9]|1[0-2])(-[0-3][0-9])?|-H[12]|-Q[1-4])?$");
  const YAML::Node n = parent.get(key);
  if (!n.IsDefined() || n.IsNull()) {
    parent.problems().add(parent.node(), parent.child_path(key), "required key is missing");
    return std::nullopt;
  }
  MapReader r(n, parent.child_path(key), parent.problems());
  if (!r.valid()) return std::nullopt;
  Sourced out;
  const auto text = r.string("value", true);
  const auto source = r.string("source", true);
  const auto date = r.string("date", need_date);
  out.estimate = r.string("estimate", false).value_or("");
  r.finish();
  bool ok = text && source && (date || !need_date);
  if (text) {
    auto v = parse(*text);
    if (!v) {
      r.problems().add(r.get("value"), r.child_path("value"), v.error().message);
      ok = false;
    } else if (*v < min || *v > max) {
      r.problems().add(
          r.get("value"), r.child_path("value"),
          fmt::format("'{}' is outside the plausible range {:g} .. {:g}", *text, min, max));
      ok = false;
    } else {
      out.value = *v;
    }
  }
  if (source) {
    const auto keys = source_keys(sources);
    if (!keys.contains(*source)) {
      std::vector<std::string> names(keys.begin(), keys.end());
      r.problems().add(r.get("source"), r.child_path("source"),
                       fmt::format("source '{}' is not listed under 'sources'", *source),
                       core::did_you_mean(*source, names));
      ok = false;
    } else {
      out.citation = citation_of(sources, *source);
    }
  }
  if (date) {
    if (!std::regex_match(*date, date_form)) {
      r.problems().add(r.get("date"), r.child_path("date"),
                       fmt::format("'{}' is not a date (YYYY, YYYY-MM, YYYY-MM-DD, YYYY-H1, "
                                   "YYYY-Q1)",
                                   *date));
      ok = false;
    }
    out.date = *date;
  }
  if (!ok) return std::nullopt;
  return out;
}

core::Result<double> parse_usd_value(std::string_view t) {
  auto v = units::parse_usd(t);
  if (!v) return v.error();
  return v->value;
}

core::Result<double> parse_plain(std::string_view t) {
  auto v = units::parse_count(t);
  if (!v) return v.error();
  return *v;
}

}  // namespace suanli::catalog::detail
