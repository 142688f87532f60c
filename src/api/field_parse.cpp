#include "suanli/api/field_parse.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <optional>
#include <string>

#include "suanli/units/parse.hpp"

namespace suanli::api::parse {
namespace {

core::Error bad(std::string message) {
  return core::make_error(core::ErrorCode::usage, std::move(message));
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

// The whole of `s` read as a finite decimal number; nullopt for anything else (empty, trailing
// characters, inf, nan).
std::optional<double> finite_number(std::string_view s) {
  double v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || s.empty() || !std::isfinite(v)) {
    return std::nullopt;
  }
  return v;
}

// " (...)" for a number written with a magnitude suffix ("2k", "1.5M"), which these fields do
// not read; else "".
std::string suffix_note(std::string_view s) {
  if (s.size() < 2 || std::string_view("kKMGT").find(s.back()) == std::string_view::npos) {
    return "";
  }
  if (!finite_number(s.substr(0, s.size() - 1))) return "";
  return ": suffixes are not read here; write the number in full";
}

}  // namespace

core::Result<long long> integer(std::string_view text, long long lo, long long hi) {
  const std::string_view s = trim(text);
  long long v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || s.empty()) {
    return bad(fmt::format("'{}' is not a whole number{}", text, suffix_note(s)));
  }
  if (v < lo || v > hi) return bad(fmt::format("{} is outside {}..{}", v, lo, hi));
  return v;
}

core::Result<double> number(std::string_view text, double lo, double hi) {
  const std::string_view s = trim(text);
  const std::optional<double> read = finite_number(s);
  if (!read) return bad(fmt::format("'{}' is not a number{}", text, suffix_note(s)));
  const double v = *read;
  if (v < lo || v > hi) return bad(fmt::format("{:g} is outside {:g}..{:g}", v, lo, hi));
  return v;
}

core::Result<double> share(std::string_view text) {
  std::string_view s = trim(text);
  const bool percent = !s.empty() && s.back() == '%';
  if (percent) s = trim(s.substr(0, s.size() - 1));
  const std::optional<double> read = finite_number(s);
  if (!read) return bad(fmt::format("'{}' is not a share (e.g. 0.5 or 50%)", text));
  const double v = *read;
  if (percent) {
    if (v < 0 || v > 100) return bad(fmt::format("{:g}% is outside 0%..100%", v));
    return v / 100;
  }
  if (v > 1 && v <= 100) {
    return bad(fmt::format("{:g} is outside 0..1 (a share: {:g} or {:g}% for {:g} percent)", v,
                           v / 100, v, v));
  }
  if (v < 0 || v > 1) return bad(fmt::format("{:g} is outside 0..1", v));
  return v;
}

core::Result<double> seconds(std::string_view text) {
  auto s = units::parse_seconds(text);
  if (!s) return bad(fmt::format("{} (e.g. 50ms, '2 s')", s.error().message));
  if (!(s->value > 0) || !std::isfinite(s->value)) return bad("must be > 0");
  return s->value;
}

core::Result<hw::Dtype> precision(std::string_view text) {
  if (auto d = hw::parse_dtype(text)) return *d;
  return bad(fmt::format(
      "unknown precision '{}' (expected one of bf16, fp16, fp8, int8, int4, fp4)", text));
}

core::Result<bool> flag(std::string_view text) {
  if (text == "true" || text == "1") return true;
  if (text == "false" || text == "0") return false;
  return bad(fmt::format("'{}' is not true or false", text));
}

std::vector<std::string> list(std::string_view text) {
  std::vector<std::string> out;
  const auto push = [&out](std::string_view item) {
    const auto first = item.find_first_not_of(' ');
    if (first == std::string_view::npos) return;
    const auto last = item.find_last_not_of(' ');
    out.emplace_back(item.substr(first, last - first + 1));
  };
  std::size_t start = 0;
  for (std::size_t comma = text.find(','); comma != std::string_view::npos;
       comma = text.find(',', start)) {
    push(text.substr(start, comma - start));
    start = comma + 1;
  }
  push(text.substr(start));
  return out;
}

std::string join(const std::vector<std::string>& items) {
  return fmt::format("{}", fmt::join(items, ","));
}

std::string number_text(double v) {
  return fmt::format("{}", v);
}

std::string seconds_text(double s) {
  return fmt::format("{}s", s);
}

std::optional<std::string> nonzero(long long v) {
  return v == 0 ? std::nullopt : std::optional<std::string>(std::to_string(v));
}

std::optional<std::string> nonzero(double v) {
  return v == 0 ? std::nullopt : std::optional<std::string>(number_text(v));
}

std::optional<std::string> nonempty(const std::string& s) {
  return s.empty() ? std::nullopt : std::optional<std::string>(s);
}

std::optional<std::string> flag_text(bool on) {
  return on ? std::optional<std::string>("true") : std::nullopt;
}

}  // namespace suanli::api::parse
