// Typed, non-throwing access to the keys of one parsed config.json. Every problem (missing key,
// wrong type, bad value) is collected with the key and the file so that one error lists them all.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "suanli/core/error.hpp"

namespace suanli::model::detail {

class ConfigReader {
 public:
  ConfigReader(const nlohmann::json& root, std::string origin, std::string model_type);

  // True when the key is present and not null.
  bool has(std::string_view key) const;

  // A required integer >= min_value; records a problem and returns 0 when missing or invalid.
  int required_int(std::string_view key, int min_value = 1);
  // The first present key among `keys` (aliases, e.g. num_layers / num_hidden_layers).
  int required_int_any(std::initializer_list<std::string_view> keys, int min_value = 1);
  // An optional integer (absent or null -> fallback).
  int optional_int(std::string_view key, int fallback, int min_value = 0);
  bool optional_bool(std::string_view key, bool fallback);
  double optional_number(std::string_view key, double fallback);
  std::string optional_string(std::string_view key, std::string fallback);
  std::vector<int> optional_int_list(std::string_view key);
  std::vector<std::string> optional_string_list(std::string_view key);

  // Records a problem located at `key`.
  void problem(std::string_view key, std::string message);

  const std::string& model_type() const { return model_type_; }
  const std::vector<core::Problem>& problems() const { return problems_; }

 private:
  const nlohmann::json* find(std::string_view key) const;
  int to_int(std::string_view key, const nlohmann::json& value, int min_value);
  void missing(std::string_view key);

  const nlohmann::json& root_;
  std::string origin_;
  std::string model_type_;
  std::vector<core::Problem> problems_;
};

// Short rendering of a JSON value for messages ("\"abc\"", "4.5", "[...]").
std::string brief(const nlohmann::json& value);

}  // namespace suanli::model::detail
