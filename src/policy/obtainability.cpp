#include "suanli/policy/obtainability.hpp"

#include <array>
#include <charconv>

namespace suanli::policy {
namespace {

constexpr std::array names{"available", "licensed",    "case_by_case", "denied",
                           "blocked",   "not_on_sale", "unknown"};

std::optional<int> number(std::string_view s) {
  int v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return v;
}

}  // namespace

std::string_view to_string(Obtainability o) {
  return names[static_cast<std::size_t>(o)];
}

std::optional<Obtainability> parse_obtainability(std::string_view text) {
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (text == names[i]) return static_cast<Obtainability>(i);
  }
  return std::nullopt;
}

std::vector<std::string> obtainability_names() {
  return {names.begin(), names.end()};
}

bool obtainable(Obtainability o) {
  return o == Obtainability::available || o == Obtainability::licensed;
}

std::optional<Date> launch_date(const hw::Chip& chip) {
  const std::string_view s = chip.launch;
  if (s.size() == 10) {
    auto d = Date::parse(s);
    return d ? std::optional<Date>(*d) : std::nullopt;
  }
  if (s.size() != 4 && !(s.size() == 7 && s[4] == '-')) return std::nullopt;
  const auto year = number(s.substr(0, 4));
  const auto month = s.size() == 7 ? number(s.substr(5, 2)) : std::optional<int>(1);
  if (!year || !month) return std::nullopt;
  auto d = Date::from_parts(*year, *month, 1);
  return d ? std::optional<Date>(*d) : std::nullopt;
}

}  // namespace suanli::policy
