// Fuzz target: every quantity parser a user's or a data file's text reaches (units/parse.hpp).
// A parsed quantity must be finite and print back to text that parses again.
#include <cmath>
#include <cstdint>
#include <string_view>

#include "suanli/units/parse.hpp"

namespace {

template <class Q>
void round_trip(std::string_view text) {
  auto q = suanli::units::parse<Q>(text);
  if (!q) return;
  if (!std::isfinite(q->value)) __builtin_trap();
  if (!suanli::units::parse<Q>(suanli::units::format(*q))) __builtin_trap();
}

}  // namespace

// NOLINTNEXTLINE(readability-identifier-naming): the entry point libFuzzer calls
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  namespace u = suanli::units;
  round_trip<u::Bytes>(text);
  round_trip<u::Seconds>(text);
  round_trip<u::Flop>(text);
  round_trip<u::FlopPerSecond>(text);
  round_trip<u::BytesPerSecond>(text);
  round_trip<u::Watts>(text);
  round_trip<u::Joules>(text);
  round_trip<u::Usd>(text);
  round_trip<u::Area>(text);
  if (auto c = u::parse_count(text); c && !std::isfinite(*c)) __builtin_trap();
  return 0;
}
