// Prediction of an inference case (and of a hardware microbenchmark row) of a validation suite:
// map the case to an engine request, estimate (searching the layout when none is stated), and
// convert to the case's metric and scope.
#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "detail/case_mapping.hpp"
#include "suanli/perf/common/measured_efficiency.hpp"
#include "suanli/perf/common/op_cost.hpp"
#include "suanli/validate/suite.hpp"

namespace suanli::validate {
namespace {

constexpr double microbench_gemm_rows = 8192;  // FlagPerf GEMMs are large square products

Prediction skip(std::string reason, std::vector<std::string> notes = {}) {
  Prediction p;
  p.skip_reason = std::move(reason);
  p.notes = std::move(notes);
  return p;
}

// Value of the estimate in the case's metric over the whole deployment; nullopt if unsupported.
std::optional<double> metric_value(const Case& c, const perf::InferenceEstimate& e,
                                   const perf::InferenceWorkload& w) {
  const bool server = w.scenario == perf::Scenario::server;
  switch (c.metric) {
    case Metric::output_tokens_per_s:
      return e.output_tokens_per_s;
    case Metric::input_tokens_per_s:
      return e.input_tokens_per_s;
    case Metric::total_tokens_per_s:
      return e.requests_per_s * (w.input_tokens + w.output_tokens);
    case Metric::samples_per_s:
      return e.requests_per_s;
    case Metric::ttft_ms:
      return 1e3 * (server && e.ttft_p99_s ? *e.ttft_p99_s : e.ttft_s);
    case Metric::tpot_ms:
      return 1e3 * (server && e.tpot_p99_s ? *e.tpot_p99_s : e.tpot_s);
    default:
      return std::nullopt;
  }
}

// Deployment total -> the case's scope.
double to_scope(const Case& c, double total, int chips) {
  switch (c.per) {
    case Per::chip:
      return total / chips;
    case Per::node:
      return total * c.system.chips_per_node.value_or(8) / chips;
    case Per::system:
      break;
  }
  return total;
}

void set_band(Prediction& p, const perf::Efficiency& eff, bool latency) {
  if (latency) {
    p.band_low = p.value / eff.band_high;
    p.band_high = p.value / eff.band_low;
  } else {
    p.band_low = p.value * eff.band_low;
    p.band_high = p.value * eff.band_high;
  }
}

Prediction predict_microbenchmark(const Case& c, const hw::Chip& chip,
                                  const std::vector<perf::EfficiencyEntry>& table,
                                  const std::vector<hw::ChipProfile>& profiles) {
  const perf::Efficiency eff =
      perf::chip_efficiency(table, profiles, chip, c.software, "inference").values;
  Prediction p;
  if (c.metric == Metric::matmul_tflops) {
    const hw::Dtype d = c.precision.compute.value_or(hw::Dtype::bf16);
    const double peak = perf::peak_flops(chip, d);
    if (peak <= 0) return skip(fmt::format("{} has no {} peak", chip.id, hw::to_string(d)));
    const double narrow = hw::bytes_per_element(d) <= 1.0 ? eff.narrow_gemm : 1.0;
    p.value = peak * narrow * eff.gemm_at(microbench_gemm_rows) / 1e12;
  } else if (c.metric == Metric::mem_bw_gbs) {
    if (!chip.memory_bandwidth.known()) return skip("memory bandwidth of the chip is unknown");
    p.value = chip.memory_bandwidth.value.value * eff.memory / 1e9;
  } else {
    return skip(fmt::format("unsupported metric '{}' for a microbenchmark", to_string(c.metric)));
  }
  p.predicted = true;
  set_band(p, eff, false);
  return p;
}

// The prediction of a case that mapped to the front-door request m.request.
Prediction predict_mapped(const Case& c, const catalog::Catalog& cat,
                          const std::vector<perf::EfficiencyEntry>& efficiency,
                          const detail::Mapped& m, std::vector<std::string> notes) {
  auto answer = api::predict_inference(cat, m.request, {&efficiency});
  if (!answer) return skip(answer.error().message, notes);
  const perf::InferenceEstimate& e = answer->estimate;
  if (answer->searched && e.feasible) {
    const perf::InferenceParallelism l = answer->used.parallelism;
    notes.push_back(fmt::format("layout searched: tp {} pp {} dp {} ep {}", l.tp, l.pp, l.dp,
                                e.layout.ep * e.layout.etp));
  }
  for (const auto& n : e.notes) notes.push_back(n);
  if (!e.feasible) return skip("infeasible: " + e.reason, notes);
  const auto total = metric_value(c, e, answer->used.workload);
  if (!total) return skip(fmt::format("unsupported metric '{}'", to_string(c.metric)), notes);
  Prediction p;
  p.predicted = true;
  p.value = to_scope(c, *total, std::max(1, e.chips));
  p.assumed = m.assumed;
  p.notes = std::move(notes);
  set_band(p, answer->used.efficiency, lower_is_better(c.metric));
  return p;
}

}  // namespace

Prediction predict_inference_case(const Case& c, const catalog::Catalog& cat,
                                  const std::vector<perf::EfficiencyEntry>& efficiency) {
  auto chip = cat.find_chip(c.system.chip);
  if (!chip) return skip(fmt::format("unknown chip '{}'", c.system.chip));
  std::vector<std::string> notes;
  if (!chip->note.empty()) notes.push_back(chip->note);
  if (c.kind == CaseKind::microbenchmark)
    return predict_microbenchmark(c, *chip->item, efficiency, cat.profiles);
  if (c.kind != CaseKind::inference || !c.inference) return skip("not an inference case");
  constexpr std::array metrics{Metric::output_tokens_per_s,
                               Metric::input_tokens_per_s,
                               Metric::total_tokens_per_s,
                               Metric::samples_per_s,
                               Metric::ttft_ms,
                               Metric::tpot_ms};
  if (std::find(metrics.begin(), metrics.end(), c.metric) == metrics.end()) {
    return skip(fmt::format("unsupported metric '{}'", to_string(c.metric)));
  }
  detail::Mapped m = detail::map_case(c, cat);
  for (auto& n : m.notes) notes.push_back(std::move(n));
  if (!m.skip.empty()) return skip(m.skip, notes);
  Prediction p = predict_mapped(c, cat, efficiency, m, std::move(notes));
  p.infer_request = std::move(m.request);
  return p;
}

}  // namespace suanli::validate
