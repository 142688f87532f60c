#include "suanli/perf/common/efficiency_fields.hpp"

namespace suanli::perf {

const std::vector<EfficiencyField>& efficiency_fields() {
  static const std::vector<EfficiencyField> fields{
      {"gemm", &Efficiency::gemm, 0.01, 1.0, "fraction of dense peak reached by large GEMMs"},
      {"grouped_gemm", &Efficiency::grouped_gemm, 0.05, 1.0,
       "share of the gemm rate reached by grouped (MoE expert) GEMMs"},
      {"narrow_gemm", &Efficiency::narrow_gemm, 0.05, 1.0,
       "multiplier on gemm for 8- and 4-bit GEMMs"},
      {"model_compute", &Efficiency::model_compute, 0.05, 1.0,
       "share of the GEMM rate realised inside a model step by the software stack"},
      {"attention", &Efficiency::attention, 0.01, 1.0,
       "fraction of 16-bit dense peak reached by attention kernels over a prompt"},
      {"decode_attention", &Efficiency::decode_attention, 0.01, 1.0,
       "fraction of 16-bit dense peak reached by decode attention kernels (a few query tokens "
       "per sequence against its cache)"},
      {"memory", &Efficiency::memory, 0.01, 1.0, "fraction of memory bandwidth reached"},
      {"grouped_stream", &Efficiency::grouped_stream, 0.05, 1.0,
       "share of the memory rate at which grouped (MoE expert) GEMMs stream their weights"},
      {"scaleup", &Efficiency::scaleup, 0.01, 1.0, "fraction of scale-up bandwidth reached"},
      {"scaleout", &Efficiency::scaleout, 0.01, 1.0, "fraction of scale-out bandwidth reached"},
      {"layer_overhead_us", &Efficiency::layer_overhead_us, 0.0, 1e4,
       "fixed cost per layer per step (inference: per dense GQA layer's 9 kernels), "
       "microseconds"},
      {"step_overhead_ms", &Efficiency::step_overhead_ms, 0.0, 1e4,
       "fixed cost per engine step, milliseconds"},
      {"overlap", &Efficiency::overlap, 0.0, 1.0, "fraction of communication hidden by compute"},
      {"ep_overlap", &Efficiency::ep_overlap, 0.0, 1.0,
       "fraction of MoE all-to-all hidden by compute"},
      {"band_low", &Efficiency::band_low, 0.01, 1.0,
       "10th percentile of measured / predicted throughput"},
      {"band_high", &Efficiency::band_high, 1.0, 100.0,
       "90th percentile of measured / predicted throughput"},
  };
  return fields;
}

const EfficiencyField* find_efficiency_field(std::string_view key) {
  for (const EfficiencyField& f : efficiency_fields()) {
    if (key == f.key) return &f;
  }
  return nullptr;
}

}  // namespace suanli::perf
