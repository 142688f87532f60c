#include "suanli/policy/metrics.hpp"

#include <fmt/format.h>
#include <cmath>

namespace suanli::policy {
namespace {

constexpr double tera = 1e12;
constexpr double giga = 1e9;

const std::vector<std::pair<Metric, std::string_view>>& names() {
  static const std::vector<std::pair<Metric, std::string_view>> table{
      {Metric::tpp, "tpp"},
      {Metric::performance_density, "performance_density"},
      {Metric::io_bandwidth, "io_bandwidth"},
      {Metric::dram_bandwidth, "dram_bandwidth"},
      {Metric::dram_plus_io, "dram_plus_io"}};
  return table;
}

MetricValue bandwidth_of(const hw::Figure<units::BytesPerSecond>& f, std::string_view what) {
  MetricValue m;
  if (!f.known()) {
    m.arithmetic = fmt::format("{} not published", what);
    return m;
  }
  m.value = f.value.value / giga;
  m.arithmetic = fmt::format("{} {} GB/s", what, format_value(*m.value));
  if (!f.estimate.empty()) m.arithmetic += " (estimate: " + f.estimate + ")";
  return m;
}

void compute_tpp(const hw::Chip& chip, PolicyMetrics& out) {
  std::vector<std::string> parts;
  const TppCandidate* best = nullptr;
  for (hw::Dtype d : hw::all_dtypes) {
    if (d == hw::Dtype::tf32) continue;
    const auto peak = chip.peak(d);
    if (!peak) continue;
    TppCandidate c;
    c.dtype = d;
    c.tops = peak->value / tera;
    c.bits = hw::bit_length(d);
    c.tpp = c.tops * c.bits;
    out.tpp_candidates.push_back(c);
  }
  for (const TppCandidate& c : out.tpp_candidates) {
    if (best == nullptr || c.tpp > best->tpp) best = &c;
    parts.push_back(fmt::format("{} {} x {} = {}", hw::to_string(c.dtype), format_value(c.tops),
                                c.bits, format_value(c.tpp)));
  }
  if (best == nullptr) {
    out.tpp.arithmetic = "no dense peak figure is published, so TPP cannot be computed";
    return;
  }
  out.tpp.value = best->tpp;
  out.tpp_dtype = best->dtype;
  out.tpp.arithmetic =
      fmt::format("max over precisions of dense TOPS x bit length: {} -> {} ({})",
                  fmt::join(parts, "; "), format_value(best->tpp), hw::to_string(best->dtype));
  if (chip.peak(hw::Dtype::tf32)) out.tpp.arithmetic += "; tf32 not counted";
}

}  // namespace

std::string_view to_string(Metric m) {
  for (const auto& [metric, name] : names()) {
    if (metric == m) return name;
  }
  return "?";
}

std::optional<Metric> parse_metric(std::string_view s) {
  for (const auto& [metric, name] : names()) {
    if (name == s) return metric;
  }
  return std::nullopt;
}

std::vector<std::string> metric_names() {
  std::vector<std::string> out;
  for (const auto& entry : names()) out.emplace_back(entry.second);
  return out;
}

std::string_view unit_of(Metric m) {
  switch (m) {
    case Metric::tpp:
    case Metric::performance_density:
      return "";
    case Metric::io_bandwidth:
    case Metric::dram_bandwidth:
    case Metric::dram_plus_io:
      return "GB/s";
  }
  return "";
}

const MetricValue& PolicyMetrics::get(Metric m) const {
  switch (m) {
    case Metric::tpp:
      return tpp;
    case Metric::performance_density:
      return performance_density;
    case Metric::io_bandwidth:
      return io_bandwidth;
    case Metric::dram_bandwidth:
      return dram_bandwidth;
    case Metric::dram_plus_io:
      return dram_plus_io;
  }
  return tpp;
}

std::string format_value(double x, int digits) {
  if (x == 0.0 || !std::isfinite(x)) return fmt::format("{}", x);
  const int exponent = static_cast<int>(std::floor(std::log10(std::fabs(x))));
  const double scale = std::pow(10.0, digits - 1 - exponent);
  const double rounded = std::round(x * scale) / scale;
  const double clean = std::stod(fmt::format("{:.{}g}", rounded, digits));
  if (std::fabs(clean) >= 1e15) return fmt::format("{:.{}g}", clean, digits);
  return fmt::format("{}", clean);
}

PolicyMetrics compute_metrics(const hw::Chip& chip) {
  PolicyMetrics out;
  compute_tpp(chip, out);

  if (chip.die_area.known()) {
    out.die_area_mm2 = chip.die_area.value.value;
    out.die_area_estimate = !chip.die_area.estimate.empty();
  }
  if (out.tpp.value && out.die_area_mm2 && *out.die_area_mm2 > 0) {
    out.performance_density.value = *out.tpp.value / *out.die_area_mm2;
    out.performance_density.arithmetic = fmt::format(
        "TPP {} / applicable die area {} mm2 = {}", format_value(*out.tpp.value),
        format_value(*out.die_area_mm2), format_value(*out.performance_density.value, 4));
    if (out.die_area_estimate) {
      out.performance_density.arithmetic +=
          " (die area is an estimate: " + chip.die_area.estimate + ")";
    }
  } else if (!out.die_area_mm2) {
    out.performance_density.arithmetic = "applicable die area not published";
  } else {
    out.performance_density.arithmetic = "TPP unknown";
  }

  if (chip.io_bandwidth.known()) {
    out.io_bandwidth = bandwidth_of(chip.io_bandwidth, "stated aggregate bidirectional I/O");
  } else if (chip.scaleup_bandwidth.known()) {
    out.io_bandwidth = bandwidth_of(chip.scaleup_bandwidth, "scale-up link (bidirectional)");
    out.io_bandwidth.lower_bound = true;
    out.io_bandwidth.arithmetic =
        "at least the " + out.io_bandwidth.arithmetic + "; host (PCIe) I/O not stated";
  } else {
    out.io_bandwidth.arithmetic = "neither aggregate I/O nor scale-up bandwidth is published";
  }

  out.dram_bandwidth = bandwidth_of(chip.memory_bandwidth, "DRAM bandwidth");
  if (out.dram_bandwidth.value && out.io_bandwidth.value) {
    out.dram_plus_io.value = *out.dram_bandwidth.value + *out.io_bandwidth.value;
    out.dram_plus_io.lower_bound = out.io_bandwidth.lower_bound;
    out.dram_plus_io.arithmetic =
        fmt::format("DRAM {} + I/O {}{} = {} GB/s", format_value(*out.dram_bandwidth.value),
                    out.io_bandwidth.lower_bound ? ">= " : "",
                    format_value(*out.io_bandwidth.value), format_value(*out.dram_plus_io.value));
  } else if (out.dram_bandwidth.value) {
    out.dram_plus_io.value = out.dram_bandwidth.value;
    out.dram_plus_io.lower_bound = true;
    out.dram_plus_io.arithmetic = fmt::format("at least DRAM {} GB/s; I/O not published",
                                              format_value(*out.dram_bandwidth.value));
  } else {
    out.dram_plus_io.arithmetic = "DRAM bandwidth not published";
  }
  return out;
}

}  // namespace suanli::policy
