// The headline metrics of a chip in display units (TFLOP/s, GB, TB/s, W...), defined once and
// used by the chip list, `show`, and side-by-side comparison.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "suanli/hw/chip.hpp"

namespace suanli::hw {

struct ChipMetric {
  std::string key;                              // JSON key, e.g. "bf16_tflops"
  std::string label;                            // table header, e.g. "BF16 TFLOP/s"
  std::optional<double> (*value)(const Chip&);  // nullopt when unknown or unsupported
  const char* figure_state_key;  // "" or the dtype / figure name whose state explains a gap
};

// Every metric, in display order.
const std::vector<ChipMetric>& chip_metrics();
const ChipMetric* find_chip_metric(const std::string& key);

// State of the figure behind a metric ("known", "unknown", "unsupported", "estimate").
std::string metric_state(const Chip& chip, const ChipMetric& metric);

}  // namespace suanli::hw
