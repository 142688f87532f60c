#include "suanli/perf/common/measured_efficiency.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "suanli/perf/common/efficiency_fields.hpp"
#include "suanli/perf/common/op_cost.hpp"
#include "suanli/perf/common/software_profile.hpp"

namespace suanli::perf {
namespace {

// Grouped GEMMs are compared with dense ones where both are compute-bound: the profiler's
// largest rows per expert (1,024 at DeepSeek-V3 shapes) reach it; fewer rows stream weights,
// and up to 64 rows per expert (16 FLOP per weight byte in 16 bits) they are memory-bound on
// every chip with a ridge point above that.
constexpr int compute_bound_rows_per_expert = 512;
constexpr int memory_bound_rows_per_expert = 64;
// Host time of a plain-PyTorch decode step beyond its kernels (estimate; chip_efficiency).
constexpr double plain_pytorch_step_ms = 0.1;

std::optional<double> ratio(double num, double den) {
  if (num <= 0 || den <= 0) return std::nullopt;
  return num / den;
}

bool is_narrow(hw::Dtype d) {
  return hw::bytes_per_element(d) <= 1.0;
}

double best_wide_gemm(const hw::ChipProfile& p) {
  double best = 0;
  for (const hw::GemmPoint& g : p.gemm) {
    if (!is_narrow(g.dtype)) best = std::max(best, g.compute.value);
  }
  return best;
}

// The best share of its own format's peak that an 8-bit or narrower GEMM reached: a profile may
// hold fp8 and fp4 points, and each is measured against its own peak.
double best_narrow_share(const hw::Chip& chip, const hw::ChipProfile& p) {
  double best = 0;
  for (const hw::GemmPoint& g : p.gemm) {
    if (!is_narrow(g.dtype)) continue;
    const double peak = peak_flops(chip, g.dtype);
    if (peak > 0) best = std::max(best, g.compute.value / peak);
  }
  return best;
}

}  // namespace

const std::vector<hw::ChipProfile>& no_profiles() {
  static const std::vector<hw::ChipProfile> none;
  return none;
}

MeasuredKernels measured_kernels(const hw::Chip& chip, const hw::ChipProfile& profile) {
  MeasuredKernels m;
  const double dense16 = best_wide_gemm(profile);
  m.gemm = ratio(dense16, peak_or_half_flops(chip, hw::Dtype::bf16));
  if (m.gemm) {
    const double narrow = best_narrow_share(chip, profile);
    if (narrow > 0) m.narrow_gemm = narrow / *m.gemm;
  }
  double grouped = 0;
  for (const hw::MoePoint& e : profile.moe) {
    if (e.impl == "grouped" && e.rows_per_expert >= compute_bound_rows_per_expert &&
        hw::bytes_per_element(e.dtype) > 1.0) {
      grouped = std::max(grouped, e.compute.value);
    }
  }
  m.grouped_gemm = ratio(grouped, dense16);
  double stream = 0;
  for (const hw::BandwidthPoint& b : profile.bandwidth) stream = std::max(stream, b.achieved.value);
  if (chip.memory_bandwidth.known()) m.memory = ratio(stream, chip.memory_bandwidth.value.value);
  double grouped_weights = 0;
  for (const hw::MoePoint& e : profile.moe) {
    if (e.impl == "grouped" && e.rows_per_expert <= memory_bound_rows_per_expert) {
      grouped_weights = std::max(grouped_weights, e.weight_bandwidth.value);
    }
  }
  m.grouped_stream = ratio(grouped_weights, stream);
  double attention = 0;
  for (const hw::AttentionPrefillPoint& a : profile.attention_prefill) {
    attention = std::max(attention, a.compute.value);
  }
  m.attention = ratio(attention, peak_or_half_flops(chip, hw::Dtype::bf16));
  return m;
}

ChipEfficiency chip_efficiency(const std::vector<EfficiencyEntry>& table,
                               const std::vector<hw::ChipProfile>& profiles, const hw::Chip& chip,
                               const std::string& software, const std::string& workload) {
  const auto found = std::find_if(profiles.begin(), profiles.end(),
                                  [&](const hw::ChipProfile& p) { return p.chip_id == chip.id; });
  const hw::ChipProfile* profile = found == profiles.end() ? nullptr : &*found;
  ChipEfficiency out;
  out.values = lookup_efficiency(table, chip.family, software, workload);
  out.source = fmt::format("fitted for chip family {}", chip.family);
  MeasuredKernels m;
  if (profile != nullptr) {
    const Efficiency family = lookup_efficiency(table, chip.family, "*", workload);
    m = measured_kernels(chip, *profile);
    // A stack's fitted ratio to its family carries over to the measured rate. A streaming rate
    // is a ceiling, not a typical figure: the profiler's copy and read kernels are what the
    // memory system delivers, so a stack may lose bandwidth against them but never gain it.
    const auto replace = [&](double Efficiency::*member, const std::optional<double>& measured,
                             bool ceiling) {
      if (!measured) return;
      const double base = family.*member;
      double stack = base > 0 ? out.values.*member / base : 1.0;
      if (ceiling) stack = std::min(stack, 1.0);
      out.values.*member = std::clamp(*measured * stack, 0.0, 1.0);
      out.measured = true;
      out.noted = true;
    };
    replace(&Efficiency::gemm, m.gemm, false);
    replace(&Efficiency::narrow_gemm, m.narrow_gemm, false);
    replace(&Efficiency::grouped_gemm, m.grouped_gemm, false);
    replace(&Efficiency::memory, m.memory, true);
    replace(&Efficiency::grouped_stream, m.grouped_stream, true);
    replace(&Efficiency::attention, m.attention, false);
    if (out.measured) {
      out.source =
          fmt::format("measured profile {} ({})", profile->chip_id, profile->provenance.date);
    }
  }
  if (workload == "inference" && runs_framework_kernels(software)) {
    // No serving engine between the model and its kernels: the stack's in-step share is 1, not
    // the fitted serving stacks' (their scheduling and batching losses), whatever a table holds
    // (a fit cannot move it: calibration predicts through this function too).
    out.values.model_compute = 1.0;
    // Nor a scheduler, sampler or detokenizer between steps (the fitted step cost of the serving
    // stacks, at its 2 ms cap): a decode step is one CUDA-graph replay, a greedy argmax and the
    // host's read of the token. 0.1 ms is an estimate: a graph launch and a synchronising
    // device-to-host copy take tens of microseconds each (docs/models/inference.md §9).
    out.values.step_overhead_ms = plain_pytorch_step_ms;
    out.noted = true;
    out.source += fmt::format(
        "; plain PyTorch: the GEMMs run at the kernel rate (no serving-stack share), a step costs "
        "{:g} ms beyond its kernels (estimate)",
        plain_pytorch_step_ms);
  }
  if (chip.unit_matrix_share < 1.0) {
    // GEMM and attention rates fitted on the family's full-rate units; a measured rate is
    // already this chip's own (docs/models/ops.md §capped matrix units).
    if (!m.gemm) out.values.gemm = at_unit_share(out.values.gemm, chip.unit_matrix_share);
    if (!m.attention) {
      out.values.attention = at_unit_share(out.values.attention, chip.unit_matrix_share);
    }
    // No profile measures a decode attention rate (its points time GQA decode, bound by bytes).
    out.values.decode_attention =
        at_unit_share(out.values.decode_attention, chip.unit_matrix_share);
    out.values.model_compute = at_unit_share(out.values.model_compute, chip.unit_matrix_share);
    out.source += fmt::format(
        "; fixed kernel costs scaled to its matrix units at {:.0f}% of {}'s per-unit rate",
        100.0 * chip.unit_matrix_share, chip.full_rate_part);
  }
  return out;
}

}  // namespace suanli::perf
