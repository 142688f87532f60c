#include "suanli/hw/chip.hpp"

#include <algorithm>
#include <cctype>
#include <string>

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

namespace {

template <class Q>
Figure<Q> divided(Figure<Q> f, double n) {
  if (f.known()) f.value = Q(f.value.value / n);
  return f;
}

}  // namespace

Chip package_device(const Chip& package) {
  const int n = package.devices_per_package;
  if (n <= 1) return package;
  Chip d = package;
  d.name = package.name + " (one of " + std::to_string(n) + " dies)";
  d.devices_per_package = 1;
  for (auto& [dtype, peak] : d.dense_peak) peak = divided(peak, n);
  d.memory_capacity = divided(d.memory_capacity, n);
  d.memory_bandwidth = divided(d.memory_bandwidth, n);
  d.sram = divided(d.sram, n);
  d.scaleup_bandwidth = divided(d.scaleup_bandwidth, n);
  d.scaleout_bandwidth = divided(d.scaleout_bandwidth, n);
  d.io_bandwidth = divided(d.io_bandwidth, n);
  d.tdp = divided(d.tdp, n);
  d.die_area = divided(d.die_area, n);
  d.price = divided(d.price, n);
  if (d.compute_units.known()) d.compute_units.value /= n;
  return d;
}

}  // namespace suanli::hw
