#include "detail/config_reader.hpp"

#include <cstdint>
#include <limits>
#include <utility>

namespace suanli::model::detail {

using nlohmann::json;

namespace {

std::string quoted(std::string_view key) {
  return "'" + std::string(key) + "'";
}

const char* type_name(const json& v) {
  switch (v.type()) {
    case json::value_t::null:
      return "null";
    case json::value_t::object:
      return "an object";
    case json::value_t::array:
      return "a list";
    case json::value_t::string:
      return "a string";
    case json::value_t::boolean:
      return "a boolean";
    case json::value_t::number_float:
      return "a number with a fraction";
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
      return "an integer";
    default:
      return "an unsupported value";
  }
}

}  // namespace

std::string brief(const json& value) {
  if (value.is_array()) {
    return "[...]";
  }
  if (value.is_object()) {
    return "{...}";
  }
  std::string text = value.dump();
  if (text.size() > 40) {
    text = text.substr(0, 37) + "...";
  }
  return text;
}

ConfigReader::ConfigReader(const json& root, std::string origin, std::string model_type)
    : root_(root), origin_(std::move(origin)), model_type_(std::move(model_type)) {}

const json* ConfigReader::find(std::string_view key) const {
  auto it = root_.find(std::string(key));
  if (it == root_.end() || it->is_null()) {
    return nullptr;
  }
  return &*it;
}

bool ConfigReader::has(std::string_view key) const {
  return find(key) != nullptr;
}

void ConfigReader::problem(std::string_view key, std::string message) {
  problems_.push_back(core::Problem{origin_, 0, std::string(key), std::move(message), ""});
}

void ConfigReader::missing(std::string_view key) {
  problem(key, quoted(key) + " is missing (needed for model_type " + model_type_ + ")");
}

int ConfigReader::to_int(std::string_view key, const json& value, int min_value) {
  if (!value.is_number_integer()) {
    problem(key, quoted(key) + " must be an integer, got " + type_name(value) + " " + brief(value));
    return 0;
  }
  // No size in a real config comes near 2^28; the bound keeps derived sizes (4 x hidden_size,
  // qk_nope + qk_rope) inside int.
  constexpr std::int64_t limit = std::int64_t{1} << 28;
  if (value.is_number_unsigned() &&
      value.get<std::uint64_t>() > static_cast<std::uint64_t>(limit)) {
    problem(key, quoted(key) + " is implausibly large: " + brief(value) + " (limit " +
                     std::to_string(limit) + ")");
    return 0;
  }
  const std::int64_t v = value.get<std::int64_t>();
  if (v > limit) {
    problem(key, quoted(key) + " is implausibly large: " + brief(value) + " (limit " +
                     std::to_string(limit) + ")");
    return 0;
  }
  if (v < min_value) {
    const std::string expected =
        min_value == 1 ? " must be positive" : " must be >= " + std::to_string(min_value);
    problem(key, quoted(key) + expected + ", got " + std::to_string(v));
    return 0;
  }
  return static_cast<int>(v);
}

int ConfigReader::required_int(std::string_view key, int min_value) {
  const json* v = find(key);
  if (v == nullptr) {
    missing(key);
    return 0;
  }
  return to_int(key, *v, min_value);
}

int ConfigReader::required_int_any(std::initializer_list<std::string_view> keys, int min_value) {
  for (std::string_view key : keys) {
    if (const json* v = find(key)) {
      return to_int(key, *v, min_value);
    }
  }
  std::string names;
  for (std::string_view key : keys) {
    names += (names.empty() ? "" : " or ") + quoted(key);
  }
  problem(*keys.begin(), names + " is missing (needed for model_type " + model_type_ + ")");
  return 0;
}

int ConfigReader::optional_int(std::string_view key, int fallback, int min_value) {
  const json* v = find(key);
  return v == nullptr ? fallback : to_int(key, *v, min_value);
}

bool ConfigReader::optional_bool(std::string_view key, bool fallback) {
  const json* v = find(key);
  if (v == nullptr) {
    return fallback;
  }
  if (!v->is_boolean()) {
    problem(key, quoted(key) + " must be true or false, got " + type_name(*v) + " " + brief(*v));
    return fallback;
  }
  return v->get<bool>();
}

double ConfigReader::optional_number(std::string_view key, double fallback) {
  const json* v = find(key);
  if (v == nullptr) {
    return fallback;
  }
  if (!v->is_number()) {
    problem(key, quoted(key) + " must be a number, got " + type_name(*v) + " " + brief(*v));
    return fallback;
  }
  return v->get<double>();
}

std::string ConfigReader::optional_string(std::string_view key, std::string fallback) {
  const json* v = find(key);
  if (v == nullptr) {
    return fallback;
  }
  if (!v->is_string()) {
    problem(key, quoted(key) + " must be a string, got " + type_name(*v) + " " + brief(*v));
    return fallback;
  }
  return v->get<std::string>();
}

std::vector<int> ConfigReader::optional_int_list(std::string_view key) {
  std::vector<int> out;
  const json* v = find(key);
  if (v == nullptr) {
    return out;
  }
  if (!v->is_array()) {
    problem(key, quoted(key) + " must be a list of integers, got " + type_name(*v));
    return out;
  }
  for (const json& item : *v) {
    const std::size_t before = problems_.size();
    const int value = to_int(key, item, 0);
    if (problems_.size() != before) {
      return {};
    }
    out.push_back(value);
  }
  return out;
}

std::vector<std::string> ConfigReader::optional_string_list(std::string_view key) {
  std::vector<std::string> out;
  const json* v = find(key);
  if (v == nullptr) {
    return out;
  }
  if (!v->is_array()) {
    problem(key, quoted(key) + " must be a list of strings, got " + type_name(*v));
    return out;
  }
  for (const json& item : *v) {
    if (!item.is_string()) {
      problem(key,
              quoted(key) + " must hold strings only, got " + type_name(item) + " " + brief(item));
      return {};
    }
    out.push_back(item.get<std::string>());
  }
  return out;
}

}  // namespace suanli::model::detail
