// Strong quantity types: a value in one SI base unit, tagged with its dimension so that bytes can
// never be added to seconds. Conversions to and from text live in units/parse.hpp.
#pragma once

#include <compare>

namespace suanli::units {

// A non-negative-by-convention physical quantity stored in its SI base unit.
template <class Tag>
struct Quantity {
  double value = 0.0;  // in the base unit named by Tag::base_unit

  constexpr Quantity() = default;
  constexpr explicit Quantity(double v) : value(v) {}

  constexpr auto operator<=>(const Quantity&) const = default;
  constexpr Quantity operator+(Quantity o) const { return Quantity(value + o.value); }
  constexpr Quantity operator-(Quantity o) const { return Quantity(value - o.value); }
  constexpr Quantity operator*(double k) const { return Quantity(value * k); }
  constexpr Quantity operator/(double k) const { return Quantity(value / k); }
  constexpr double operator/(Quantity o) const { return value / o.value; }
  constexpr Quantity& operator+=(Quantity o) {
    value += o.value;
    return *this;
  }
  friend constexpr Quantity operator*(double k, Quantity q) { return Quantity(k * q.value); }
};

struct BytesTag {
  static constexpr const char* base_unit = "B";
};
struct SecondsTag {
  static constexpr const char* base_unit = "s";
};
struct FlopTag {
  static constexpr const char* base_unit = "FLOP";
};
struct FlopPerSecondTag {
  static constexpr const char* base_unit = "FLOP/s";
};
struct BytesPerSecondTag {
  static constexpr const char* base_unit = "B/s";
};
struct WattsTag {
  static constexpr const char* base_unit = "W";
};
struct JoulesTag {
  static constexpr const char* base_unit = "J";
};
struct UsdTag {
  static constexpr const char* base_unit = "USD";
};
struct AreaTag {
  static constexpr const char* base_unit = "mm2";
};

using Bytes = Quantity<BytesTag>;                    // bytes
using Seconds = Quantity<SecondsTag>;                // seconds
using Flop = Quantity<FlopTag>;                      // floating-point (or integer) operations
using FlopPerSecond = Quantity<FlopPerSecondTag>;    // operations per second
using BytesPerSecond = Quantity<BytesPerSecondTag>;  // bytes per second
using Watts = Quantity<WattsTag>;                    // watts
using Joules = Quantity<JoulesTag>;                  // joules
using Usd = Quantity<UsdTag>;                        // US dollars
using Area = Quantity<AreaTag>;                      // square millimetres (silicon area)

// Cross-dimension arithmetic that the models need.
constexpr Seconds operator/(Flop f, FlopPerSecond r) {
  return Seconds(f.value / r.value);
}
constexpr Seconds operator/(Bytes b, BytesPerSecond r) {
  return Seconds(b.value / r.value);
}
constexpr Joules operator*(Watts p, Seconds t) {
  return Joules(p.value * t.value);
}
constexpr Bytes operator*(BytesPerSecond r, Seconds t) {
  return Bytes(r.value * t.value);
}

}  // namespace suanli::units
