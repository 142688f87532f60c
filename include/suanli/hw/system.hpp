// A deployable system built from one chip type: how many chips per node, how large the scale-up
// domain is (8 for HGX, 72 for NVL72, 384 for CloudMatrix) and how fast each network tier is.
#pragma once

#include <string>
#include <vector>

#include "suanli/hw/chip.hpp"
#include "suanli/hw/figure.hpp"
#include "suanli/units/quantity.hpp"

namespace suanli::hw {

enum class Topology { switched, torus_2d, torus_3d, ring, pcie, clos };

std::string_view to_string(Topology t);
std::optional<Topology> parse_topology(std::string_view text);

struct NetworkTier {
  Topology topology = Topology::switched;
  Figure<units::BytesPerSecond> bandwidth;  // per chip, one direction
  Figure<units::Seconds> latency;           // per message, end to end (alpha term)
};

struct System {
  std::string id;              // catalog id, e.g. "hgx-h100"
  std::string name;            // e.g. "NVIDIA HGX H100 (8-GPU)"
  std::string chip_id;         // id of the chip it is built from
  int chips = 0;               // chips in one system unit (a node, a rack, a supernode)
  int chips_per_node = 0;      // chips sharing one host
  int scaleup_domain = 0;      // chips in one scale-up (NVLink/HCCS/UB/ICI) domain
  NetworkTier scaleup;         // inside the scale-up domain
  NetworkTier scaleout;        // between scale-up domains
  Figure<units::Watts> power;  // whole unit power incl. CPUs, switches, cooling share, if reported
  Figure<units::Usd> price;    // whole unit price, if reported
  std::vector<SourceRef> sources;
  std::string notes;
};

}  // namespace suanli::hw
