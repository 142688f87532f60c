#include "suanli/cost/training_cost.hpp"

namespace suanli::cost {

TrainingCost training_cost(int chips, double wall_s, const ChipHourCost& hour,
                           const ChipPower& power, const Capex* capex) {
  TrainingCost t;
  const double hours = wall_s / 3600.0;
  t.chip_hours = chips * hours;
  t.spend.capex = hour.capex * t.chip_hours;
  t.spend.levy = hour.levy * t.chip_hours;
  t.spend.energy = hour.energy * t.chip_hours;
  t.spend.facility = hour.facility * t.chip_hours;
  t.spend.cloud = hour.cloud * t.chip_hours;
  t.usd = t.spend.total();
  t.energy_mwh = energy_mwh(power, chips, hours);
  t.cluster_capex_usd = capex != nullptr ? capex->total_usd() * chips : 0;
  t.facility_mw = power.provisioned_facility_w * chips / 1e6;
  return t;
}

}  // namespace suanli::cost
