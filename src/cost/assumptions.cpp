#include "suanli/cost/assumptions.hpp"

#include <fmt/format.h>

#include <array>
#include <cmath>

#include "suanli/core/did_you_mean.hpp"

namespace suanli::cost {

const std::vector<ParamRange>& param_ranges() {
  static const std::vector<ParamRange> ranges{
      {"--amortization", 0, 30, true},
      {"--utilization", 0, 1, true},
      {"--pue", 1, 5, false},
      {"--node-overhead", 0, 5, false},
      {"--server-overhead", 0, 5, false},
      {"--network-fraction", 0, 2, false},
      {"--facility", 0, 10000, false},
      {"--levy-pass-through", 0, 1, false},
      {"--horizon", 1, 360, false},
      {"--failure-rate", 0, 1, false},
      {"--electricity", 0, 10, false},
      {"--price", 0, 1e10, true},
      {"--cloud-price", 0, 1000, true},
  };
  return ranges;
}

core::Status check_param(std::string_view flag, double value) {
  for (const ParamRange& r : param_ranges()) {
    if (r.name != flag) continue;
    const bool low = r.min_exclusive ? value <= r.min : value < r.min;
    if (low || value > r.max || std::isnan(value)) {
      // A flag's value, so a usage error, said once: the flag, the value and the range.
      return core::make_error(
          core::ErrorCode::usage,
          fmt::format("{}: {:g} is outside the plausible range {}{:g} .. {:g}", flag, value,
                      r.min_exclusive ? "above " : "", r.min, r.max));
    }
    return core::ok_status();
  }
  return core::ok_status();
}

core::Result<Assumptions> resolve_assumptions(const PriceBook& book, const Overrides& over,
                                              Usage usage, std::string_view destination) {
  Assumptions a;
  const CostDefaults& d = book.defaults;
  a.mode = over.mode;
  a.amortization_years = d.amortization_years.value;
  a.utilization =
      usage == Usage::training ? d.utilization_training.value : d.utilization_inference.value;
  a.pue = d.pue.value;
  a.node_overhead = d.node_overhead.value;
  a.server_overhead = d.server_overhead.value;
  a.network_fraction = d.network_fraction.value;
  a.facility_usd_per_kw_month = d.facility_usd_per_kw_month.value;
  a.levy_pass_through = d.levy_pass_through.value;
  a.failure_rate = d.failure_rate;

  const auto checked = std::to_array<std::pair<const char*, const std::optional<double>*>>(
      {{"--amortization", &over.amortization_years},
       {"--utilization", &over.utilization},
       {"--pue", &over.pue},
       {"--node-overhead", &over.node_overhead},
       {"--server-overhead", &over.server_overhead},
       {"--network-fraction", &over.network_fraction},
       {"--facility", &over.facility_usd_per_kw_month},
       {"--levy-pass-through", &over.levy_pass_through},
       {"--electricity", &over.usd_per_kwh},
       {"--horizon", &over.horizon_months},
       {"--failure-rate", &over.failure_rate}});
  for (const auto& [flag, value] : checked) {
    if (!value->has_value()) continue;
    if (auto s = check_param(flag, **value); !s) return s.error();
  }
  for (const auto& [id, usd] : over.prices) {
    if (auto s = check_param("--price", usd); !s) return s.error();
  }
  for (const auto& [id, usd] : over.cloud_rates) {
    if (auto s = check_param("--cloud-price", usd); !s) return s.error();
  }
  a.amortization_years = over.amortization_years.value_or(a.amortization_years);
  a.horizon_months = over.horizon_months.value_or(a.amortization_years * 12);
  a.utilization = over.utilization.value_or(a.utilization);
  a.pue = over.pue.value_or(a.pue);
  a.node_overhead = over.node_overhead.value_or(a.node_overhead);
  a.server_overhead = over.server_overhead.value_or(a.server_overhead);
  a.network_fraction = over.network_fraction.value_or(a.network_fraction);
  a.facility_usd_per_kw_month =
      over.facility_usd_per_kw_month.value_or(a.facility_usd_per_kw_month);
  a.levy_pass_through = over.levy_pass_through.value_or(a.levy_pass_through);
  if (over.failure_rate) a.failure_rate = Param{*over.failure_rate, "--failure-rate", ""};
  a.prices = over.prices;
  a.cloud_rates = over.cloud_rates;

  if (over.usd_per_kwh) {
    a.usd_per_kwh = *over.usd_per_kwh;
    a.electricity_source = "--electricity";
    return a;
  }
  std::string region = over.region;
  if (!region.empty()) {
    if (book.electricity_rate(region) == nullptr) {
      core::Error e =
          core::make_error(core::ErrorCode::not_found,
                           fmt::format("--region: no electricity price for region '{}'", region));
      e.hints.push_back(core::did_you_mean(region, book.regions()));
      return e;
    }
  } else if (!destination.empty() && book.electricity_rate(destination) != nullptr) {
    region = std::string(destination);
  } else {
    region = d.region;
    if (!destination.empty()) {
      a.notes.push_back(
          fmt::format("no electricity price for {}; using region {}", destination, region));
    }
  }
  const ElectricityRate* rate = book.electricity_rate(region);
  if (rate == nullptr) {
    return core::make_error(core::ErrorCode::invalid_input,
                            fmt::format("the price book has no electricity price for its default "
                                        "region '{}'",
                                        region));
  }
  a.region = region;
  a.usd_per_kwh = rate->usd_per_kwh;
  a.electricity_source = rate->source;
  return a;
}

}  // namespace suanli::cost
