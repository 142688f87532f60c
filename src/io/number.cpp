#include "suanli/io/number.hpp"

#include <fmt/format.h>
#include <cmath>

namespace suanli::io {

double round_sig(double x, int digits) {
  if (x == 0.0 || !std::isfinite(x)) return x;
  const int exponent = static_cast<int>(std::floor(std::log10(std::fabs(x))));
  const double scale = std::pow(10.0, digits - 1 - exponent);
  const double rounded = std::round(x * scale) / scale;
  // Reparse through text so the shortest representation is stable across platforms.
  return std::stod(fmt::format("{:.{}g}", rounded, digits));
}

std::string format_number(std::optional<double> x, int digits) {
  if (!x) return "-";
  const double v = round_sig(*x, digits);
  if (v != 0 && (std::fabs(v) >= 1e9 || std::fabs(v) < 1e-3))
    return fmt::format("{:.{}g}", v, digits);
  return fmt::format("{}", v);
}

}  // namespace suanli::io
