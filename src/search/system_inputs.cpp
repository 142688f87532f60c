#include "suanli/search/system_inputs.hpp"

#include <fmt/format.h>

#include "suanli/policy/access.hpp"

namespace suanli::search {

SystemInputs system_inputs(const Destination& dest, const cost::Assumptions& a,
                           const cost::PriceBook& book, const SystemChoice& sc) {
  SystemInputs in;
  const hw::Chip& chip = *sc.chip;
  if (!dest.country.empty()) {
    auto acc = policy::access(*dest.rules, chip, dest.country, dest.date);
    if (acc) {
      in.available = acc->available;
      in.levy_percent = acc->levy_percent;
      in.reason = acc->reason;
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
    auto rate = cost::cloud_price(book, a, chip.id);
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
