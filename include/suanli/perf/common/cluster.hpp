// The hardware a prediction runs on, resolved to what the cost models need: one chip type, how
// many, the scale-up domain, and per-chip bandwidth and latency of each network tier.
#pragma once

#include <string>

#include "suanli/core/result.hpp"
#include "suanli/hw/chip.hpp"
#include "suanli/hw/system.hpp"
#include "suanli/units/quantity.hpp"

namespace suanli::perf {

struct Link {
  units::BytesPerSecond bandwidth;  // per chip, one direction
  units::Seconds latency;           // per message (alpha)
};

struct Cluster {
  const hw::Chip* chip = nullptr;  // never null in a valid cluster
  std::string system_id;           // empty when built from a bare chip
  int n_chips = 0;                 // chips used by the job
  int chips_per_node = 0;          // chips sharing one host
  int scaleup_domain = 0;          // chips in one NVLink/HCCS/UB/ICI domain
  hw::Topology scaleup_topology = hw::Topology::switched;
  Link scaleup;                    // inside a scale-up domain
  Link scaleout;                   // between scale-up domains
  double host_power_per_chip = 0;  // W: system power beyond the chips' TDP, per chip (0 = unknown)
};

// A cluster of `n_chips` chips of `system` (n_chips 0 = one system unit).
core::Result<Cluster> make_cluster(const hw::System& system, const hw::Chip& chip, int n_chips);

// A cluster of bare chips: scale-up domain min(n_chips, 8) over the chip's own link (PCIe-class
// chips without a scale-up link get domain 1), scale-out from the chip's NIC figure or 400 Gb/s.
// The domain is switched, except Google TPU chips: ICI tori (3-D above 256 chips, else 2-D).
// Overrides of 0 keep the defaults.
core::Result<Cluster> make_cluster(const hw::Chip& chip, int n_chips, int scaleup_domain = 0,
                                   double scaleout_gbps_per_chip = 0);

// The same cluster counted in devices: each package of `packages.chip` is `n` devices of `device`
// (hw::package_device), so chips, chips per node and the scale-up domain grow n-fold and the
// per-chip link bandwidths and host power are split between the package's devices.
Cluster per_device(const Cluster& packages, const hw::Chip& device, int n);

}  // namespace suanli::perf
