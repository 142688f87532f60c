// Fuzz target: calendar dates as typed (--date) and as written in data files. A date that parses
// prints back to the same date.
#include <cstdint>
#include <string_view>

#include "suanli/policy/date.hpp"

// NOLINTNEXTLINE(readability-identifier-naming): the entry point libFuzzer calls
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto d = suanli::policy::Date::parse(text);
  if (!d) return 0;
  auto again = suanli::policy::Date::parse(d->to_string());
  if (!again || !(*again == *d)) __builtin_trap();
  return 0;
}
