// What an inference prediction is asked about: precision, parallel layout, workload and serving
// options. A field left at 0 / nullopt is "not given" and is resolved by defaults or the search.
#pragma once

#include <optional>
#include <string>

#include "suanli/hw/dtype.hpp"

namespace suanli::perf {

// Numeric formats of one deployment; nullopt = default (see docs/models/inference.md §precision).
struct InferencePrecision {
  hw::Dtype weights = hw::Dtype::bf16;  // stored weight format of the GEMM matrices
  std::optional<hw::Dtype> compute;     // GEMM format; nullopt = follows the weights
  std::optional<hw::Dtype> kv_cache;    // KV-cache format; nullopt = software default
};

// Parallel layout over the chips of one deployment; 0 = not given (searched or derived).
// Convention (validation/README.md): tp, pp for attention and dense layers; dp copies of those
// layers (model replicas or DP-attention ranks); ep the expert-parallel degree of MoE layers.
// tp x pp x dp = chips.
struct InferenceParallelism {
  int tp = 0;  // tensor-parallel degree of attention and dense layers
  int pp = 0;  // pipeline stages
  int dp = 0;  // data-parallel copies of attention/dense layers
  int ep = 0;  // expert-parallel degree of MoE layers (1 = experts not split by expert)
};

enum class Scenario {
  offline,       // every request available at once; maximum throughput
  server,        // Poisson arrivals; maximum rate that meets p99 TTFT/TPOT limits
  prefill_only,  // the prefill pool of a disaggregated deployment
  decode_only,   // the decode pool of a disaggregated deployment
  interactive,   // a fixed number of concurrent streams (closed loop)
};

std::string_view to_string(Scenario s);
std::optional<Scenario> parse_scenario(std::string_view text);

// Speculative decoding: `draft_tokens` proposed per step, each accepted with `acceptance`
// (geometric acceptance; MTP modules of DeepSeek-V3 or a draft model).
struct SpecDecode {
  int draft_tokens = 0;     // tokens proposed per step (0 = off)
  double acceptance = 0.8;  // probability that a proposed token is accepted
  double draft_cost = 0.0;  // cost of one draft token relative to one target layer; 0 = MTP
};

struct InferenceWorkload {
  Scenario scenario = Scenario::offline;
  double input_tokens = 0;   // mean prompt tokens per request (decode-only: KV length)
  double output_tokens = 0;  // mean generated tokens per request
  int concurrency = 0;       // concurrent sequences over the deployment; 0 = searched / max
  double ttft_slo_s = 0;     // p99 time-to-first-token limit, s; 0 = none
  double tpot_slo_s = 0;     // p99 time-per-output-token limit, s; 0 = none
  int prefill_chunk = 0;     // tokens per engine step (chunked prefill budget); 0 = software
  int beams = 1;             // beam-search width: sequences decoded per request (shared prompt)
  SpecDecode spec;           // speculative decoding / MTP
};

// Disaggregated prefill/decode: chips of the prefill pool and of the decode pool.
struct Disaggregation {
  int prefill_chips = 0;  // 0 = not disaggregated
  int decode_chips = 0;
  bool enabled() const { return prefill_chips > 0 && decode_chips > 0; }
};

}  // namespace suanli::perf
