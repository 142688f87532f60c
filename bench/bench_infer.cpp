// Inference engine speed: one estimate (offline and server), one system search, and the full
// `compare` search over the nine default systems (figures in docs/performance.md).
#include <benchmark/benchmark.h>

#include "suanli/catalog/catalog.hpp"
#include "suanli/catalog/infer_data.hpp"
#include "suanli/perf/infer/search.hpp"

namespace {

using namespace suanli;

const catalog::Catalog& cat() {
  static const catalog::Catalog c = std::move(catalog::load_catalog({SUANLI_DATA_DIR})).value();
  return c;
}

perf::InferenceRequest request(const std::string& model, const std::string& system) {
  const hw::System& sys = *cat().find_system(system)->item;
  const hw::Chip& chip = *cat().find_chip(sys.chip_id)->item;
  perf::InferenceRequest r;
  r.model = cat().find_model(model)->item;
  r.cluster = *perf::make_cluster(sys, chip, 0);
  r.precision.weights = hw::Dtype::fp8;
  r.software = chip.vendor == "nvidia" ? "tensorrt-llm" : "vllm";
  r.efficiency = perf::lookup_efficiency(cat().efficiency, chip.family, r.software, "inference");
  r.workload.input_tokens = 2048;
  r.workload.output_tokens = 512;
  return r;
}

void BM_EstimateOffline(benchmark::State& state) {
  perf::InferenceRequest r = request("llama-3-70b", "hgx-h100");
  r.parallelism = {8, 1, 1, 1};
  for (auto _ : state) benchmark::DoNotOptimize(perf::estimate_inference(r));
}
BENCHMARK(BM_EstimateOffline)->Unit(benchmark::kMicrosecond);

void BM_EstimateOfflineMoE(benchmark::State& state) {
  perf::InferenceRequest r = request("deepseek-v3", "hgx-h200");
  r.parallelism = {1, 1, 8, 8};
  for (auto _ : state) benchmark::DoNotOptimize(perf::estimate_inference(r));
}
BENCHMARK(BM_EstimateOfflineMoE)->Unit(benchmark::kMicrosecond);

void BM_EstimateServer(benchmark::State& state) {
  perf::InferenceRequest r = request("llama-3-70b", "hgx-h100");
  r.parallelism = {8, 1, 1, 1};
  r.workload = perf::workload_of(*catalog::find_scenario(cat(), "chat").value());
  for (auto _ : state) benchmark::DoNotOptimize(perf::estimate_inference(r));
}
BENCHMARK(BM_EstimateServer)->Unit(benchmark::kMicrosecond);

void BM_SearchOneSystem(benchmark::State& state) {
  perf::InferenceRequest r = request("deepseek-v3", "hgx-h200");
  r.workload = perf::workload_of(*catalog::find_scenario(cat(), "chat").value());
  perf::InferenceSearchOptions opt;
  opt.threads = 2;
  for (auto _ : state) benchmark::DoNotOptimize(perf::search_inference(r, opt));
}
BENCHMARK(BM_SearchOneSystem)->Unit(benchmark::kMillisecond);

void BM_CompareDefaultSystems(benchmark::State& state) {
  const std::vector<std::string> systems{"hgx-h20",       "hgx-h200",        "hgx-h100",
                                         "hgx-h800",      "hgx-b200",        "gb200-nvl72",
                                         "atlas-800t-a2", "cloudmatrix-384", "mi300x-8"};
  const auto chat = perf::workload_of(*catalog::find_scenario(cat(), "chat").value());
  for (auto _ : state) {
    for (const auto& s : systems) {
      perf::InferenceRequest r = request("llama-3-70b", s);
      r.workload = chat;
      perf::InferenceSearchOptions opt;
      opt.threads = 2;
      opt.try_disaggregation = r.cluster.n_chips >= 16;
      benchmark::DoNotOptimize(perf::search_inference(r, opt));
    }
  }
}
BENCHMARK(BM_CompareDefaultSystems)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
