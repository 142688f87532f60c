#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "suanli/units/parse.hpp"

using namespace suanli::units;
using ::testing::HasSubstr;

TEST(Units, ParsesSiAndIecPrefixesDistinctly) {
  EXPECT_DOUBLE_EQ(parse_bytes("141 GB")->value, 141e9);
  EXPECT_DOUBLE_EQ(parse_bytes("96 GiB")->value, 96.0 * 1024 * 1024 * 1024);
  EXPECT_NE(parse_bytes("1 GB")->value, parse_bytes("1 GiB")->value);
  EXPECT_DOUBLE_EQ(parse_bytes("80GB")->value, 80e9);
}

TEST(Units, ParsesRatesPowerAndTime) {
  EXPECT_DOUBLE_EQ(parse_bytes_per_second("3.35 TB/s")->value, 3.35e12);
  EXPECT_DOUBLE_EQ(parse_bytes_per_second("400 Gb/s")->value, 50e9);
  EXPECT_DOUBLE_EQ(parse_flop_per_second("989 TFLOP/s")->value, 989e12);
  EXPECT_DOUBLE_EQ(parse_flop_per_second("1979 TOP/s")->value, 1979e12);
  EXPECT_DOUBLE_EQ(parse_watts("700 W")->value, 700.0);
  EXPECT_DOUBLE_EQ(parse_watts("20 MW")->value, 20e6);
  EXPECT_DOUBLE_EQ(parse_seconds("50ms")->value, 0.05);
  EXPECT_DOUBLE_EQ(parse_seconds("2 s")->value, 2.0);
  EXPECT_DOUBLE_EQ(parse_joules("1 kWh")->value, 3.6e6);
  EXPECT_DOUBLE_EQ(parse_area("814 mm2")->value, 814.0);
  EXPECT_DOUBLE_EQ(parse_usd("$50M")->value, 50e6);
  EXPECT_DOUBLE_EQ(parse_usd("33600 USD")->value, 33600.0);
}

template <class Q>
void expect_round_trip(const char* text) {
  SCOPED_TRACE(text);
  const auto parsed = suanli::units::parse<Q>(text);
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  EXPECT_EQ(format(*parsed), text);
}

TEST(Units, FormatRoundTrips) {
  expect_round_trip<BytesPerSecond>("3.35 TB/s");
  expect_round_trip<Bytes>("141 GB");
  expect_round_trip<Watts>("700 W");
  expect_round_trip<FlopPerSecond>("989 TFLOP/s");
  expect_round_trip<Seconds>("50 ms");
  expect_round_trip<Area>("814 mm2");
  expect_round_trip<Joules>("3.6 MJ");
  // IEC input formats as SI and parses back to the same number of bytes (6 significant digits).
  const Bytes gib = *parse_bytes("96 GiB");
  EXPECT_EQ(format(gib), "103.079 GB");
  EXPECT_NEAR(parse_bytes(format(gib))->value / gib.value, 1.0, 1e-5);
}

TEST(Units, RejectsMissingOrWrongUnits) {
  auto no_unit = parse_bytes("80");
  ASSERT_FALSE(no_unit);
  EXPECT_THAT(no_unit.error().message, HasSubstr("has no unit"));
  auto wrong = parse_bytes_per_second("3.35 TB");
  ASSERT_FALSE(wrong);
  EXPECT_THAT(wrong.error().message, HasSubstr("unknown bandwidth unit 'TB'"));
  EXPECT_THAT(wrong.error().message, HasSubstr("did you mean"));
  auto not_number = parse_watts("lots W");
  ASSERT_FALSE(not_number);
  EXPECT_THAT(not_number.error().message, HasSubstr("expected a number followed by a unit"));
  EXPECT_FALSE(parse_bytes("inf GB"));
  EXPECT_FALSE(parse_bytes("nan GB"));
}

// The quantity is named with its article: "a duration", "an amount of money".
TEST(Units, MessagesNameTheQuantityWithItsArticle) {
  EXPECT_EQ(parse_seconds("50").error().message,
            "'50' has no unit: a duration needs one of ns, us, µs, ms, s, min, h, d");
  EXPECT_EQ(parse_usd("5000").error().message,
            "'5000' has no unit: an amount of money needs one of USD, kUSD, MUSD, BUSD");
  EXPECT_EQ(parse_watts("lots W").error().message,
            "'lots W' is not a power: expected a number followed by a unit");
}

TEST(Units, ParsesCountsWithSuffix) {
  EXPECT_DOUBLE_EQ(*parse_count("15T"), 15e12);
  EXPECT_DOUBLE_EQ(*parse_count("1M"), 1e6);
  EXPECT_DOUBLE_EQ(*parse_count("2048"), 2048.0);
  EXPECT_FALSE(parse_count("12X"));
  EXPECT_FALSE(parse_count(""));
}

TEST(Units, CrossDimensionArithmetic) {
  const Seconds t = Flop(2e12) / FlopPerSecond(1e12);
  EXPECT_DOUBLE_EQ(t.value, 2.0);
  const Joules e = Watts(700) * Seconds(10);
  EXPECT_DOUBLE_EQ(e.value, 7000.0);
  EXPECT_DOUBLE_EQ((Bytes(3.35e12) / BytesPerSecond(3.35e12)).value, 1.0);
}

// Found by tests/fuzz (fuzz_quantity): a finite number times its unit overflowed to infinity.
TEST(Units, ValuesThatOverflowAreOutOfRange) {
  auto b = parse_bytes("1e308 TB");
  ASSERT_FALSE(b);
  EXPECT_EQ(b.error().message, "'1e308 TB' is out of range (its value is not a finite number)");
  auto c = parse_count("1e300P");
  ASSERT_FALSE(c);
  EXPECT_EQ(c.error().message, "'1e300P' is out of range (its value is not a finite number)");
  EXPECT_DOUBLE_EQ(parse_bytes("1e290 TB")->value, 1e302);
}
