// A civil calendar date (proleptic Gregorian, no time zone) for dating rules and questions.
// The library never reads the clock: every date comes from data or from the caller, and text is
// accepted only in the ISO form YYYY-MM-DD so that "05/01/2025" can never be misread.
#pragma once

#include <compare>
#include <string>
#include <string_view>

#include "suanli/core/result.hpp"

namespace suanli::policy {

class Date {
 public:
  constexpr Date() = default;

  // Parses "2025-05-01"; rejects other forms and impossible days (2025-02-29) with a message
  // that quotes the text and names the expected form.
  static core::Result<Date> parse(std::string_view text);
  // Builds a date from parts; nullopt-like failure is reported as an Error as in parse().
  static core::Result<Date> from_parts(int year, int month, int day);

  int year() const { return year_; }    // e.g. 2025
  int month() const { return month_; }  // 1-12
  int day() const { return day_; }      // 1-31

  // Days since 1970-01-01 (negative before), for differences and ordering.
  long days_since_epoch() const;
  std::string to_string() const;  // "2025-05-01"

  friend constexpr auto operator<=>(const Date&, const Date&) = default;

 private:
  constexpr Date(int y, int m, int d) : year_(y), month_(m), day_(d) {}
  int year_ = 1970;  // calendar year
  int month_ = 1;    // 1-12
  int day_ = 1;      // 1-31
};

// Number of days in a month of a year (leap years included).
int days_in_month(int year, int month);

}  // namespace suanli::policy
