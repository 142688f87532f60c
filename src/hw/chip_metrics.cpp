#include "suanli/hw/chip_metrics.hpp"

namespace suanli::hw {
namespace {

template <class Q>
std::optional<double> scaled(const Figure<Q>& f, double divisor) {
  if (!f.known()) return std::nullopt;
  return f.value.value / divisor;
}

template <Dtype D>
std::optional<double> peak_tflops(const Chip& c) {
  const auto p = c.peak(D);
  if (!p) return std::nullopt;
  return p->value / 1e12;
}

template <class Q>
std::string state_of(const Figure<Q>& f) {
  switch (f.state) {
    case FigureState::unknown:
      return "unknown";
    case FigureState::unsupported:
      return "unsupported";
    case FigureState::known:
      return f.estimate.empty() ? "known" : "estimate";
  }
  return "unknown";
}

}  // namespace

const std::vector<ChipMetric>& chip_metrics() {
  static const std::vector<ChipMetric> metrics{
      {"fp64_tflops", "FP64 TFLOP/s", &peak_tflops<Dtype::fp64>, "fp64"},
      {"fp32_tflops", "FP32 TFLOP/s", &peak_tflops<Dtype::fp32>, "fp32"},
      {"tf32_tflops", "TF32 TFLOP/s", &peak_tflops<Dtype::tf32>, "tf32"},
      {"bf16_tflops", "BF16 TFLOP/s", &peak_tflops<Dtype::bf16>, "bf16"},
      {"fp16_tflops", "FP16 TFLOP/s", &peak_tflops<Dtype::fp16>, "fp16"},
      {"fp8_tflops", "FP8 TFLOP/s", &peak_tflops<Dtype::fp8>, "fp8"},
      {"int8_tops", "INT8 TOP/s", &peak_tflops<Dtype::int8>, "int8"},
      {"int4_tops", "INT4 TOP/s", &peak_tflops<Dtype::int4>, "int4"},
      {"fp4_tflops", "FP4 TFLOP/s", &peak_tflops<Dtype::fp4>, "fp4"},
      {"memory_gb", "Memory GB", [](const Chip& c) { return scaled(c.memory_capacity, 1e9); },
       "memory_capacity"},
      {"memory_bw_tbs", "Mem BW TB/s",
       [](const Chip& c) { return scaled(c.memory_bandwidth, 1e12); }, "memory_bandwidth"},
      {"sram_mb", "SRAM MB", [](const Chip& c) { return scaled(c.sram, 1e6); }, "sram"},
      {"scaleup_gbs", "Scale-up GB/s (bidir)",
       [](const Chip& c) { return scaled(c.scaleup_bandwidth, 1e9); }, "scaleup_bandwidth"},
      {"scaleout_gbps", "Scale-out Gb/s",
       [](const Chip& c) { return scaled(c.scaleout_bandwidth, 1e9 / 8); }, "scaleout_bandwidth"},
      {"tdp_w", "TDP W", [](const Chip& c) { return scaled(c.tdp, 1.0); }, "tdp"},
      {"die_mm2", "Die mm2", [](const Chip& c) { return scaled(c.die_area, 1.0); }, "die_area"},
      {"price_usd", "Price USD", [](const Chip& c) { return scaled(c.price, 1.0); }, "price"},
  };
  return metrics;
}

const ChipMetric* find_chip_metric(const std::string& key) {
  for (const ChipMetric& m : chip_metrics()) {
    if (m.key == key) return &m;
  }
  return nullptr;
}

std::string metric_state(const Chip& chip, const ChipMetric& metric) {
  const std::string key = metric.figure_state_key;
  if (const auto d = parse_dtype(key)) {
    const auto it = chip.dense_peak.find(*d);
    return it == chip.dense_peak.end() ? "unknown" : state_of(it->second);
  }
  if (key == "memory_capacity") return state_of(chip.memory_capacity);
  if (key == "memory_bandwidth") return state_of(chip.memory_bandwidth);
  if (key == "sram") return state_of(chip.sram);
  if (key == "scaleup_bandwidth") return state_of(chip.scaleup_bandwidth);
  if (key == "scaleout_bandwidth") return state_of(chip.scaleout_bandwidth);
  if (key == "tdp") return state_of(chip.tdp);
  if (key == "die_area") return state_of(chip.die_area);
  if (key == "price") return state_of(chip.price);
  return "unknown";
}

}  // namespace suanli::hw
