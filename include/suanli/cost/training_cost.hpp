// Money and energy to train: a cluster of `chips` running for a wall-clock time costs chip-hours
// x the chip-hour cost, draws mean facility power for that time, and needs its capex up front.
// docs/models/cost.md §training.
#pragma once

#include "suanli/cost/capex.hpp"
#include "suanli/cost/chip_hour.hpp"
#include "suanli/cost/power.hpp"

namespace suanli::cost {

struct TrainingCost {
  double chip_hours = 0;         // chips x wall hours
  ChipHourCost spend;            // USD over the run by component (chip-hour cost x chip-hours)
  double usd = 0;                // USD: spend.total()
  double energy_mwh = 0;         // MWh of facility energy over the run
  double cluster_capex_usd = 0;  // USD to buy the cluster (0 when rented)
  double facility_mw = 0;        // MW of provisioned facility power
};

TrainingCost training_cost(int chips, double wall_s, const ChipHourCost& hour,
                           const ChipPower& power, const Capex* capex);

}  // namespace suanli::cost
