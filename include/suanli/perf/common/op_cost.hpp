// Roofline cost of one operation on one chip: time = max(FLOPs / achieved FLOP/s, bytes /
// achieved bandwidth). Shared by the inference and training engines (docs/models/ops.md).
#pragma once

#include "suanli/hw/chip.hpp"
#include "suanli/hw/dtype.hpp"
#include "suanli/perf/common/efficiency.hpp"
#include "suanli/units/quantity.hpp"

namespace suanli::perf {

enum class Bound { compute, memory };

struct OpTime {
  units::Seconds compute;  // FLOPs / achieved compute rate
  units::Seconds memory;   // bytes / achieved memory bandwidth
  units::Seconds time() const { return compute > memory ? compute : memory; }
  Bound bound() const { return compute > memory ? Bound::compute : Bound::memory; }
  OpTime& operator+=(const OpTime& o) {
    compute += o.compute;
    memory += o.memory;
    return *this;
  }
};

// The precision a chip actually computes in: `wanted` if supported, else the nearest wider
// format it has (fp4 -> fp8 -> bf16 -> fp16 -> fp32). Sets `fell_back` when it differs.
hw::Dtype effective_compute_dtype(const hw::Chip& chip, hw::Dtype wanted, bool& fell_back);

// Dense peak used for the compute dtype (after fallback); 0 when the chip has no usable figure.
double peak_flops(const hw::Chip& chip, hw::Dtype compute);

// Dense peak for `d`, else the chip's 16-bit (bf16, then fp16) figure; 0 when it has neither.
double peak_or_half_flops(const hw::Chip& chip, hw::Dtype d);

// A GEMM of `rows` x `cols` x `inner` (2*rows*cols*inner FLOPs) whose weights (cols x inner) are
// read in `weight_dtype` and activations in `act_bytes` bytes per element.
OpTime gemm_time(const hw::Chip& chip, const Efficiency& eff, hw::Dtype compute, double rows,
                 double cols, double inner, hw::Dtype weight_dtype, double act_bytes = 2.0);

// Generic roofline for given FLOPs and bytes at a given compute efficiency.
OpTime roofline_time(const hw::Chip& chip, const Efficiency& eff, hw::Dtype compute, double flops,
                     double bytes, double compute_efficiency);

}  // namespace suanli::perf
