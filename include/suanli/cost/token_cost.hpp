// What a token costs: dollars per million output (and input) tokens from the chip-hour cost and
// the per-chip throughput, and tokens per joule of facility energy. docs/models/cost.md §tokens.
#pragma once

#include "suanli/cost/chip_hour.hpp"
#include "suanli/cost/power.hpp"

namespace suanli::cost {

struct TokenCost {
  double usd_per_m_output = 0;         // USD per million output tokens, the whole cost on output
  double usd_per_m_input = 0;          // USD per million input tokens, the whole cost on input
  double usd_per_m_total = 0;          // USD per million tokens of either kind
  double output_tokens_per_joule = 0;  // output tokens per joule of facility energy
  double usd_per_chip_hour = 0;        // USD per chip-hour used
};

// `output_tps_per_chip` and `input_tps_per_chip` are tokens/s per chip at full load. A zero
// throughput gives 0 for the matching cost (nothing to price).
TokenCost token_cost(const ChipHourCost& hour, double output_tps_per_chip,
                     double input_tps_per_chip, const ChipPower& power);

}  // namespace suanli::cost
