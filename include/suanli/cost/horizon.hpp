// The horizon cost of a fleet whose chip stops being obtainable within the plan's horizon: the
// fleet bought at the plan date keeps running, but units that fail while the chip cannot be had
// are not replaced in kind; the capacity they carried (stranded) is served by a replacement
// system at its cost per token, after a one-off port to its stack. docs/models/cost.md §horizon.
#pragma once

#include <optional>

namespace suanli::cost {

struct HorizonInputs {
  double horizon_months = 0;  // H: months from the plan date the plan looks ahead
  double stop_month = 0;      // months from the plan date to the day the supply stops (< H)
  double resume_month = 0;    // months to the day it resumes within the horizon, else H
  double fleet_chips = 0;     // N: chips bought at the plan date
  double served_tps = 0;      // output tokens/s the fleet serves
  double base_usd = 0;        // USD: the fleet over the horizon (with its switching when asked)
  double failure_rate = 0;    // lambda: fraction of the fleet failing per year
  std::optional<double> replacement_usd_per_m;  // USD per M output tokens; nullopt = none
  double replacement_porting_usd = 0;           // USD, one-off port onto the replacement's stack
};

struct HorizonCost {
  double months_without_supply = 0;  // R = resume - stop, months
  double stranded_fraction = 0;      // min(1, lambda x R / 12): share of the fleet failed by then
  double stranded_chips = 0;         // N x stranded_fraction, chips
  double stranded_tps = 0;           // served x stranded_fraction, output tokens/s
  double lost_tokens = 0;            // output tokens the failed units would have served
  double replacement_usd = 0;        // USD: lost tokens at the replacement's USD per M
  double porting_usd = 0;            // USD: the one-off port (0 without a replacement)
  double total_usd = 0;              // USD: base + replacement + porting
  double served_tokens = 0;          // output tokens served over the horizon
  double usd_per_m_output = 0;       // USD per M output tokens: total / served x 1e6
};

// lost = served x 3600 x 8760 x integral over t in [0, R/12] years of min(1, lambda t) dt;
// without a replacement the lost tokens are not served and nothing is added to the cost.
HorizonCost horizon_cost(const HorizonInputs& in);

}  // namespace suanli::cost
