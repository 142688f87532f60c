// `plan` over the whole catalog for one model: the budget is under 1 s on 2 cores.
// BM_PlanCatalog/<model>: every system, chat scenario, 1M output tok/s, default assumptions.
#include <benchmark/benchmark.h>

#include <cstdlib>

#include "suanli/catalog/catalog.hpp"
#include "suanli/catalog/infer_data.hpp"
#include "suanli/search/plan.hpp"

namespace {

using namespace suanli;

const catalog::Catalog& bench_catalog() {
  static const catalog::Catalog cat = *catalog::load_catalog({SUANLI_DATA_DIR});
  return cat;
}

search::PlanRequest whole_catalog(const std::string& model, const std::string& dest,
                                  const std::string& date) {
  const catalog::Catalog& cat = bench_catalog();
  search::PlanRequest r;
  r.model = cat.find_model(model)->item;
  r.workload = perf::workload_of(**catalog::find_scenario(cat, "chat"));
  r.precision.weights = hw::Dtype::fp8;
  r.target_tps = 1e6;
  for (const hw::System& s : cat.systems) {
    r.systems.push_back({&s, cat.find_chip(s.chip_id)->item, ""});
  }
  r.efficiency = &cat.efficiency;
  r.prices = &cat.prices;
  r.assumptions = *cost::resolve_assumptions(cat.prices, {}, cost::Usage::inference, dest);
  if (!dest.empty()) {
    r.destination.country = dest;
    r.destination.date = *policy::Date::parse(date);
    r.destination.rules = &cat.policies;
    r.destination.deliveries = &cat.deliveries;  // as the CLI's plan asks
  }
  r.threads = 2;
  if (const char* pp = std::getenv("SUANLI_BENCH_MAX_PP")) r.max_pipeline = std::atoi(pp);
  if (const char* n = std::getenv("SUANLI_BENCH_MAX_SIZES")) r.max_sizes = std::atoi(n);
  return r;
}

void run(benchmark::State& state, const std::string& model, const std::string& dest,
         const std::string& date) {
  const search::PlanRequest req = whole_catalog(model, dest, date);
  int ok = 0;
  for (auto _ : state) {
    auto res = search::plan_inference(req);
    if (!res) {
      state.SkipWithError(res.error().message.c_str());
      return;
    }
    ok = res->n_ok;
    benchmark::DoNotOptimize(res->rows.data());
  }
  state.counters["systems"] = static_cast<double>(req.systems.size());
  state.counters["ok_rows"] = ok;
}

void BM_PlanCatalog_DeepSeekR1(benchmark::State& s) {
  run(s, "deepseek-r1", "", "");
}
void BM_PlanCatalog_DeepSeekR1_CN(benchmark::State& s) {
  run(s, "deepseek-r1", "CN", "2026-02-01");
}
void BM_PlanCatalog_Llama70B(benchmark::State& s) {
  run(s, "llama-3.1-70b", "", "");
}
void BM_PlanCatalog_Llama8B(benchmark::State& s) {
  run(s, "llama-3.1-8b", "", "");
}

BENCHMARK(BM_PlanCatalog_DeepSeekR1)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_PlanCatalog_DeepSeekR1_CN)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_PlanCatalog_Llama70B)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_PlanCatalog_Llama8B)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
