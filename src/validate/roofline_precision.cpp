#include "detail/roofline_precision.hpp"

#include <fmt/format.h>

#include <array>

#include "suanli/model/model_stats.hpp"
#include "suanli/perf/common/op_cost.hpp"

namespace suanli::validate::detail {
namespace {

// Narrower formats a run may have used, widest first (fp8 before int8: the float format is the
// one serving stacks run where a chip has both).
constexpr std::array narrower{hw::Dtype::fp8, hw::Dtype::int8, hw::Dtype::fp4, hw::Dtype::int4};

// A rate as a note prints it: whole units from 100 up, three significant digits below.
std::string rate_text(double v) {
  return v >= 100 ? fmt::format("{:.0f}", v) : fmt::format("{:.3g}", v);
}

}  // namespace

std::optional<double> roofline_rate_per_chip(const Case& c, const hw::Chip& chip,
                                             const model::ModelArch& m, hw::Dtype compute,
                                             double input, double output) {
  if (!chip.supports(compute)) return std::nullopt;
  const double peak = perf::peak_flops(chip, compute);
  const double per_token = model::forward_gemm_flops_per_token(m);
  if (peak <= 0 || per_token <= 0 || input < 0 || output < 0 || input + output <= 0) {
    return std::nullopt;
  }
  const double requests = peak / (per_token * (input + output));  // requests per second
  switch (c.metric) {
    case Metric::output_tokens_per_s:
      return output > 0 ? std::optional(requests * output) : std::nullopt;
    case Metric::input_tokens_per_s:
      return input > 0 ? std::optional(requests * input) : std::nullopt;
    case Metric::total_tokens_per_s:
      return requests * (input + output);
    case Metric::samples_per_s:
      return requests;
    default:
      return std::nullopt;
  }
}

std::optional<double> measured_rate_per_chip(const Case& c) {
  double chips = 1;
  if (c.per == Per::system) chips = c.system.chips;
  if (c.per == Per::node) chips = c.system.chips_per_node.value_or(0);
  if (chips <= 0 || c.value <= 0) return std::nullopt;
  return c.value / chips;
}

std::optional<NeededPrecision> precision_the_rate_needs(const Case& c, const catalog::Catalog& cat,
                                                        hw::Dtype assumed, double input,
                                                        double output) {
  const auto chip = cat.find_chip(c.system.chip);
  const auto model = cat.find_model(c.model);
  const std::optional<double> measured = measured_rate_per_chip(c);
  if (!chip || !model || !measured) return std::nullopt;
  const hw::Chip& ch = *chip->item;
  const model::ModelArch& m = *model->item;
  const std::optional<double> ceiling = roofline_rate_per_chip(c, ch, m, assumed, input, output);
  if (!ceiling || *measured <= *ceiling) return std::nullopt;
  const std::string unit{to_string(c.metric)};
  for (const hw::Dtype d : narrower) {
    if (hw::bit_length(d) >= hw::bit_length(assumed)) continue;
    const std::optional<double> bound = roofline_rate_per_chip(c, ch, m, d, input, output);
    if (!bound || *measured > *bound) continue;
    return NeededPrecision{
        d, fmt::format("precision not stated; {} cannot reach the measured {} {} per chip (its "
                       "dense peak bounds the weight GEMMs alone at {}): {}, the widest format of "
                       "{} whose peak admits it, assumed",
                       hw::to_string(assumed), rate_text(*measured), unit, rate_text(*ceiling),
                       hw::to_string(d), ch.id)};
  }
  return NeededPrecision{
      assumed, fmt::format("precision not stated; {} assumed, although the measured {} {} per chip "
                           "is above what the dense peak of every format of {} allows for the "
                           "weight GEMMs alone ({} in {})",
                           hw::to_string(assumed), rate_text(*measured), unit, ch.id,
                           rate_text(*ceiling), hw::to_string(assumed))};
}

}  // namespace suanli::validate::detail
