// Strict reading of one YAML mapping: typed getters that record a located Problem on every bad
// value, and a final check that reports unknown keys with "did you mean". Never throws.
#pragma once

#include <yaml-cpp/yaml.h>

#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "suanli/core/did_you_mean.hpp"
#include "suanli/core/error.hpp"
#include "suanli/core/result.hpp"
#include "suanli/hw/figure.hpp"
#include "suanli/units/parse.hpp"

namespace suanli::catalog::detail {

class Problems {
 public:
  explicit Problems(std::string file) : file_(std::move(file)) {}
  void add(const YAML::Node& at, const std::string& key_path, std::string message,
           std::string hint = {});
  void add_line(int line, const std::string& key_path, std::string message, std::string hint = {});
  bool empty() const { return list_.empty(); }
  const std::string& file() const { return file_; }
  std::vector<core::Problem> take() { return std::move(list_); }
  std::size_t size() const { return list_.size(); }

 private:
  std::string file_;
  std::vector<core::Problem> list_;
};

int line_of(const YAML::Node& node);

// Reads the keys of one mapping; remembers which keys were read so unknown ones can be reported.
class MapReader {
 public:
  MapReader(const YAML::Node& node, std::string path, Problems& problems);

  bool valid() const { return valid_; }
  const std::string& path() const { return path_; }
  const YAML::Node& node() const { return node_; }
  Problems& problems() { return problems_; }
  std::string child_path(const std::string& key) const;
  bool has(const std::string& key);
  YAML::Node get(const std::string& key);  // marks the key as known; undefined node if absent

  std::optional<std::string> string(const std::string& key, bool required);
  std::optional<int> integer(const std::string& key, bool required, long min, long max);
  std::optional<double> number(const std::string& key, bool required, double min, double max);
  std::optional<bool> boolean(const std::string& key, bool required);
  std::vector<std::string> string_list(const std::string& key);
  // Reports `value` of `key` when it is not one of `allowed` (with "did you mean").
  void check_choice(const std::string& key, const std::string& value,
                    const std::vector<std::string>& allowed);

  // A quantity given as text with its unit; `parse` converts, range is checked in base units.
  template <class Q>
  std::optional<Q> quantity(const std::string& key, bool required,
                            const std::function<core::Result<Q>(std::string_view)>& parse,
                            double min, double max);

  // A sourced figure: either the word "unknown"/"unsupported" or a mapping
  // {value: "<quantity>", source: <key>, estimate: "<reasoning>"}.
  template <class Q>
  hw::Figure<Q> figure(const std::string& key,
                       const std::function<core::Result<Q>(std::string_view)>& parse, double min,
                       double max, bool allow_unsupported,
                       const std::set<std::string>& source_keys);

  // A sourced count: the word "unknown" or a mapping {value: <whole number>, source: <key>,
  // estimate: "<reasoning>"}.
  hw::Figure<double> count_figure(const std::string& key, long min, long max,
                                  const std::set<std::string>& source_keys);

  // Reports every key that was never read, with "did you mean".
  void finish();

 private:
  // The `source` (checked against `source_keys`) and optional `estimate` of a figure's mapping;
  // finishes the mapping. Empty when the source is missing or not listed.
  std::optional<std::pair<std::string, std::string>> figure_source(
      const std::set<std::string>& source_keys);

  YAML::Node node_;
  std::string path_;
  Problems& problems_;
  bool valid_ = false;
  std::set<std::string> known_;
};

// Marks `fig` known with `value`, its source and its estimate, when both were read.
template <class Q, class V>
void set_figure(hw::Figure<Q>& fig, const std::optional<V>& value,
                const std::optional<std::pair<std::string, std::string>>& sourced) {
  if (!value || !sourced) return;
  fig.state = hw::FigureState::known;
  fig.value = Q(*value);
  fig.source = sourced->first;
  fig.estimate = sourced->second;
}

template <class Q>
std::optional<Q> MapReader::quantity(const std::string& key, bool required,
                                     const std::function<core::Result<Q>(std::string_view)>& parse,
                                     double min, double max) {
  const auto text = string(key, required);
  if (!text) return std::nullopt;
  const YAML::Node at = node_[key];
  auto parsed = parse(*text);
  if (!parsed) {
    problems_.add(at, child_path(key), parsed.error().message);
    return std::nullopt;
  }
  if (parsed->value <= 0 && min > 0) {
    problems_.add(at, child_path(key), "'" + *text + "' must be positive");
    return std::nullopt;
  }
  if (parsed->value < min) {
    problems_.add(at, child_path(key),
                  "'" + *text + "' is implausibly small (below " + units::format(Q(min)) + ")");
    return std::nullopt;
  }
  if (parsed->value > max) {
    problems_.add(at, child_path(key),
                  "'" + *text + "' is implausibly large (above " + units::format(Q(max)) + ")");
    return std::nullopt;
  }
  return *parsed;
}

template <class Q>
hw::Figure<Q> MapReader::figure(const std::string& key,
                                const std::function<core::Result<Q>(std::string_view)>& parse,
                                double min, double max, bool allow_unsupported,
                                const std::set<std::string>& source_keys) {
  hw::Figure<Q> fig;
  if (!has(key)) return fig;
  const YAML::Node n = get(key);
  const std::string path = child_path(key);
  if (n.IsScalar()) {
    const std::string word = n.Scalar();
    if (word == "unknown") return fig;
    if (word == "unsupported" && allow_unsupported) {
      fig.state = hw::FigureState::unsupported;
      return fig;
    }
    problems_.add(n, path,
                  "'" + word +
                      "' is not a figure: expected {value: \"<number> <unit>\", source: "
                      "<key>}" +
                      std::string(allow_unsupported ? ", 'unsupported'" : "") + " or 'unknown'");
    return fig;
  }
  MapReader inner(n, path, problems_);
  if (!inner.valid()) return fig;
  const auto value = inner.quantity<Q>("value", true, parse, min, max);
  set_figure(fig, value, inner.figure_source(source_keys));
  return fig;
}

}  // namespace suanli::catalog::detail
