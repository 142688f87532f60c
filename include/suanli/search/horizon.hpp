// The horizon cost of the plan rows whose chip stops being obtainable within the horizon (from the
// rows' supply changes): stranded capacity, the replacement system (the cheapest row obtainable
// from then to the horizon's end), its cost and the port onto its stack, and the horizon total
// the plan ranks on. docs/models/cost.md §horizon.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "suanli/cost/currency.hpp"
#include "suanli/cost/horizon.hpp"
#include "suanli/cost/price_book.hpp"
#include "suanli/cost/switching.hpp"
#include "suanli/policy/date.hpp"
#include "suanli/policy/obtainability.hpp"

namespace suanli::search {

struct PlanRequest;
struct PlanRow;

// A dated change of a row's supply within the horizon.
struct HorizonEvent {
  policy::Date date;                    // first day of the new status
  policy::Obtainability obtainability;  // the status from that day
  bool obtainable = false;              // the plan ranks that status (obtainable or included)
};

struct RowHorizon {
  double horizon_months = 0;                // months the plan looks ahead
  std::vector<HorizonEvent> events;         // the supply changes within the horizon, in date order
  policy::Date stops;                       // first day the chip cannot be had
  std::optional<policy::Date> resumes;      // first day it can be had again, within the horizon
  cost::Param failure_rate;                 // the failure rate used, with its source
  std::string replacement;                  // replacement system id; "" = none obtainable
  double replacement_usd_per_m = 0;         // its USD per M output tokens
  std::optional<cost::SwitchingCost> port;  // onto the replacement's stack; nullopt = unknown
  cost::HorizonCost cost;                   // stranded capacity, replacement and totals
};

// Adds a horizon to every available, feasible, priced row whose chip stops being obtainable
// within the horizon. `rows[i]` is the row of `request.systems[i]`. When any row gets one, a note
// saying how the ranking uses it is added to `notes`.
void add_horizons(const PlanRequest& request, std::vector<PlanRow>& rows,
                  std::vector<std::string>& notes);

// One line of a row's horizon cost in `currency`, e.g. "from 2026-09-01 (denied) for 41 months:
// 31% of the fleet fails (2,371 chips, 310k tok/s stranded) at 9%/year; replaced by
// cloudmatrix-384 at $0.615/M: $5.2M, porting cuda -> cann $96k; 48-month total $266M, $2.11/M".
std::string horizon_text(const RowHorizon& horizon, const cost::Currency& currency = {});

}  // namespace suanli::search
