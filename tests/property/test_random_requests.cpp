// Random but valid inference requests (every catalog model x every chip with a memory spec x
// weight formats x prompt and output lengths x prefix-cache hits x layouts x scenarios), each
// given its layout so no search runs: the answer is a finite, positive estimate within the
// physical bounds, or an Infeasible with its reason, and the same request gives the same answer.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>

#include "suanli/model/model_stats.hpp"
#include "tests/unit/infer_fixture.hpp"

namespace suanli::perf {
namespace {

constexpr int n_requests = 100'000;
constexpr int replay_every = 97;          // requests estimated twice to check determinism
constexpr double slack = 1 + 1e-9;        // floating-point rounding allowance on every bound
constexpr double min_weight_bytes = 0.5;  // bytes per weight of the narrowest format (fp4/int4)

struct Sample {
  const model::ModelArch* model;
  const hw::Chip* chip;
  InferenceRequest request;
};

// The largest dense peak of `chip` over every format it states.
double max_peak(const hw::Chip& chip) {
  double best = 0;
  for (const auto& [dtype, figure] : chip.dense_peak) {
    if (figure.known()) best = std::max(best, figure.value.value);
  }
  return best;
}

std::vector<const hw::Chip*> usable_chips() {
  std::vector<const hw::Chip*> out;
  for (const hw::Chip& c : test::infer_catalog().chips) {
    if (c.memory_capacity.known() && c.memory_bandwidth.known() && max_peak(c) > 0) {
      out.push_back(&c);
    }
  }
  return out;
}

template <class T>
const T& pick(std::mt19937_64& rng, const std::vector<T>& items) {
  return items[std::uniform_int_distribution<std::size_t>(0, items.size() - 1)(rng)];
}

Sample draw(std::mt19937_64& rng, const std::vector<const hw::Chip*>& chips) {
  const auto& models = test::infer_catalog().models;
  const model::ModelArch& m =
      models[std::uniform_int_distribution<std::size_t>(0, models.size() - 1)(rng)];
  const hw::Chip* chip = pick(rng, chips);
  const int n = pick(rng, std::vector<int>{1, 2, 4, 8, 16});
  std::vector<int> tps;
  for (int tp = 1; tp <= n; tp *= 2) {
    if (m.n_heads % tp == 0) tps.push_back(tp);
  }
  const int tp = pick(rng, tps);
  std::vector<int> pps;
  for (int pp = 1; tp * pp <= n && pp <= m.n_layers; pp *= 2) pps.push_back(pp);
  const int pp = pick(rng, pps);
  const int dp = n / (tp * pp);
  const int ep = m.is_moe() ? pick(rng, std::vector<int>{0, 1, tp}) : 0;
  const double context = m.max_position > 0 ? m.max_position : 32768;
  const double input = std::floor(std::exp(
      std::uniform_real_distribution<double>(0, std::log(std::min(context / 2, 32768.0)))(rng)));
  const double output = std::floor(std::exp(
      std::uniform_real_distribution<double>(0, std::log(std::min(context / 2, 4096.0)))(rng)));
  InferenceRequest r;
  r.model = &m;
  r.cluster = *make_cluster(*chip, n);
  r.precision.weights = pick(rng, std::vector<hw::Dtype>{hw::Dtype::bf16, hw::Dtype::fp8,
                                                         hw::Dtype::fp4, hw::Dtype::int8});
  r.software = pick(rng, std::vector<std::string>{"vllm", "sglang", "other"});
  r.parallelism = {tp, pp, dp, ep};
  InferenceWorkload& w = r.workload;
  w.input_tokens = std::max(1.0, input);
  w.output_tokens = std::max(1.0, output);
  w.cached_share = pick(rng, std::vector<double>{0.0, 0.0, 0.5, 0.9});
  w.scenario =
      pick(rng, std::vector<Scenario>{Scenario::offline, Scenario::interactive, Scenario::server});
  if (w.scenario == Scenario::interactive) {
    w.concurrency = std::uniform_int_distribution<int>(1, 512)(rng);
  }
  if (w.scenario == Scenario::server) {
    w.ttft_slo_s = std::uniform_real_distribution<double>(0.2, 10)(rng);
    w.tpot_slo_s = std::uniform_real_distribution<double>(0.01, 0.5)(rng);
  }
  return {&m, chip, std::move(r)};
}

// Weights every decode step reads whatever its batch: every matrix of a dense model; for a
// mixture of experts the attention, dense-layer and shared-expert matrices (which routed experts a
// step touches depends on its batch).
double always_read_params(const model::ModelArch& m) {
  if (!m.is_moe()) return model::active_matmul_params(m);
  const model::ParamCounts p = model::count_params(m);
  return p.attention + p.mlp_dense + p.experts_shared;
}

// Every physical bound an estimate must keep; an empty string when it keeps them all.
std::string violation(const Sample& s, const InferenceEstimate& e) {
  if (!e.feasible) return e.reason.empty() ? "infeasible without a reason" : "";
  for (double v : {e.output_tokens_per_s, e.input_tokens_per_s, e.ttft_s, e.tpot_s,
                   e.memory.weights, e.memory.kv_cache, e.memory.workspace}) {
    if (!std::isfinite(v) || v < 0) return "a figure is negative or not finite";
  }
  if (!(e.output_tokens_per_s > 0) || !(e.ttft_s > 0) || !(e.tpot_s > 0)) {
    return "zero time or throughput for a step that does work";
  }
  const double flops_per_token = model::forward_gemm_flops_per_token(*s.model);
  const double peak = max_peak(*s.chip);
  const double chips = std::max(1, e.chips);
  // Prompt tokens found in the prefix cache are not computed: only the rest count.
  const double computed = 1 - s.request.workload.cached_share;
  if ((e.output_tokens_per_s + e.input_tokens_per_s * computed) * flops_per_token >
      chips * peak * slack) {
    return "tokens/s above the FLOP roofline";
  }
  const double instance = std::max(1, e.layout.chips_per_instance());
  const double prompt = s.request.workload.input_tokens * computed;
  if (e.ttft_s * slack < prompt * flops_per_token / (instance * peak)) {
    return "TTFT below the prefill FLOP floor";
  }
  const double bandwidth = s.chip->memory_bandwidth.value.value;
  const double read_bytes = always_read_params(*s.model) * min_weight_bytes;
  if (e.tpot_s * slack < read_bytes / instance / bandwidth) {
    return "TPOT below the weight-read floor (byte roofline)";
  }
  if (e.memory.weights + e.memory.kv_cache + e.memory.workspace > e.memory.capacity * slack) {
    return "memory beyond capacity";
  }
  return "";
}

TEST(RandomRequests, FiniteBoundedOrInfeasibleWithReasonAndDeterministic) {
  const std::vector<const hw::Chip*> chips = usable_chips();
  ASSERT_GT(chips.size(), 10u);
  std::mt19937_64 rng(20261204);
  int feasible = 0, failures = 0;
  for (int i = 0; i < n_requests; ++i) {
    const Sample s = draw(rng, chips);
    const InferenceEstimate e = estimate_inference(s.request);
    feasible += e.feasible ? 1 : 0;
    const std::string bad = violation(s, e);
    if (!bad.empty() && ++failures <= 10) {
      ADD_FAILURE() << "request " << i << ": " << bad << " (" << s.model->id << " on "
                    << s.request.cluster.n_chips << " x " << s.chip->id << ", tp "
                    << s.request.parallelism.tp << " pp " << s.request.parallelism.pp << " dp "
                    << s.request.parallelism.dp << " ep " << s.request.parallelism.ep << ", "
                    << hw::to_string(s.request.precision.weights) << ", "
                    << s.request.workload.input_tokens << " in / "
                    << s.request.workload.output_tokens << " out, "
                    << to_string(s.request.workload.scenario) << ")";
    }
    if (i % replay_every == 0) {
      const InferenceEstimate again = estimate_inference(s.request);
      if (again.feasible != e.feasible || again.reason != e.reason ||
          again.output_tokens_per_s != e.output_tokens_per_s || again.ttft_s != e.ttft_s ||
          again.tpot_s != e.tpot_s) {
        ADD_FAILURE() << "request " << i << " (" << s.model->id << " on " << s.chip->id
                      << ") gave a different answer the second time";
      }
    }
  }
  EXPECT_EQ(failures, 0);
  // The draw must exercise the engine, not only its refusals.
  EXPECT_GT(feasible, n_requests / 4);
}

}  // namespace
}  // namespace suanli::perf
