#include "suanli/api/fields.hpp"

#include <fmt/format.h>

#include "suanli/core/did_you_mean.hpp"

namespace suanli::api {

std::string key_name(std::string_view field_name, KeyStyle style) {
  std::string_view bare = field_name;
  while (bare.starts_with('-')) bare.remove_prefix(1);
  std::string out(bare);
  for (char& ch : out) {
    if (style == KeyStyle::json && ch == '-') ch = '_';
    if (style == KeyStyle::flag && ch == '_') ch = '-';
  }
  return style == KeyStyle::flag ? "--" + out : out;
}

core::Status unknown_key(std::string_view key, KeyStyle style,
                         const std::vector<std::string>& names) {
  const std::string shown = key_name(key, style);
  core::Error e = core::make_error(
      core::ErrorCode::usage,
      fmt::format("unknown {} '{}'", style == KeyStyle::flag ? "option" : "key", shown));
  if (std::string hint = core::did_you_mean(shown, names); !hint.empty()) {
    e.hints.push_back(std::move(hint));
  }
  return e;
}

core::Error field_error(std::string_view field_name, KeyStyle style, const core::Error& error) {
  core::Error e = error;
  const std::string key = key_name(field_name, style);
  e.message = fmt::format("{}: {}", key, error.message);
  for (core::Problem& p : e.problems) {
    if (p.key_path.empty()) p.key_path = key;
  }
  return e;
}

}  // namespace suanli::api
