#include "suanli/cost/horizon.hpp"

#include <algorithm>

#include "suanli/cost/chip_hour.hpp"

namespace suanli::cost {
namespace {

// Integral over [0, years] of min(1, rate x t) dt, in years: the mean share of the fleet failed,
// times the period.
double failed_years(double rate, double years) {
  if (rate <= 0 || years <= 0) return 0;
  if (rate * years <= 1) return rate * years * years / 2;
  return years - 1 / (2 * rate);
}

}  // namespace

HorizonCost horizon_cost(const HorizonInputs& in) {
  constexpr double seconds_per_year = hours_per_year * 3600;
  HorizonCost c;
  c.months_without_supply = std::max(0.0, in.resume_month - in.stop_month);
  const double years = c.months_without_supply / 12;
  c.stranded_fraction = std::min(1.0, std::max(0.0, in.failure_rate) * years);
  c.stranded_chips = in.fleet_chips * c.stranded_fraction;
  c.stranded_tps = in.served_tps * c.stranded_fraction;
  c.lost_tokens = in.served_tps * seconds_per_year * failed_years(in.failure_rate, years);
  c.served_tokens = in.served_tps * seconds_per_year * in.horizon_months / 12;
  if (in.replacement_usd_per_m) {
    c.replacement_usd = c.lost_tokens * *in.replacement_usd_per_m / 1e6;
    c.porting_usd = in.replacement_porting_usd;
  } else {
    c.served_tokens -= c.lost_tokens;
  }
  c.total_usd = in.base_usd + c.replacement_usd + c.porting_usd;
  c.usd_per_m_output = c.served_tokens > 0 ? c.total_usd / c.served_tokens * 1e6 : 0;
  return c;
}

}  // namespace suanli::cost
