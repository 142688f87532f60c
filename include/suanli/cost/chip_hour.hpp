// Cost of one chip for one hour, owned (amortized capex and levy, electricity at mean power with
// PUE, datacenter capacity) or rented (the cloud rate, which includes all of them). Equations in
// docs/models/cost.md §chip-hour.
#pragma once

#include <string>

#include "suanli/core/result.hpp"
#include "suanli/cost/assumptions.hpp"
#include "suanli/cost/capex.hpp"
#include "suanli/cost/power.hpp"

namespace suanli::cost {

inline constexpr double hours_per_year = 8760;  // h, 365 days

struct ChipHourCost {
  double capex = 0;     // USD per chip-hour: hardware and network amortized
  double levy = 0;      // USD per chip-hour: levy amortized
  double energy = 0;    // USD per chip-hour: electricity at mean facility power
  double facility = 0;  // USD per chip-hour: datacenter capacity for the provisioned IT power
  double cloud = 0;     // USD per chip-hour: rental (cloud mode; the others are then 0)
  double total() const { return capex + levy + energy + facility + cloud; }
};

// Owned hardware: capex / (years x 8760) + mean_facility_kW x USD/kWh + provisioned_IT_kW x
// USD/kW-month x 12 / 8760.
ChipHourCost owned_chip_hour(const Capex& capex, const ChipPower& power, const Assumptions& a);

// A cloud rate with its provenance.
struct CloudPrice {
  double usd_per_chip_hour = 0;  // USD per chip-hour
  std::string source;            // citation, or "--cloud-price"
  std::string terms;             // e.g. "on-demand median"
  std::string region;            // region of the rate ("global" when not regional)
};

// The rate for `chip_id`: override, else the price book for the region, else global; not_found
// (with the chips that have rates) when there is none.
core::Result<CloudPrice> cloud_price(const PriceBook& book, const Assumptions& a,
                                     const std::string& chip_id);

ChipHourCost rented_chip_hour(const CloudPrice& price);

}  // namespace suanli::cost
