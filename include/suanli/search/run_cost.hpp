// Money and energy of one training run on a catalog system, with the cost model `suanli plan`
// uses: the price book (or the overrides in the assumptions), power with node overhead and PUE,
// and, for a destination, the levy the policy engine applies. docs/models/cost.md §training.
#pragma once

#include <string>
#include <vector>

#include "suanli/cost/training_cost.hpp"
#include "suanli/search/plan_request.hpp"

namespace suanli::search {

struct RunCost {
  bool priced = false;             // a price or cloud rate was found; money figures are 0 otherwise
  std::string price_error;         // why not, when !priced
  bool powered = false;            // the power is known; energy figures are 0 otherwise
  double levy_percent = 0;         // percent of the hardware price (destination given)
  cost::TrainingCost cost;         // chip-hours, USD by component, MWh, capex, facility MW
  std::vector<std::string> notes;  // estimates and fallbacks
};

// `chips` running for `wall_s` seconds on `choice`; `assumptions` resolved (cost/assumptions.hpp).
RunCost training_run_cost(const SystemChoice& choice, const Destination& destination,
                          const cost::Assumptions& assumptions, const cost::PriceBook& book,
                          int chips, double wall_s);

}  // namespace suanli::search
