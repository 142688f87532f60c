// Fitted fields per workload (docs/validation.md §calibration and §Training). Each engine fits
// only the fields it reads.
#include "detail/calibrate_params.hpp"

namespace suanli::validate::detail {
namespace {

// Physical caps on the fixed costs. Under CUDA/ACL graph execution each kernel costs 1-2 us of
// launch gap and ramp beyond its roofline time, so no stack spends more than ~20 us on a dense
// GQA layer's 9 kernels per step (inference reads layer_overhead_us per 9 kernels and charges
// each layer by its kernels, perf/infer/kernel_count.hpp; training per layer and pass). Scheduling,
// sampling and the host round trip of an engine step take 0.5-2 ms with overlapped (asynchronous)
// scheduling. Without the caps the fit buys missing physics (burst-test queueing, stack
// inefficiencies of single sources) with fixed costs that would make batch-1 latency several times
// too slow on every other deployment.
constexpr double max_layer_overhead_us = 20;
constexpr double max_step_overhead_ms = 2;

}  // namespace

const std::vector<Param>& calibration_params(std::string_view workload) {
  constexpr unsigned all = global | family | software | pair;
  // Inference: the serving stack's in-model share of the GEMM rate, its scheduler overheads and
  // both overlaps are software properties; rates of the hardware per chip family.
  static const std::vector<Param> inference{
      {&perf::Efficiency::gemm, 0.25, 0.98, global | family},
      {&perf::Efficiency::model_compute, 0.3, 1.0, global | software | pair},
      {&perf::Efficiency::grouped_gemm, 0.25, 1.0, global | software},
      {&perf::Efficiency::narrow_gemm, 0.25, 1.0, global | family | software},
      {&perf::Efficiency::attention, 0.4, 0.95, global | family | software},
      // Decode attention: the prior is a measured kernel's best case (FlashMLA, efficiency.hpp);
      // the suite moves it for every chip (a serving step's batches of mixed, paged contexts)
      // and per stack (whose kernels run). No chip family has MLA decode rows of its own.
      {&perf::Efficiency::decode_attention, 0.4, 0.95, global | software},
      {&perf::Efficiency::memory, 0.15, 0.92, all},
      {&perf::Efficiency::scaleup, 0.15, 0.9, global | family},
      {&perf::Efficiency::scaleout, 0.2, 0.9, global | family},
      {&perf::Efficiency::layer_overhead_us, 0.7, max_layer_overhead_us, global | software | pair},
      {&perf::Efficiency::step_overhead_ms, 0.7, max_step_overhead_ms, global | software | pair},
      {&perf::Efficiency::overlap, 0.2, 0.9, global | software},
      {&perf::Efficiency::ep_overlap, 0.4, 0.95, global | software},
  };
  // Training (src/perf/train/detail/layers.cpp, evaluate.cpp): the same hardware rates; the
  // training framework sets the in-model GEMM share, fp8 recipe, attention kernels, the
  // communication overlap and the per-layer launch cost (forward and backward: up to three times
  // the kernels of a serving step). Grouped expert GEMMs and the step overhead move only globally.
  static const std::vector<Param> training{
      {&perf::Efficiency::gemm, 0.25, 0.98, global | family},
      {&perf::Efficiency::model_compute, 0.2, 1.0, global | software | pair},
      {&perf::Efficiency::grouped_gemm, 0.25, 1.0, global},
      {&perf::Efficiency::narrow_gemm, 0.25, 1.0, global | family | software},
      {&perf::Efficiency::attention, 0.4, 0.95, global | family | software},
      {&perf::Efficiency::memory, 0.15, 0.92, global | family},
      {&perf::Efficiency::scaleup, 0.15, 0.9, global | family},
      {&perf::Efficiency::scaleout, 0.2, 0.9, global | family},
      {&perf::Efficiency::layer_overhead_us, 0.7, 3 * max_layer_overhead_us, global | software},
      {&perf::Efficiency::step_overhead_ms, 0.7, max_step_overhead_ms, global},
      {&perf::Efficiency::overlap, 0.2, 0.9, global | software},
  };
  static const std::vector<Param> none;
  if (workload == "inference") return inference;
  if (workload == "training") return training;
  return none;
}

}  // namespace suanli::validate::detail
