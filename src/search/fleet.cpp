#include "suanli/search/fleet.hpp"

#include <fmt/format.h>

#include <cmath>

namespace suanli::search {

core::Result<FleetSize> size_fleet(double target_tps, double replica_tps, int replica_chips,
                                   int unit_chips) {
  if (!(target_tps > 0) || !(replica_tps > 0) || replica_chips <= 0 || unit_chips <= 0) {
    return core::make_error(core::ErrorCode::invalid_input,
                            fmt::format("fleet sizing needs positive values (target {} tok/s, "
                                        "replica {} tok/s on {} chips, units of {} chips)",
                                        target_tps, replica_tps, replica_chips, unit_chips));
  }
  const double needed = std::ceil(target_tps / replica_tps);
  double replicas = 0;
  double units = 0;
  if (replica_chips <= unit_chips) {
    const double per_unit = std::floor(static_cast<double>(unit_chips) / replica_chips);
    units = std::ceil(needed / per_unit);
    replicas = units * per_unit;
  } else {
    const double units_per_replica = std::ceil(static_cast<double>(replica_chips) / unit_chips);
    units = needed * units_per_replica;
    replicas = needed;
  }
  const double chips = units * unit_chips;
  if (chips > static_cast<double>(max_fleet_chips)) {
    return core::make_error(core::ErrorCode::infeasible,
                            fmt::format("the target needs {:.3g} chips (more than {} modeled)",
                                        chips, max_fleet_chips));
  }
  FleetSize f;
  f.replicas = static_cast<std::int64_t>(replicas);
  f.units = static_cast<std::int64_t>(units);
  f.chips = static_cast<std::int64_t>(chips);
  f.replica_chips = replica_chips;
  f.unit_chips = unit_chips;
  f.capacity_tps = replicas * replica_tps;
  return f;
}

}  // namespace suanli::search
