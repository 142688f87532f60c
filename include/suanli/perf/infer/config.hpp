// What an inference prediction is asked about: precision, parallel layout, workload and serving
// options. A field left at 0 / nullopt is "not given" and is resolved by defaults or the search.
#pragma once

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>

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

// The draft head of speculative decoding (docs/models/inference.md §speculative decoding).
enum class SpecMethod {
  mtp,     // the model's own multi-token-prediction modules (DeepSeek-V3): one MoE block each
  eagle,   // EAGLE / EAGLE-2: one dense decoder layer on the target's features, target LM head
  eagle3,  // EAGLE-3: one dense decoder layer on three fused target layers, own draft vocabulary
};

std::string_view to_string(SpecMethod m);
std::optional<SpecMethod> parse_spec_method(std::string_view text);

// How generated lengths vary across requests, as their coefficient of variation (standard
// deviation over mean; docs/models/inference.md §6): 0, every request the same length
// (random-token benchmarks); 1, exponential about the mean (chat datasets such as ShareGPT: a few
// long answers set the tail); or a dataset's own figure (MLPerf's DeepSeek-R1 set: 1.11). In the
// steady state long answers stay in the batch longer, so the sequences in flight hold more than
// half an answer on average (decode_context); a finite burst drains in waves (fixed) or as
// exponential lengths do.
struct LengthSpread {
  double cv = 0;
  bool fixed() const { return cv == 0; }
  bool exponential() const { return cv == 1; }
  friend bool operator==(const LengthSpread&, const LengthSpread&) = default;
};

inline constexpr double max_length_cv = 10;  // beyond it a mean length says little

// "fixed" (0), "exponential" (1), else the coefficient as a number; parse reads all three
// (a number in [0, max_length_cv]).
std::string to_string(LengthSpread s);
std::optional<LengthSpread> parse_length_spread(std::string_view text);

// Speculative decoding: the draft head runs `draft_tokens` steps per decode step, the target
// verifies `verify_tokens` tokens per sequence, and `accept_length` tokens come out per step on
// average (geometric in `acceptance` when not given).
struct SpecDecode {
  SpecMethod method = SpecMethod::mtp;
  int draft_tokens = 0;      // draft steps per decode step (0 = off)
  int verify_tokens = 0;     // tokens verified per sequence (draft tree + root); 0 = steps + 1
  double acceptance = 0.8;   // probability that a drafted token is accepted (chain, geometric)
  double accept_length = 0;  // mean tokens emitted per step incl. the bonus token; 0 = geometric
  double draft_cost = 0.0;   // one draft step relative to one target step; 0 = from the head
};

struct InferenceWorkload {
  Scenario scenario = Scenario::offline;
  double input_tokens = 0;   // mean prompt tokens per request (decode-only: KV length)
  double output_tokens = 0;  // mean generated tokens per request
  int concurrency = 0;       // concurrent sequences over the deployment; 0 = searched / max
  double ttft_slo_s = 0;     // p99 time-to-first-token limit, s; 0 = none
  double tpot_slo_s = 0;     // p99 time-per-output-token limit, s; 0 = none
  int prefill_chunk = 0;     // tokens per engine step (chunked prefill budget); 0 = software
  int max_batch = 0;         // sequences one engine (attention rank) schedules; 0 = software
  int beams = 1;             // beam-search width: sequences decoded per request (shared prompt)
  SpecDecode spec;           // speculative decoding / MTP
  // Offline only: a finite burst of `requests` requests all present at t = 0 (a benchmark such
  // as `vllm bench serve --request-rate inf`); rates are its tokens over the makespan, including
  // the drain at the end. 0 = an endless queue (steady state).
  int requests = 0;
  LengthSpread spread;  // how output lengths vary across requests (burst and steady state)
  // Share of each prompt whose KV a prefix cache already holds (a shared system prompt, earlier
  // turns of a conversation): those tokens are attended and held in the KV cache, not computed.
  // In [0, 1); 0 = no reuse.
  double cached_share = 0;
};

// One request's prompt as the engine runs it: the tokens prefilled and those reused from the
// prefix cache (attended by the prefilled ones, never computed).
struct Prompt {
  double computed = 0;
  double cached = 0;
  double total() const { return computed + cached; }
};

// Mean tokens in the KV cache of a decoding sequence, over the sequences in flight: the prompt
// plus, with answers of mean O and coefficient of variation c, E[O^2] / (2 E[O]) =
// O (1 + c^2) / 2 generated tokens (a sequence is in the batch for as many steps as it has
// tokens to produce, so long answers are over-represented; fixed lengths give O / 2). No answer
// outgrows the model's context (`max_position`, 0 = unknown): answers of at most A tokens hold at
// most A / 2 on average, so the spread's share stops at (max_position - I) / 2. Decode-only
// input is already the KV length; its output, when given, adds the same way.
inline double decode_context(const InferenceWorkload& w, int max_position) {
  const double cv = w.spread.cv;
  const double output = std::max(0.0, w.output_tokens);
  double generated = output * (1 + cv * cv) / 2;
  if (max_position > 0) {
    generated = std::min(generated, std::max(output / 2, (max_position - w.input_tokens) / 2));
  }
  return w.input_tokens + generated;
}

inline Prompt prompt_of(const InferenceWorkload& w) {
  return {w.input_tokens * (1 - w.cached_share), w.input_tokens * w.cached_share};
}

// The token whose logits start the answer is always computed: a cached share of a prompt of
// `input_tokens` must leave at least that one. The tolerance lets the largest share, 1 - 1/input,
// through rounding. The engine (check_workload) and the front door (--cache-hit) both ask here.
inline bool leaves_last_token(double input_tokens, double cached_share) {
  return !(cached_share > 0) || input_tokens * (1 - cached_share) >= 1 - 1e-9;
}

// Disaggregated prefill/decode: chips of the prefill pool and of the decode pool.
struct Disaggregation {
  int prefill_chips = 0;  // 0 = not disaggregated
  int decode_chips = 0;
  bool enabled() const { return prefill_chips > 0 && decode_chips > 0; }
};

}  // namespace suanli::perf
