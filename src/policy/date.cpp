#include "suanli/policy/date.hpp"

#include <fmt/format.h>

namespace suanli::policy {
namespace {

bool is_leap(int y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

core::Error bad_date(std::string_view text, const std::string& why) {
  return core::make_error(core::ErrorCode::invalid_input,
                          fmt::format("'{}' is not a valid date: {} (expected YYYY-MM-DD, e.g. "
                                      "2025-05-01)",
                                      text, why));
}

bool all_digits(std::string_view s) {
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return !s.empty();
}

int to_int(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

}  // namespace

int days_in_month(int year, int month) {
  static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  if (month == 2 && is_leap(year)) return 29;
  return days[month - 1];
}

core::Result<Date> Date::parse(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-' || !all_digits(text.substr(0, 4)) ||
      !all_digits(text.substr(5, 2)) || !all_digits(text.substr(8, 2))) {
    return bad_date(text, "wrong form");
  }
  const int y = to_int(text.substr(0, 4));
  const int m = to_int(text.substr(5, 2));
  const int d = to_int(text.substr(8, 2));
  if (m < 1 || m > 12) return bad_date(text, fmt::format("month {} is outside 1-12", m));
  if (d < 1 || d > days_in_month(y, m)) {
    return bad_date(text, fmt::format("day {} does not exist in {:04}-{:02}", d, y, m));
  }
  return Date(y, m, d);
}

core::Result<Date> Date::from_parts(int year, int month, int day) {
  return parse(fmt::format("{:04}-{:02}-{:02}", year, month, day));
}

long Date::days_since_epoch() const {
  // Howard Hinnant's days_from_civil.
  const long y = month_ <= 2 ? year_ - 1 : year_;
  const long era = (y >= 0 ? y : y - 399) / 400;
  const long yoe = y - era * 400;
  const long mp = month_ > 2 ? month_ - 3 : month_ + 9;
  const long doy = (153 * mp + 2) / 5 + day_ - 1;
  const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

std::string Date::to_string() const {
  return fmt::format("{:04}-{:02}-{:02}", year_, month_, day_);
}

}  // namespace suanli::policy
