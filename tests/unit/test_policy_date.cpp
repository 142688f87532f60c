#include <gtest/gtest.h>

#include "suanli/policy/date.hpp"

using suanli::policy::Date;

TEST(PolicyDate, ParsesIsoDatesAndOrdersThem) {
  auto a = Date::parse("2025-05-01");
  auto b = Date::parse("2025-12-31");
  ASSERT_TRUE(a.ok());
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(a->year(), 2025);
  EXPECT_EQ(a->month(), 5);
  EXPECT_EQ(a->day(), 1);
  EXPECT_LT(*a, *b);
  EXPECT_EQ(a->to_string(), "2025-05-01");
  EXPECT_EQ(Date::parse(a->to_string())->to_string(), "2025-05-01");
}

TEST(PolicyDate, KnowsLeapYears) {
  EXPECT_TRUE(Date::parse("2024-02-29").ok());
  EXPECT_TRUE(Date::parse("2000-02-29").ok());
  EXPECT_FALSE(Date::parse("2025-02-29").ok());
  EXPECT_FALSE(Date::parse("1900-02-29").ok());
}

TEST(PolicyDate, CountsDaysSinceEpoch) {
  EXPECT_EQ(Date::parse("1970-01-01")->days_since_epoch(), 0);
  EXPECT_EQ(
      Date::parse("2025-05-13")->days_since_epoch() - Date::parse("2025-01-15")->days_since_epoch(),
      118);
}

TEST(PolicyDate, RejectsOtherFormsWithTheExpectedForm) {
  const auto slash = Date::parse("05/01/2025");
  ASSERT_FALSE(slash.ok());
  EXPECT_EQ(slash.error().message,
            "'05/01/2025' is not a valid date: wrong form (expected YYYY-MM-DD, e.g. 2025-05-01)");
  EXPECT_EQ(Date::parse("2025-13-01").error().message,
            "'2025-13-01' is not a valid date: month 13 is outside 1-12 (expected YYYY-MM-DD, e.g. "
            "2025-05-01)");
  EXPECT_EQ(Date::parse("2025-04-31").error().message,
            "'2025-04-31' is not a valid date: day 31 does not exist in 2025-04 (expected "
            "YYYY-MM-DD, e.g. 2025-05-01)");
  for (const char* bad : {"", "2025-5-1", "2025-05-01T00:00", " 2025-05-01", "abcd-ef-gh",
                          "2025-00-10", "2025-01-00"}) {
    EXPECT_FALSE(Date::parse(bad).ok()) << bad;
  }
}
