#include "suanli/hw/chip.hpp"

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

}  // namespace suanli::hw
