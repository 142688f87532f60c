// The price table of data/prices/: dated, sourced prices of chips and systems, electricity by
// region, cloud rental rates and the cost-model defaults. Every value here is an input that the
// caller may override (see cost/assumptions.hpp); nothing is read at run time outside the catalog.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "suanli/core/result.hpp"
#include "suanli/units/quantity.hpp"

namespace suanli::cost {

// One reported (or estimated) hardware price.
struct PriceEntry {
  std::string id;        // chip id (per chip) or system id (per system unit)
  units::Usd price;      // USD per chip or per system unit
  std::string date;      // when the price was reported, "YYYY-MM" or "YYYY-MM-DD"
  std::string source;    // citation: document, publisher, date
  std::string estimate;  // reasoning when the value is an estimate; empty when reported as is
};

// Electricity price paid by a datacenter in one region.
struct ElectricityRate {
  std::string region;      // region code, e.g. "US", "CN", "CN-west", "EU"
  std::string name;        // what the figure is, e.g. "US industrial average"
  double usd_per_kwh = 0;  // USD per kWh
  std::string date;        // period the figure describes
  std::string source;      // citation
  std::string estimate;    // reasoning when an estimate or a conversion
};

// Hourly rental of one chip from a cloud or GPU-rental provider.
struct CloudRate {
  std::string chip_id;           // chip id
  std::string region;            // "global" or a region code, e.g. "CN"
  double usd_per_chip_hour = 0;  // USD per chip-hour
  std::string terms;             // e.g. "on-demand median", "1-year contract"
  std::string date;              // when reported
  std::string source;            // citation
  std::string estimate;          // reasoning when an estimate or a conversion
};

// A CNY/USD reference rate (CFETS central parity) on one day.
struct FxRate {
  std::string date;        // YYYY-MM-DD
  double cny_per_usd = 0;  // CNY per USD
  std::string source;      // citation
};

// A default of the cost model with its provenance.
struct Param {
  double value = 0;      // in the unit documented for the field that holds it
  std::string source;    // citation or "suanli estimate"
  std::string estimate;  // reasoning when an estimate
};

struct CostDefaults {
  Param amortization_years;         // years over which capex is spread
  Param utilization_inference;      // mean power / provisioned power when serving, fraction
  Param utilization_training;       // mean power / provisioned power when training, fraction
  Param pue;                        // facility power / IT power, ratio >= 1
  Param node_overhead;              // host power (CPUs, NICs, switches, fans) / chip TDP, fraction
  Param server_overhead;            // server capex beyond the chips / chip capex, fraction
  Param network_fraction;           // scale-out network capex / system capex, fraction
  Param facility_usd_per_kw_month;  // datacenter space and cooling, USD per kW IT per month
  Param levy_pass_through;          // share of a levy the buyer pays in the price, fraction
  Param failure_rate;               // accelerators failing per year, fraction of a fleet
  std::string region;               // electricity region used when none is asked
};

struct PriceBook {
  std::vector<PriceEntry> chips;             // per-chip prices, sorted by id
  std::vector<PriceEntry> systems;           // per-system-unit prices, sorted by id
  std::vector<ElectricityRate> electricity;  // sorted by region
  std::vector<CloudRate> cloud;              // sorted by chip id, then region
  std::vector<FxRate> fx;                    // CNY per USD, sorted by date
  CostDefaults defaults;

  const PriceEntry* chip_price(std::string_view id) const;
  const PriceEntry* system_price(std::string_view id) const;
  const ElectricityRate* electricity_rate(std::string_view region) const;
  // The rate for `region`, else the "global" rate for the chip, else nullptr.
  const CloudRate* cloud_rate(std::string_view chip_id, std::string_view region) const;
  std::vector<std::string> regions() const;
};

// Parses a price per unit of something, "0.08 USD/kWh" or "$0.08/kWh" for per = "kWh";
// the number must be finite and non-negative.
core::Result<double> parse_usd_per(std::string_view text, std::string_view per);

}  // namespace suanli::cost
