#include "detail/yaml_reader.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <cmath>

namespace suanli::catalog::detail {

int line_of(const YAML::Node& node) {
  if (!node.IsDefined()) return 0;
  const YAML::Mark m = node.Mark();
  return m.line >= 0 ? m.line + 1 : 0;
}

void Problems::add(const YAML::Node& at, const std::string& key_path, std::string message,
                   std::string hint) {
  add_line(line_of(at), key_path, std::move(message), std::move(hint));
}

void Problems::add_line(int line, const std::string& key_path, std::string message,
                        std::string hint) {
  list_.push_back(core::Problem{file_, line, key_path, std::move(message), std::move(hint)});
}

MapReader::MapReader(const YAML::Node& node, std::string path, Problems& problems)
    : node_(node), path_(std::move(path)), problems_(problems) {
  valid_ = node_.IsMap();
  if (!valid_) {
    problems_.add(node_, path_.empty() ? "(top level)" : path_,
                  "expected a mapping of keys to values");
    return;
  }
  std::set<std::string> seen;
  for (const auto& kv : node_) {
    const auto key = kv.first.as<std::string>("");
    if (!seen.insert(key).second) {
      problems_.add(kv.first, child_path(key), "key '" + key + "' appears more than once");
    }
  }
}

std::string MapReader::child_path(const std::string& key) const {
  return path_.empty() ? key : path_ + "." + key;
}

bool MapReader::has(const std::string& key) {
  if (!valid_) return false;
  known_.insert(key);
  return node_[key].IsDefined() && !node_[key].IsNull();
}

YAML::Node MapReader::get(const std::string& key) {
  known_.insert(key);
  if (!valid_) return YAML::Node(YAML::NodeType::Undefined);
  return node_[key];
}

std::optional<std::string> MapReader::string(const std::string& key, bool required) {
  if (!has(key)) {
    if (required && valid_) problems_.add(node_, child_path(key), "required key is missing");
    return std::nullopt;
  }
  const YAML::Node n = node_[key];
  if (!n.IsScalar()) {
    problems_.add(n, child_path(key), "expected a single value, found a list or mapping");
    return std::nullopt;
  }
  return n.Scalar();
}

std::optional<double> MapReader::number(const std::string& key, bool required, double min,
                                        double max) {
  const auto text = string(key, required);
  if (!text) return std::nullopt;
  try {
    std::size_t used = 0;
    const double v = std::stod(*text, &used);
    if (used != text->size() || !std::isfinite(v)) throw std::invalid_argument("trailing");
    if (v < min || v > max) {
      problems_.add(node_[key], child_path(key),
                    fmt::format("{} is outside the allowed range [{}, {}]", *text, min, max));
      return std::nullopt;
    }
    return v;
  } catch (const std::exception&) {
    problems_.add(node_[key], child_path(key), "'" + *text + "' is not a plain number");
    return std::nullopt;
  }
}

std::optional<int> MapReader::integer(const std::string& key, bool required, long min, long max) {
  const auto text = string(key, required);
  if (!text) return std::nullopt;
  try {
    std::size_t used = 0;
    const long v = std::stol(*text, &used);
    if (used != text->size()) throw std::invalid_argument("trailing");
    if (v < min || v > max) {
      problems_.add(node_[key], child_path(key),
                    fmt::format("{} is outside the allowed range [{}, {}]", *text, min, max));
      return std::nullopt;
    }
    return static_cast<int>(v);
  } catch (const std::exception&) {
    problems_.add(node_[key], child_path(key), "'" + *text + "' is not a whole number");
    return std::nullopt;
  }
}

std::optional<std::pair<std::string, std::string>> MapReader::figure_source(
    const std::set<std::string>& source_keys) {
  auto source = string("source", true);
  auto estimate = string("estimate", false);
  finish();
  if (!source) return std::nullopt;
  if (!source_keys.contains(*source)) {
    std::vector<std::string> keys(source_keys.begin(), source_keys.end());
    problems_.add(get("source"), child_path("source"),
                  "source '" + *source + "' is not listed under 'sources'",
                  core::did_you_mean(*source, keys));
    return std::nullopt;
  }
  return std::pair{*source, estimate.value_or("")};
}

hw::Figure<double> MapReader::count_figure(const std::string& key, long min, long max,
                                           const std::set<std::string>& source_keys) {
  hw::Figure<double> fig;
  if (!has(key)) return fig;
  const YAML::Node n = get(key);
  const std::string path = child_path(key);
  if (n.IsScalar() && n.Scalar() == "unknown") return fig;
  if (n.IsScalar()) {
    problems_.add(n, path,
                  "'" + n.Scalar() +
                      "' is not a count: expected {value: <whole number>, source: <key>} or "
                      "'unknown'");
    return fig;
  }
  MapReader inner(n, path, problems_);
  if (!inner.valid()) return fig;
  const auto value = inner.integer("value", true, min, max);
  set_figure(fig, value, inner.figure_source(source_keys));
  return fig;
}

std::optional<bool> MapReader::boolean(const std::string& key, bool required) {
  const auto text = string(key, required);
  if (!text) return std::nullopt;
  if (*text == "true") return true;
  if (*text == "false") return false;
  problems_.add(node_[key], child_path(key), "'" + *text + "' is not true or false");
  return std::nullopt;
}

std::vector<std::string> MapReader::string_list(const std::string& key) {
  std::vector<std::string> out;
  if (!has(key)) return out;
  const YAML::Node n = node_[key];
  if (!n.IsSequence()) {
    problems_.add(n, child_path(key), "expected a list, e.g. [a, b]");
    return out;
  }
  for (std::size_t i = 0; i < n.size(); ++i) {
    if (!n[i].IsScalar()) {
      problems_.add(n[i], fmt::format("{}[{}]", child_path(key), i), "expected a single value");
      continue;
    }
    out.push_back(n[i].Scalar());
  }
  return out;
}

void MapReader::check_choice(const std::string& key, const std::string& value,
                             const std::vector<std::string>& allowed) {
  for (const auto& a : allowed) {
    if (a == value) return;
  }
  problems_.add(get(key), child_path(key),
                fmt::format("'{}' is not one of: {}", value, fmt::join(allowed, ", ")),
                core::did_you_mean(value, allowed));
}

void MapReader::finish() {
  if (!valid_) return;
  std::vector<std::string> known(known_.begin(), known_.end());
  for (const auto& kv : node_) {
    const auto key = kv.first.as<std::string>("");
    if (known_.contains(key)) continue;
    problems_.add(kv.first, child_path(key), "unknown key '" + key + "'",
                  core::did_you_mean(key, known));
  }
}

}  // namespace suanli::catalog::detail
