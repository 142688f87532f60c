// The spelling of a closed set's values in files and output: one table per enum, next to its
// to_string / parse_* functions, read both ways through these helpers.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace suanli::core {

template <class E>
struct EnumName {
  E value;
  std::string_view name;
};

// The name of `value` in `names` ("" when the table lacks it).
template <class E, std::size_t N>
constexpr std::string_view name_of(const std::array<EnumName<E>, N>& names, E value) {
  for (const EnumName<E>& n : names) {
    if (n.value == value) return n.name;
  }
  return "";
}

// The value named `text`, or nullopt.
template <class E, std::size_t N>
constexpr std::optional<E> value_of(const std::array<EnumName<E>, N>& names,
                                    std::string_view text) {
  for (const EnumName<E>& n : names) {
    if (n.name == text) return n.value;
  }
  return std::nullopt;
}

// "a, b, c": the non-empty names, for "is not one of" messages.
template <class E, std::size_t N>
std::string names_list(const std::array<EnumName<E>, N>& names) {
  std::string out;
  for (const EnumName<E>& n : names) {
    if (n.name.empty()) continue;
    if (!out.empty()) out += ", ";
    out += n.name;
  }
  return out;
}

}  // namespace suanli::core
