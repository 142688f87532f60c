// Training engine speed: one layout estimate, and the exhaustive layout search for Llama-3.1-405B
// on 16,384 H100 (uneven stages allowed, so every pp up to the layer count is tried) and for
// DeepSeek-V3 on 2,048 H800. Figures go to docs/performance.md (Release build, 2 threads).
#include <benchmark/benchmark.h>

#include <stdexcept>

#include "suanli/catalog/catalog.hpp"
#include "suanli/perf/train/search.hpp"

namespace {

using namespace suanli;

const catalog::Catalog& bench_catalog() {
  static const catalog::Catalog cat = [] {
    auto loaded = catalog::load_catalog({SUANLI_DATA_DIR});
    if (!loaded) throw std::runtime_error(loaded.error().describe());
    return std::move(loaded).value();
  }();
  return cat;
}

perf::TrainingProblem problem(const char* model, const char* chip, int n, int seq, int batch,
                              bool uneven) {
  const catalog::Catalog& cat = bench_catalog();
  perf::TrainingProblem p;
  p.model = cat.find_model(model)->item;
  const hw::Chip& c = *cat.find_chip(chip)->item;
  p.cluster = *perf::make_cluster(c, n, 8, 400);
  p.eff = perf::lookup_efficiency(cat.efficiency, c.family, "megatron", "training");
  p.workload.seq_len = seq;
  p.workload.global_batch = batch;
  p.allow_uneven_stages = uneven;
  return p;
}

void search(benchmark::State& state, const perf::TrainingProblem& p) {
  perf::SearchOptions o;
  o.threads = static_cast<int>(state.range(0));
  std::uint64_t evaluated = 0;
  for (auto _ : state) {
    auto r = perf::search_training_layouts(p, {}, o);
    if (!r) {
      state.SkipWithError(r.error().message.c_str());
      return;
    }
    evaluated = r->evaluated;
    benchmark::DoNotOptimize(r->top.front().step_time);
  }
  state.counters["evaluated"] = static_cast<double>(evaluated);
  state.counters["evals_per_s"] =
      benchmark::Counter(static_cast<double>(evaluated) * static_cast<double>(state.iterations()),
                         benchmark::Counter::kIsRate);
}

void BM_TrainSearch405B_16384(benchmark::State& state) {
  search(state, problem("llama-3.1-405b", "nvidia-h100-sxm", 16384, 8192, 2048, true));
}
BENCHMARK(BM_TrainSearch405B_16384)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_TrainSearch405B_16384_Even(benchmark::State& state) {
  search(state, problem("llama-3.1-405b", "nvidia-h100-sxm", 16384, 8192, 2048, false));
}
BENCHMARK(BM_TrainSearch405B_16384_Even)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_TrainSearchDeepSeekV3_2048(benchmark::State& state) {
  search(state, problem("deepseek-v3", "nvidia-h800-sxm", 2048, 4096, 15360, true));
}
BENCHMARK(BM_TrainSearchDeepSeekV3_2048)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_TrainEstimate405B(benchmark::State& state) {
  const perf::TrainingProblem p =
      problem("llama-3.1-405b", "nvidia-h100-sxm", 16384, 8192, 2048, true);
  perf::TrainingLayout l;
  l.tp = 8, l.pp = 16, l.dp = 128, l.vpp = 7, l.recompute = perf::Recompute::selective;
  for (auto _ : state) {
    auto e = perf::estimate_training(p, l);
    benchmark::DoNotOptimize(e);
  }
}
BENCHMARK(BM_TrainEstimate405B)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
