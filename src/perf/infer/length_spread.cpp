#include <charconv>
#include <cmath>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "suanli/perf/infer/config.hpp"

namespace suanli::perf {

std::string to_string(LengthSpread s) {
  if (s.fixed()) return "fixed";
  if (s.exponential()) return "exponential";
  return fmt::format("{}", s.cv);
}

std::optional<LengthSpread> parse_length_spread(std::string_view text) {
  if (text == "fixed") return LengthSpread{0};
  if (text == "exponential") return LengthSpread{1};
  double cv = 0;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, cv);
  if (ec != std::errc() || ptr != end || !std::isfinite(cv) || cv < 0 || cv > max_length_cv) {
    return std::nullopt;
  }
  return LengthSpread{cv};
}

}  // namespace suanli::perf
