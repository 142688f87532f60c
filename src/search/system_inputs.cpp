#include "suanli/search/system_inputs.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "suanli/policy/access.hpp"

namespace suanli::search {
namespace {

// A cloud rate serves a destination only when it is offered there: its region is the country or
// one of its regions ("CN", "CN-west"); a "global" rate of a provider elsewhere does not.
core::Result<cost::CloudPrice> offered_in(const Destination& dest,
                                          core::Result<cost::CloudPrice> rate,
                                          const std::string& chip) {
  if (!rate || dest.country.empty() || rate->source == "--cloud-price") return rate;
  const std::string& region = rate->region;
  if (region == dest.country || region.starts_with(dest.country + "-")) return rate;
  return core::make_error(
      core::ErrorCode::not_found,
      fmt::format("no cloud offer for {} in {}: the rate known is for region '{}' ({})", chip,
                  dest.country, region, rate->terms));
}

// The days after dest.date, within `years`, on which a dated event (a rule's start or end, the
// chip's launch) changes the chip's status.
std::vector<SupplyChange> supply_changes(const Destination& dest, const hw::Chip& chip,
                                         policy::Obtainability now, double years) {
  std::vector<SupplyChange> out;
  const int whole = static_cast<int>(std::ceil(years));
  auto until = policy::Date::from_parts(dest.date.year() + whole, dest.date.month(),
                                        std::min(dest.date.day(), 28));
  if (!until) return out;
  policy::Obtainability last = now;
  std::vector<policy::Date> dates = dest.rules->event_dates();
  if (auto launch = policy::launch_date(chip)) {
    dates.insert(std::upper_bound(dates.begin(), dates.end(), *launch), *launch);
  }
  for (const policy::Date& d : dates) {
    if (d <= dest.date || *until < d) continue;
    auto acc = policy::access(*dest.rules, chip, dest.country, d, {}, dest.buyer);
    if (!acc || acc->obtainability == last) continue;
    last = acc->obtainability;
    out.push_back(SupplyChange{d, last, acc->reason});
  }
  return out;
}

}  // namespace

SystemInputs system_inputs(const Destination& dest, const cost::Assumptions& a,
                           const cost::PriceBook& book, const SystemChoice& sc) {
  SystemInputs in;
  const hw::Chip& chip = *sc.chip;
  if (!dest.country.empty()) {
    auto acc = policy::access(*dest.rules, chip, dest.country, dest.date, {}, dest.buyer);
    if (acc) {
      in.obtainability = acc->obtainability;
      in.supply_changes = supply_changes(dest, chip, acc->obtainability, a.horizon_months / 12);
      in.available = accepted(dest, acc->obtainability);
      in.levy_percent = acc->levy_percent;
      in.reason = acc->reason;
      in.risks = acc->risks;
    } else {
      in.available = false;
      in.reason = acc.error().message;
    }
  }
  if (a.mode == cost::CostMode::own) {
    auto capex = cost::capex_per_chip(chip, sc.system, book, a, in.levy_percent);
    if (capex) {
      in.capex = *capex;
      in.priced = true;
      if (capex->estimate) in.notes.push_back("price is an estimate: " + capex->basis);
    } else {
      in.price_error = capex.error().message;
    }
  } else {
    auto rate = offered_in(dest, cost::cloud_price(book, a, chip.id), chip.id);
    if (rate) {
      in.hour = cost::rented_chip_hour(*rate);
      in.priced = true;
      in.notes.push_back(fmt::format("cloud rate: {} ({})", rate->terms, rate->region));
    } else {
      in.price_error = rate.error().message;
    }
  }
  auto power = cost::chip_power(chip, sc.system, a);
  if (power) {
    in.power = *power;
    in.powered = true;
  } else {
    in.notes.push_back(power.error().message);
  }
  if (a.mode == cost::CostMode::own && in.priced) {
    in.hour = cost::owned_chip_hour(in.capex, in.power, a);
  }
  return in;
}

}  // namespace suanli::search
