// The cost model's inputs after the user's overrides are applied to the price book's defaults:
// amortization, power utilization, PUE, overheads, electricity price and mode (own or rent).
// Each override is checked against a plausible range so that a typo cannot pass silently.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "suanli/core/result.hpp"
#include "suanli/cost/price_book.hpp"

namespace suanli::cost {

enum class CostMode { own, cloud };  // buy the hardware (capex) or rent it by the hour
enum class Usage { inference, training };

// What the user typed; nullopt / empty = take the price book's value.
struct Overrides {
  std::optional<double> amortization_years;         // years
  std::optional<double> utilization;                // mean / provisioned power, fraction
  std::optional<double> pue;                        // ratio >= 1
  std::optional<double> node_overhead;              // host power / chip TDP, fraction
  std::optional<double> server_overhead;            // server capex / chip capex, fraction
  std::optional<double> network_fraction;           // network capex / system capex, fraction
  std::optional<double> facility_usd_per_kw_month;  // USD per kW IT per month
  std::optional<double> levy_pass_through;          // fraction of a levy paid by the buyer
  std::optional<double> usd_per_kwh;                // electricity, USD per kWh
  std::optional<double> horizon_months;             // months the plan looks ahead
  std::optional<double> failure_rate;               // accelerators failing per year, fraction
  std::string region;                               // electricity region code
  std::map<std::string, double> prices;       // chip id -> USD per chip, system id -> per unit
  std::map<std::string, double> cloud_rates;  // chip id -> USD per chip-hour
  CostMode mode = CostMode::own;
};

struct Assumptions {
  CostMode mode = CostMode::own;
  double amortization_years = 4;         // years
  double utilization = 0.7;              // mean / provisioned IT power, fraction
  double pue = 1.3;                      // facility / IT power
  double node_overhead = 0.75;           // host power per chip / chip TDP, fraction
  double server_overhead = 0.35;         // server capex beyond the chips / chip capex, fraction
  double network_fraction = 0.1;         // scale-out network capex / system capex, fraction
  double facility_usd_per_kw_month = 0;  // USD per kW of provisioned IT power per month
  double levy_pass_through = 1;          // fraction of a levy paid by the buyer
  double usd_per_kwh = 0.08;             // electricity, USD per kWh
  double horizon_months = 48;            // months the plan looks ahead: supply changes,
                                         // switching ramp, horizon cost (= amortization)
  Param failure_rate;                    // accelerators failing per year, fraction of a fleet,
                                         // with its source ("--failure-rate" when given)
  std::string region;                    // electricity region used ("" when overridden)
  std::string electricity_source;        // citation of usd_per_kwh, or "--electricity"
  std::map<std::string, double> prices;  // overrides: id -> USD per chip or per unit
  std::map<std::string, double> cloud_rates;  // overrides: chip id -> USD per chip-hour
  std::vector<std::string> notes;             // fallbacks taken while resolving
};

// Defaults from `book`, then `over`. `destination` (ISO code, may be empty) picks the electricity
// region when none is given; an unknown region is a not_found error with "did you mean".
core::Result<Assumptions> resolve_assumptions(const PriceBook& book, const Overrides& over,
                                              Usage usage, std::string_view destination);

// Plausible range of each overridable parameter, for messages and checks.
struct ParamRange {
  std::string_view name;       // CLI flag, e.g. "--pue"
  double min = 0;              // inclusive lower bound
  double max = 0;              // inclusive upper bound
  bool min_exclusive = false;  // true when the value must be strictly above min
};
const std::vector<ParamRange>& param_ranges();

// invalid_input error naming `flag` when value is outside its ParamRange.
core::Status check_param(std::string_view flag, double value);

}  // namespace suanli::cost
