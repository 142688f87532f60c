// Electrical power of one chip in a deployment and the energy it draws: provisioned IT power
// (system share or TDP plus node overhead), mean IT power (x utilization) and facility power
// (x PUE). Equations in docs/models/cost.md §power.
#pragma once

#include <optional>
#include <string>

#include "suanli/core/result.hpp"
#include "suanli/cost/assumptions.hpp"
#include "suanli/hw/chip.hpp"
#include "suanli/hw/system.hpp"

namespace suanli::cost {

struct ChipPower {
  double provisioned_it_w = 0;        // W per chip: peak IT power incl. the host's share
  double mean_it_w = 0;               // W per chip: provisioned x utilization
  double provisioned_facility_w = 0;  // W per chip: provisioned IT x PUE (what a site must supply)
  double mean_facility_w = 0;         // W per chip: mean IT x PUE (what is billed)
  std::string basis;                  // "system power" or "chip TDP + node overhead"
  bool estimate = false;              // the underlying figure is marked as an estimate
};

// Power of one chip of `system` (nullable: bare chips). Error (invalid_input) when neither the
// system's power nor the chip's TDP is known.
core::Result<ChipPower> chip_power(const hw::Chip& chip, const hw::System* system,
                                   const Assumptions& a);

// Same from figures: `system_w_per_chip` (W, system power / chips) wins over `tdp_w` (W).
core::Result<ChipPower> chip_power(std::optional<double> tdp_w,
                                   std::optional<double> system_w_per_chip, const Assumptions& a);

// Megawatt-hours drawn by `chips` chips for `hours` hours at mean facility power.
double energy_mwh(const ChipPower& p, double chips, double hours);

// Tokens per joule of facility energy at `tokens_per_s_per_chip` (0 when the power is 0).
double tokens_per_joule(double tokens_per_s_per_chip, const ChipPower& p);

}  // namespace suanli::cost
