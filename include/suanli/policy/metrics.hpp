// The export-control metrics of a chip, computed from its catalog figures with the arithmetic
// shown: TPP (dense TOPS x bit length, max over precisions), performance density (TPP per mm2 of
// applicable logic-die area), aggregate I/O bandwidth (2022 test) and DRAM bandwidth.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "suanli/hw/chip.hpp"

namespace suanli::policy {

// Metrics that rules test; the unit of each is fixed (see unit_of).
enum class Metric { tpp, performance_density, io_bandwidth, dram_bandwidth, dram_plus_io };

std::string_view to_string(Metric m);                    // "tpp", "io_bandwidth", ...
std::optional<Metric> parse_metric(std::string_view s);  // inverse of to_string
std::string_view unit_of(Metric m);  // "" for tpp and performance_density, "GB/s" otherwise
std::vector<std::string> metric_names();

// One metric of one chip, or the reason it is missing.
struct MetricValue {
  std::optional<double> value;  // in unit_of(metric): TPP, TPP/mm2 or GB/s
  bool lower_bound = false;     // true when a component is missing and value is only a floor
  std::string arithmetic;       // how the value was computed, or why it is missing
};

// TPP of one precision: dense TOPS x bit length.
struct TppCandidate {
  hw::Dtype dtype = hw::Dtype::bf16;  // precision
  double tops = 0;                    // dense tera-operations per second
  int bits = 0;                       // operand bit length
  double tpp = 0;                     // tops x bits
};

struct PolicyMetrics {
  MetricValue tpp;                           // total processing performance (bit-TOPS)
  std::optional<hw::Dtype> tpp_dtype;        // the precision that sets TPP
  std::vector<TppCandidate> tpp_candidates;  // every precision that was counted
  std::optional<double> die_area_mm2;        // applicable logic-die area, mm2
  bool die_area_estimate = false;            // the die area is an estimate, not published
  MetricValue performance_density;           // TPP per mm2 of applicable die area
  MetricValue io_bandwidth;                  // aggregate bidirectional I/O, GB/s
  MetricValue dram_bandwidth;                // total DRAM bandwidth, GB/s
  MetricValue dram_plus_io;                  // DRAM + I/O bandwidth, GB/s

  const MetricValue& get(Metric m) const;
};

// Computes every metric from the chip's figures. TF32 is not counted in TPP: the Technical Notes
// do not settle whether its bit length is 19 or 32 (docs/policy.md).
PolicyMetrics compute_metrics(const hw::Chip& chip);

// Number text used in arithmetic strings: at most `digits` significant digits, no exponent for
// ordinary magnitudes, e.g. 15830.4, 2.909, 26900000.
std::string format_value(double x, int digits = 6);

}  // namespace suanli::policy
