#include "suanli/hw/chip.hpp"

#include <algorithm>
#include <cctype>

namespace suanli::hw {

std::optional<units::FlopPerSecond> Chip::peak(Dtype d) const {
  const auto it = dense_peak.find(d);
  if (it == dense_peak.end()) return std::nullopt;
  return it->second.get();
}

bool Chip::supports(Dtype d) const {
  const auto it = dense_peak.find(d);
  return it != dense_peak.end() && it->second.known();
}

double Chip::device_memory_bytes() const {
  if (!memory_capacity.known()) return 0;
  std::string type = memory_type;
  std::transform(type.begin(), type.end(), type.begin(),
                 [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
  const double published = memory_capacity.value.value;
  constexpr double gib_per_gb = 1073741824.0 / 1e9;
  return type.find("hbm") != std::string::npos ? published * gib_per_gb : published;
}

}  // namespace suanli::hw
