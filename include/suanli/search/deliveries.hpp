// A plan row's deliveries: the dated delivery facts (policy/deliveries.hpp, data/deliveries/) that
// bear on its chip for the destination and date, the first day it can be delivered, when new
// production can resume after a halt, and its fleet against each known volume. They inform; they
// do not change the row's status or rank. docs/models/cost.md §deliveries.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "suanli/policy/date.hpp"
#include "suanli/policy/deliveries.hpp"

namespace suanli::search {

// A fleet against one known volume of its chip.
struct VolumeShare {
  double low = 0;   // fleet chips / the volume's high end
  double high = 0;  // fleet chips / the volume's low end
};

struct RowDeliveries {
  std::vector<policy::DeliveryFact> facts;         // the facts in force, in date order
  std::vector<std::optional<VolumeShare>> shares;  // parallel to facts: set for a volume
  std::optional<policy::Date> first_delivery;      // deliveries start then (after the date)
  std::optional<policy::Date> production_restart;  // new production not before (after a halt)
  bool exceeds_volume = false;  // the fleet needs more chips than a known volume holds
};

// The deliveries of a fleet of `fleet_chips` chips of `chip` bought for `country` (empty: no
// destination) on `date`; nullopt when no fact bears on it.
std::optional<RowDeliveries> row_deliveries(const std::vector<policy::DeliveryFact>& facts,
                                            std::string_view chip, std::string_view country,
                                            const policy::Date& date, std::int64_t fleet_chips);

// One line per fact with its file and source keys (the citations are in the JSON), e.g. "first
// deliveries 2026-02-15: NVIDIA told ... [nvidia-h200: tencent-tech-2025-12]" or "9216 chips are
// 12%-23% of: the first China batch ... [nvidia-h200: tencent-tech-2025-12]"; an estimate says so.
std::vector<std::string> deliveries_text(const RowDeliveries& d, std::int64_t fleet_chips);

}  // namespace suanli::search
