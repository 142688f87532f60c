#include "suanli/perf/common/op_cost.hpp"

#include <algorithm>
#include <array>

namespace suanli::perf {

hw::Dtype effective_compute_dtype(const hw::Chip& chip, hw::Dtype wanted, bool& fell_back) {
  fell_back = false;
  if (chip.supports(wanted)) return wanted;
  // Integer formats fall back to the float format of the same width first.
  constexpr std::array ladder{hw::Dtype::fp4, hw::Dtype::fp8, hw::Dtype::bf16, hw::Dtype::fp16,
                              hw::Dtype::fp32};
  const int wanted_bits = hw::bit_length(wanted);
  for (hw::Dtype d : ladder) {
    if (hw::bit_length(d) < wanted_bits) continue;
    if (chip.supports(d)) {
      fell_back = true;
      return d;
    }
  }
  // Nothing wider: take whatever is known, narrowest first (a peak is better than none).
  for (hw::Dtype d : {hw::Dtype::int8, hw::Dtype::fp8, hw::Dtype::fp4}) {
    if (chip.supports(d)) {
      fell_back = true;
      return d;
    }
  }
  fell_back = true;
  return wanted;
}

double peak_flops(const hw::Chip& chip, hw::Dtype compute) {
  const auto p = chip.peak(compute);
  return p ? p->value : 0.0;
}

double peak_or_half_flops(const hw::Chip& chip, hw::Dtype d) {
  for (hw::Dtype t : {d, hw::Dtype::bf16, hw::Dtype::fp16}) {
    if (const double p = peak_flops(chip, t); p > 0) return p;
  }
  return 0;
}

OpTime roofline_time(const hw::Chip& chip, const Efficiency& eff, hw::Dtype compute, double flops,
                     double bytes, double compute_efficiency) {
  const double peak = peak_flops(chip, compute) * std::max(compute_efficiency, 1e-3);
  const double bw =
      chip.memory_bandwidth.known() ? chip.memory_bandwidth.value.value * eff.memory : 0.0;
  OpTime t;
  t.compute = units::Seconds(peak > 0 ? flops / peak : 0.0);
  t.memory = units::Seconds(bw > 0 ? bytes / bw : 0.0);
  return t;
}

OpTime gemm_time(const hw::Chip& chip, const Efficiency& eff, hw::Dtype compute, double rows,
                 double cols, double inner, hw::Dtype weight_dtype, double act_bytes) {
  const double flops = 2.0 * rows * cols * inner;
  const double bytes =
      cols * inner * hw::bytes_per_element(weight_dtype) + rows * (inner + cols) * act_bytes;
  return roofline_time(chip, eff, compute, flops, bytes, eff.gemm_at(rows));
}

}  // namespace suanli::perf
