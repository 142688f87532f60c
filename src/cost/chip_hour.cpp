#include "suanli/cost/chip_hour.hpp"

#include <fmt/format.h>

namespace suanli::cost {

ChipHourCost owned_chip_hour(const Capex& capex, const ChipPower& power, const Assumptions& a) {
  ChipHourCost c;
  const double hours = a.amortization_years * hours_per_year;
  c.capex = (capex.hardware_usd + capex.network_usd) / hours;
  c.levy = capex.levy_usd / hours;
  c.energy = power.mean_facility_w / 1000.0 * a.usd_per_kwh;
  c.facility =
      power.provisioned_it_w / 1000.0 * a.facility_usd_per_kw_month * 12.0 / hours_per_year;
  return c;
}

core::Result<CloudPrice> cloud_price(const PriceBook& book, const Assumptions& a,
                                     const std::string& chip_id) {
  if (auto it = a.cloud_rates.find(chip_id); it != a.cloud_rates.end()) {
    return CloudPrice{it->second, "--cloud-price", "as given", a.region};
  }
  if (const CloudRate* r = book.cloud_rate(chip_id, a.region)) {
    return CloudPrice{r->usd_per_chip_hour, r->source, r->terms, r->region};
  }
  std::vector<std::string> with_rates;
  for (const auto& r : book.cloud) {
    if (with_rates.empty() || with_rates.back() != r.chip_id) with_rates.push_back(r.chip_id);
  }
  core::Error e = core::make_error(
      core::ErrorCode::not_found,
      fmt::format("no cloud rate for {} in region '{}' or globally", chip_id, a.region));
  e.hints.push_back(
      fmt::format("give one with --cloud-price {}=<USD per chip-hour>; rates are "
                  "known for: {}",
                  chip_id, fmt::join(with_rates, ", ")));
  return e;
}

ChipHourCost rented_chip_hour(const CloudPrice& price) {
  ChipHourCost c;
  c.cloud = price.usd_per_chip_hour;
  return c;
}

}  // namespace suanli::cost
