#include "suanli/perf/common/cluster.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace suanli::perf {
namespace {

constexpr double default_scaleout = 400e9 / 8;  // 400 Gb/s NIC per chip when none is stated
constexpr double default_scaleup_latency = 3e-6;
constexpr double default_scaleout_latency = 8e-6;

core::Result<Cluster> check(Cluster c) {
  if (c.n_chips < 1) {
    return core::make_error(core::ErrorCode::invalid_input,
                            fmt::format("a cluster needs at least one chip, got {}", c.n_chips));
  }
  if (c.n_chips > 10'000'000) {
    return core::make_error(core::ErrorCode::invalid_input,
                            fmt::format("{} chips is beyond what suanli models (10M)", c.n_chips));
  }
  c.scaleup_domain = std::max(1, std::min(c.scaleup_domain, c.n_chips));
  c.chips_per_node = std::max(1, std::min(c.chips_per_node, c.n_chips));
  return c;
}

}  // namespace

core::Result<Cluster> make_cluster(const hw::System& system, const hw::Chip& chip, int n_chips) {
  Cluster c;
  c.chip = &chip;
  c.system_id = system.id;
  c.n_chips = n_chips == 0 ? system.chips : n_chips;
  c.chips_per_node = system.chips_per_node;
  c.scaleup_domain = system.scaleup_domain;
  c.scaleup_topology = system.scaleup.topology;
  c.scaleup.bandwidth = system.scaleup.bandwidth.value;
  c.scaleup.latency = system.scaleup.latency.known() ? system.scaleup.latency.value
                                                     : units::Seconds(default_scaleup_latency);
  // Scale-out bandwidth: the system's figure, else the chip's NIC figure, else 400 Gb/s.
  c.scaleout.bandwidth = system.scaleout.bandwidth.known()
                             ? system.scaleout.bandwidth.value
                             : units::BytesPerSecond(chip.scaleout_bandwidth.known()
                                                         ? chip.scaleout_bandwidth.value.value
                                                         : default_scaleout);
  c.scaleout.latency = system.scaleout.latency.known() ? system.scaleout.latency.value
                                                       : units::Seconds(default_scaleout_latency);
  if (system.power.known() && chip.tdp.known() && system.chips > 0) {
    const double host = system.power.value.value / system.chips - chip.tdp.value.value;
    c.host_power_per_chip = std::max(0.0, host);
  }
  return check(c);
}

core::Result<Cluster> make_cluster(const hw::Chip& chip, int n_chips, int scaleup_domain,
                                   double scaleout_gbps_per_chip) {
  Cluster c;
  c.chip = &chip;
  c.n_chips = n_chips;
  const bool has_link = chip.scaleup_bandwidth.known() && chip.form_factor != "pcie";
  c.scaleup_domain = scaleup_domain > 0 ? scaleup_domain : (has_link ? 8 : 1);
  c.chips_per_node = 8;
  c.scaleup_topology = has_link ? hw::Topology::switched : hw::Topology::pcie;
  // Google TPU chips form ICI tori: 3-D above 256 chips (v4/v5p slices), 2-D otherwise (v5e/v6e).
  if (chip.vendor == "google" && has_link) {
    c.scaleup_topology = c.scaleup_domain > 256 ? hw::Topology::torus_3d : hw::Topology::torus_2d;
  }
  // Per-direction bandwidth is half the bidirectional spec figure; PCIe Gen4 x16 otherwise.
  c.scaleup.bandwidth = units::BytesPerSecond(
      chip.scaleup_bandwidth.known() ? chip.scaleup_bandwidth.value.value / 2 : 32e9);
  c.scaleup.latency = units::Seconds(default_scaleup_latency);
  double out = scaleout_gbps_per_chip > 0
                   ? scaleout_gbps_per_chip * 1e9 / 8
                   : (chip.scaleout_bandwidth.known() ? chip.scaleout_bandwidth.value.value
                                                      : default_scaleout);
  c.scaleout.bandwidth = units::BytesPerSecond(out);
  c.scaleout.latency = units::Seconds(default_scaleout_latency);
  return check(c);
}

Cluster per_device(const Cluster& packages, const hw::Chip& device, int n) {
  Cluster c = packages;
  c.chip = &device;
  c.n_chips = packages.n_chips * n;
  c.chips_per_node = packages.chips_per_node * n;
  c.scaleup_domain = packages.scaleup_domain * n;
  c.scaleup.bandwidth = units::BytesPerSecond(packages.scaleup.bandwidth.value / n);
  c.scaleout.bandwidth = units::BytesPerSecond(packages.scaleout.bandwidth.value / n);
  c.host_power_per_chip = packages.host_power_per_chip / n;
  return c;
}

}  // namespace suanli::perf
