// What a candidate system brings to a plan or a comparison regardless of the deployment size:
// its availability and levy for a destination and date (policy engine), its price (own or
// rented) and its power (cost engine). One evaluation shared by `plan` and `compare`.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "suanli/cost/capex.hpp"
#include "suanli/cost/chip_hour.hpp"
#include "suanli/cost/power.hpp"
#include "suanli/policy/access.hpp"
#include "suanli/policy/obtainability.hpp"
#include "suanli/search/plan_request.hpp"

namespace suanli::search {

// A change of a chip's obtainability within the plan's horizon (supply risk).
struct SupplyChange {
  policy::Date date;                    // first day of the new status
  policy::Obtainability obtainability;  // the new status
  std::string reason;                   // the policy reason on that day
};

// What a system brings regardless of the deployment size: availability, levy, price and power.
struct SystemInputs {
  bool available = true;  // obtainable, or a status the request includes (true with no destination)
  std::optional<policy::Obtainability> obtainability;  // with a destination: the chip's status
  std::string reason;                                  // policy reason (or the policy error)
  std::vector<SupplyChange> supply_changes;            // dated status changes within the horizon
  std::vector<policy::Risk> risks;                     // market-access risks for the buyer
  double levy_percent = 0;                             // percent of the hardware price
  bool priced = false;                                 // a price or cloud rate was found
  std::string price_error;                             // why not, when !priced
  bool powered = false;                                // the power is known
  cost::Capex capex;                                   // per chip (own mode)
  cost::ChipPower power;                               // per chip
  cost::ChipHourCost hour;                             // per chip-hour (0 when !priced)
  std::vector<std::string> notes;                      // estimates and fallbacks
};

// `a.horizon_months` (default: the amortization period) bounds the dated policy events checked
// after dest.date for supply_changes.
SystemInputs system_inputs(const Destination& dest, const cost::Assumptions& a,
                           const cost::PriceBook& book, const SystemChoice& choice);

}  // namespace suanli::search
