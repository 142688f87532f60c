// Capital cost of one chip as deployed: the hardware price (user override, price book, catalog
// figure, or chip price plus server overhead), the scale-out network share, and the levy or tariff
// the policy engine reports for the destination and date. Equations in docs/models/cost.md §capex.
#pragma once

#include <string>

#include "suanli/core/result.hpp"
#include "suanli/cost/assumptions.hpp"
#include "suanli/cost/price_book.hpp"
#include "suanli/hw/chip.hpp"
#include "suanli/hw/system.hpp"

namespace suanli::cost {

struct Capex {
  double hardware_usd = 0;  // USD per chip: chip, its share of the server / rack
  double network_usd = 0;   // USD per chip: share of the scale-out network
  double levy_usd = 0;      // USD per chip: levy or tariff paid by the buyer
  double levy_percent = 0;  // percent of the hardware price, as the policy engine reports it
  std::string basis;        // where hardware_usd comes from, e.g. "system price (price book)"
  std::string source;       // citation of the price used
  std::string date;         // date of the price, when known
  bool estimate = false;    // the price is marked as an estimate (or derived from one)
  double total_usd() const { return hardware_usd + network_usd + levy_usd; }  // USD per chip
};

// Hardware price per chip of `chip` in `system` (nullable), in this order: override for the
// system, override for the chip (+ server overhead), price book system, catalog system figure,
// price book chip (+ overhead), catalog chip figure (+ overhead). not_found when none exists.
core::Result<Capex> hardware_capex(const hw::Chip& chip, const hw::System* system,
                                   const PriceBook& book, const Assumptions& a);

// Adds the network share and the levy: network = hardware x network_fraction;
// levy = hardware x levy_percent / 100 x levy_pass_through.
Capex with_network_and_levy(Capex capex, double levy_percent, const Assumptions& a);

// Both steps.
core::Result<Capex> capex_per_chip(const hw::Chip& chip, const hw::System* system,
                                   const PriceBook& book, const Assumptions& a,
                                   double levy_percent);

}  // namespace suanli::cost
