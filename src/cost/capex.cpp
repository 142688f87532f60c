#include "suanli/cost/capex.hpp"

#include <fmt/format.h>

namespace suanli::cost {
namespace {

Capex from_system(double unit_usd, const hw::System& s, std::string basis, std::string source,
                  std::string date, bool estimate) {
  Capex c;
  c.hardware_usd = unit_usd / s.chips;
  c.basis = std::move(basis);
  c.source = std::move(source);
  c.date = std::move(date);
  c.estimate = estimate;
  return c;
}

Capex from_chip(double chip_usd, const Assumptions& a, std::string basis, std::string source,
                std::string date, bool estimate) {
  Capex c;
  c.hardware_usd = chip_usd * (1 + a.server_overhead);
  c.basis = std::move(basis) + " + server overhead";
  c.source = std::move(source);
  c.date = std::move(date);
  // The server overhead is itself an estimate unless it is zero.
  c.estimate = estimate || a.server_overhead > 0;
  return c;
}

std::string citation(const std::vector<hw::SourceRef>& sources, const std::string& key) {
  for (const auto& s : sources) {
    if (s.key == key) return s.citation;
  }
  return key;
}

}  // namespace

core::Result<Capex> hardware_capex(const hw::Chip& chip, const hw::System* system,
                                   const PriceBook& book, const Assumptions& a) {
  if (system != nullptr && system->chips > 0) {
    if (auto it = a.prices.find(system->id); it != a.prices.end()) {
      return from_system(it->second, *system, "system price (--price)", "--price", "", false);
    }
  }
  if (auto it = a.prices.find(chip.id); it != a.prices.end()) {
    return from_chip(it->second, a, "chip price (--price)", "--price", "", false);
  }
  if (system != nullptr && system->chips > 0) {
    if (const PriceEntry* e = book.system_price(system->id)) {
      return from_system(e->price.value, *system, "system price (price book)", e->source, e->date,
                         !e->estimate.empty());
    }
    if (system->price.known()) {
      return from_system(system->price.value.value, *system, "system price (catalog)",
                         citation(system->sources, system->price.source), "",
                         !system->price.estimate.empty());
    }
  }
  if (const PriceEntry* e = book.chip_price(chip.id)) {
    return from_chip(e->price.value, a, "chip price (price book)", e->source, e->date,
                     !e->estimate.empty());
  }
  if (chip.price.known()) {
    return from_chip(chip.price.value.value, a, "chip price (catalog)",
                     citation(chip.sources, chip.price.source), "", !chip.price.estimate.empty());
  }
  core::Error e =
      core::make_error(core::ErrorCode::not_found,
                       fmt::format("no price for {}{}: neither the catalog nor data/prices has one",
                                   system != nullptr ? system->id + " / " : "", chip.id));
  e.hints.push_back(fmt::format("give one with --price {}=<USD per {}>",
                                system != nullptr ? system->id : chip.id,
                                system != nullptr ? "system" : "chip"));
  return e;
}

Capex with_network_and_levy(Capex capex, double levy_percent, const Assumptions& a) {
  capex.network_usd = capex.hardware_usd * a.network_fraction;
  capex.levy_percent = levy_percent;
  capex.levy_usd = capex.hardware_usd * levy_percent / 100.0 * a.levy_pass_through;
  return capex;
}

core::Result<Capex> capex_per_chip(const hw::Chip& chip, const hw::System* system,
                                   const PriceBook& book, const Assumptions& a,
                                   double levy_percent) {
  auto hw_capex = hardware_capex(chip, system, book, a);
  if (!hw_capex) return hw_capex.error();
  return with_network_and_levy(*hw_capex, levy_percent, a);
}

}  // namespace suanli::cost
