// What a candidate system brings to a plan or a comparison regardless of the deployment size:
// its availability and levy for a destination and date (policy engine), its price (own or
// rented) and its power (cost engine). One evaluation shared by `plan` and `compare`.
#pragma once

#include <string>
#include <vector>

#include "suanli/cost/capex.hpp"
#include "suanli/cost/chip_hour.hpp"
#include "suanli/cost/power.hpp"
#include "suanli/search/plan_request.hpp"

namespace suanli::search {

// What a system brings regardless of the deployment size: availability, levy, price and power.
struct SystemInputs {
  bool available = true;           // policy engine allows the chip
  std::string reason;              // policy reason (or the policy error)
  double levy_percent = 0;         // percent of the hardware price
  bool priced = false;             // a price or cloud rate was found
  std::string price_error;         // why not, when !priced
  bool powered = false;            // the power is known
  cost::Capex capex;               // per chip (own mode)
  cost::ChipPower power;           // per chip
  cost::ChipHourCost hour;         // per chip-hour (0 when !priced)
  std::vector<std::string> notes;  // estimates and fallbacks
};

SystemInputs system_inputs(const Destination& dest, const cost::Assumptions& a,
                           const cost::PriceBook& book, const SystemChoice& choice);

}  // namespace suanli::search
