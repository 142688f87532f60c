// Fleet sizing: how many copies of one deployment (a replica of `replica_chips` chips) meet a
// throughput target, rounded up to whole system units (an 8-GPU node, an NVL72 rack, a
// CloudMatrix supernode). Chips left idle inside a unit are counted: they are bought and powered.
#pragma once

#include <cstdint>

#include "suanli/core/result.hpp"

namespace suanli::search {

struct FleetSize {
  std::int64_t replicas = 0;  // deployments running (every slot of the units filled)
  std::int64_t units = 0;     // whole system units bought
  std::int64_t chips = 0;     // units x chips per unit
  int replica_chips = 0;      // chips per deployment
  int unit_chips = 0;         // chips per system unit
  double capacity_tps = 0;    // tokens/s the fleet delivers (replicas x replica tokens/s)
};

// Largest fleet modeled, chips; beyond it a plan row is infeasible.
inline constexpr std::int64_t max_fleet_chips = 100'000'000;

// Errors: infeasible when the target needs more than max_fleet_chips; invalid_input for
// non-positive arguments.
core::Result<FleetSize> size_fleet(double target_tps, double replica_tps, int replica_chips,
                                   int unit_chips);

}  // namespace suanli::search
