#include "suanli/search/deliveries.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace suanli::search {
namespace {

std::string percent_range(const VolumeShare& s) {
  const auto pct = [](double f) {
    return f >= 0.1 ? fmt::format("{:.0f}%", 100 * f) : fmt::format("{:.2g}%", 100 * f);
  };
  if (pct(s.low) == pct(s.high)) return pct(s.low);
  return fmt::format("{}-{}", pct(s.low), pct(s.high));
}

// The fact, the keys of its sources in data/deliveries/FILE.yaml, and whether it is an estimate.
std::string sourced(const policy::DeliveryFact& f) {
  std::string out = fmt::format("{} [{}: {}]", f.text, f.file, fmt::join(f.source_keys, ", "));
  if (!f.estimate.empty()) out += " (estimate)";
  return out;
}

}  // namespace

std::optional<RowDeliveries> row_deliveries(const std::vector<policy::DeliveryFact>& facts,
                                            std::string_view chip, std::string_view country,
                                            const policy::Date& date, std::int64_t fleet_chips) {
  const auto in_force = policy::deliveries_of(facts, chip, country, date);
  if (in_force.empty()) return std::nullopt;
  RowDeliveries out;
  out.first_delivery = policy::first_delivery_after(in_force, date);
  out.production_restart = policy::production_restart(in_force, date);
  const auto chips = static_cast<double>(fleet_chips);
  for (const policy::DeliveryFact* f : in_force) {
    out.facts.push_back(*f);
    if (f->kind != policy::DeliveryKind::volume || fleet_chips <= 0) {
      out.shares.emplace_back();
      continue;
    }
    const VolumeShare s{chips / f->chips_high, chips / f->chips_low};
    out.exceeds_volume = out.exceeds_volume || s.low > 1;
    out.shares.emplace_back(s);
  }
  return out;
}

std::vector<std::string> deliveries_text(const RowDeliveries& d, std::int64_t fleet_chips) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < d.facts.size(); ++i) {
    const policy::DeliveryFact& f = d.facts[i];
    switch (f.kind) {
      case policy::DeliveryKind::first_delivery:
        out.push_back(fmt::format("first deliveries {}: {}", f.from.to_string(), sourced(f)));
        break;
      case policy::DeliveryKind::volume:
        if (d.shares[i]) {
          out.push_back(fmt::format(
              "{} chips are {} of: {}{}", fleet_chips, percent_range(*d.shares[i]), sourced(f),
              d.shares[i]->low > 1 ? "; the fleet needs more than it holds" : ""));
        } else {
          out.push_back(sourced(f));
        }
        break;
      case policy::DeliveryKind::halt:
        out.push_back(
            d.production_restart
                ? fmt::format("new production not before {}: {}", d.production_restart->to_string(),
                              sourced(f))
                : fmt::format("production halted {}: {}", f.from.to_string(), sourced(f)));
        break;
      case policy::DeliveryKind::shortfall:
        out.push_back(sourced(f));
        break;
    }
  }
  return out;
}

}  // namespace suanli::search
