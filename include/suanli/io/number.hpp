// Deterministic number presentation shared by every writer: values are rounded to a fixed number
// of significant digits so that golden outputs do not depend on floating-point noise.
#pragma once

#include <optional>
#include <string>

namespace suanli::io {

// x rounded to `digits` significant digits (0 stays 0).
double round_sig(double x, int digits = 6);

// Text for tables: rounded, no exponent for ordinary magnitudes, "-" for nullopt.
std::string format_number(std::optional<double> x, int digits = 4);

}  // namespace suanli::io
