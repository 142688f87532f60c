#include "suanli/cost/token_cost.hpp"

namespace suanli::cost {
namespace {

// USD per million tokens at `tps` tokens/s per chip and `usd_per_hour` per chip-hour.
double per_million(double usd_per_hour, double tps) {
  return tps > 0 ? usd_per_hour / (tps * 3600.0) * 1e6 : 0;
}

}  // namespace

TokenCost token_cost(const ChipHourCost& hour, double output_tps_per_chip,
                     double input_tps_per_chip, const ChipPower& power) {
  TokenCost t;
  t.usd_per_chip_hour = hour.total();
  t.usd_per_m_output = per_million(t.usd_per_chip_hour, output_tps_per_chip);
  t.usd_per_m_input = per_million(t.usd_per_chip_hour, input_tps_per_chip);
  t.usd_per_m_total = per_million(t.usd_per_chip_hour, output_tps_per_chip + input_tps_per_chip);
  t.output_tokens_per_joule = tokens_per_joule(output_tps_per_chip, power);
  return t;
}

}  // namespace suanli::cost
