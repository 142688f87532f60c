// Text form of quantities: parse("3.35 TB/s"), format(BytesPerSecond). A number without a unit is
// an error; SI prefixes (GB = 1e9 B) and IEC prefixes (GiB = 2^30 B) are distinct.
#pragma once

#include <string>
#include <string_view>

#include "suanli/core/result.hpp"
#include "suanli/units/quantity.hpp"

namespace suanli::units {

core::Result<Bytes> parse_bytes(std::string_view text);
core::Result<Seconds> parse_seconds(std::string_view text);
core::Result<Flop> parse_flop(std::string_view text);
core::Result<FlopPerSecond> parse_flop_per_second(std::string_view text);
core::Result<BytesPerSecond> parse_bytes_per_second(std::string_view text);
core::Result<Watts> parse_watts(std::string_view text);
core::Result<Joules> parse_joules(std::string_view text);
core::Result<Usd> parse_usd(std::string_view text);
core::Result<Area> parse_area(std::string_view text);

// Generic entry point: parse<Bytes>("96 GiB").
template <class Q>
core::Result<Q> parse(std::string_view text);

// Canonical text with the largest SI prefix that keeps the number >= 1, e.g. "3.35 TB/s".
// Round-trips through parse() to 6 significant digits.
std::string format(Bytes q);
std::string format(Seconds q);
std::string format(Flop q);
std::string format(FlopPerSecond q);
std::string format(BytesPerSecond q);
std::string format(Watts q);
std::string format(Joules q);
std::string format(Usd q);
std::string format(Area q);

// Parses a plain count with an optional SI suffix, as users type it: "15T" tokens, "1M", "2048".
core::Result<double> parse_count(std::string_view text);

}  // namespace suanli::units
