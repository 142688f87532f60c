// Achieved fractions of spec-sheet peaks, per (chip family, software stack). Defaults are the
// fallback; fitted values come from data/efficiency/ (see docs/validation.md for the procedure).
#pragma once

#include <string>
#include <vector>

namespace suanli::perf {

// Row granularity of the matrix units' tiles: GEMMs run in tiles of whole rows, and kernels for
// few rows (swap-AB / GEMV forms, the m8 side of Hopper's wgmma and of mma.sync) pad to 8.
inline constexpr double gemm_row_tile = 8;

struct Efficiency {
  double gemm = 0.70;          // fraction of dense peak reached by large GEMMs
  double grouped_gemm = 0.85;  // share of the `gemm` rate a grouped (MoE expert) GEMM reaches
                               // (0.80-0.85 on an H200: 600-650 of 760 TFLOP/s bf16)
  double narrow_gemm = 0.80;   // multiplier on `gemm` when GEMMs run in 8 or 4 bits (fp8, int8,
                               // fp4): the share of the wider peak those kernels realise
  double model_compute = 1.0;  // share of the `gemm` rate a serving or training stack realises
                               // inside a model step (fusion gaps, activation quantization, ...)
  double attention = 0.45;     // fraction of dense peak reached by fused attention kernels
                               // over a prompt (FlashAttention forward; training's attention)
  double decode_attention = 0.586;  // the same for decode attention kernels: one or a few
                                    // query tokens per sequence against its cache (FlashMLA,
                                    // XQA, FlashInfer decode). It binds where decode attention
                                    // is compute-bound: absorbed MLA, whose query heads all read
                                    // one shared latent cache; a GQA decode is bound by its KV
                                    // bytes. Prior: FlashMLA's 580 TFLOP/s on an H800 SXM (of
                                    // 989.5 bf16), its release notes of 2025-02-24; the fit
                                    // moves it globally and per stack, not per chip family
  double memory = 0.80;             // fraction of memory bandwidth reached by streaming kernels
  double grouped_stream = 0.70;     // share of the `memory` rate at which a grouped (MoE expert)
                                    // GEMM streams its weights when memory-bound (0.70 on an
                                    // H200: 2.94 of 4.23 TB/s, 32 experts, 16 rows each)
  double scaleup = 0.70;            // fraction of scale-up bandwidth reached by collectives
  double scaleout = 0.60;           // fraction of scale-out bandwidth reached by collectives
  double layer_overhead_us = 8;     // fixed launch/sync cost per layer per step, us: in inference
                                    // per dense GQA layer's 9 kernels (perf/infer/kernel_count.hpp)
  double step_overhead_ms = 2;      // fixed cost per engine step (scheduler, sampling), ms
  double overlap = 0.5;             // fraction of communication hidden behind compute
  double ep_overlap = 0.5;          // fraction of MoE all-to-all hidden behind compute (two-batch
                                    // overlap in SGLang, DeepSeek's dual micro-batch pipeline)
  // Uncertainty band: measured / predicted ratios (10th and 90th percentile of the validation
  // residuals of the cases this entry was fitted on); multiply a predicted throughput.
  double band_low = 0.70;
  double band_high = 1.40;

  // GEMM efficiency for a GEMM with `rows` rows (tokens): `gemm` times the share of the row
  // tiles that holds real rows (gemm_row_tile). A GEMM with few rows is not slow per FLOP by
  // itself: it is memory-bound, which the roofline's byte term decides.
  double gemm_at(double rows) const;
};

// The efficiency a kernel class reaches on a part whose matrix units run at `unit_share` (0, 1]
// of the rate of the units it was fitted on: its losses are fixed time per tile and per kernel
// (prologue, epilogue, synchronisation, the stack's non-matrix kernels), which stays while the
// matrix time grows by 1 / unit_share, so 1 / e - 1 shrinks by unit_share:
// e / (e + (1 - e) unit_share). 1 at unit_share -> 0, `efficiency` at 1. A share above 1 is
// math on faster units (attention's 8-bit matmuls at twice the 16-bit rate): the fixed costs
// weigh more and the efficiency falls. Shares compose: at_unit_share(at_unit_share(e, a), b) ==
// at_unit_share(e, a * b).
double at_unit_share(double efficiency, double unit_share);

// A fitted (or default) efficiency set with the scope it applies to.
struct EfficiencyEntry {
  std::string family;    // chip family, e.g. "hopper"; "*" matches any
  std::string software;  // software stack, e.g. "tensorrt-llm"; "*" matches any
  std::string workload;  // "inference" or "training"
  Efficiency values;
  std::string fitted_on;  // suite and date, or "default"
};

// Most specific entry for (family, software, workload): exact; else, when (family, *), (*,
// software) and (*, *) all exist, their multiplicative combination family x software / global;
// else family/* > */software > */*. Returns the built-in defaults when the table has no match.
Efficiency lookup_efficiency(const std::vector<EfficiencyEntry>& table, const std::string& family,
                             const std::string& software, const std::string& workload);

}  // namespace suanli::perf
