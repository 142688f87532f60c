// A validation suite: measured results (JSONL, format in docs/validation.md) that the engines are
// scored against. One Case per line; a Prediction per case, or the reason it was skipped.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "suanli/api/infer.hpp"
#include "suanli/api/train.hpp"
#include "suanli/catalog/catalog.hpp"
#include "suanli/core/result.hpp"
#include "suanli/hw/dtype.hpp"
#include "suanli/perf/common/efficiency.hpp"

namespace suanli::validate {

struct SystemSpec {
  std::string chip;                              // chip id (may be an alias)
  int chips = 0;                                 // chips in the scope of the measurement
  std::optional<int> chips_per_node;             // chips per host
  std::optional<int> scaleup_domain;             // chips per NVLink/HCCS/UB/ICI domain
  std::optional<double> scaleout_gbps_per_chip;  // NIC Gbit/s per chip
};

struct PrecisionSpec {
  std::optional<hw::Dtype> weights;   // stored weight format
  std::optional<hw::Dtype> compute;   // GEMM format
  std::optional<hw::Dtype> kv_cache;  // KV-cache format
};

struct InferenceSpec {
  std::string scenario;                 // offline | server | prefill-only | decode-only
  std::optional<double> input_tokens;   // mean prompt tokens (decode-only: KV length)
  std::optional<double> output_tokens;  // mean generated tokens
  std::optional<int> concurrency;       // concurrent sequences over system.chips
  std::optional<double> ttft_slo_ms;    // ms
  std::optional<double> tpot_slo_ms;    // ms
  bool disaggregated = false;
  std::optional<int> tp, pp, ep, dp;  // parallelism, null = not stated
  std::string speculative;            // "" or e.g. "mtp-1"
};

struct TrainingSpec {
  std::optional<int> seq_len;                  // tokens per sequence
  std::optional<int> global_batch_seqs;        // sequences per optimizer step
  std::optional<int> micro_batch;              // sequences per micro-batch per DP rank
  std::optional<int> tp, pp, dp, cp, ep, vpp;  // parallelism, null = not stated
  std::string recompute;                       // none | selective | full | "" (not stated)
};

// What a case measured. Names (to_string) are the suite's values and part of the JSON contract.
enum class CaseKind { microbenchmark, inference, training };  // suite "kind": null | ...
enum class Metric {
  output_tokens_per_s,  // generated tokens/s
  input_tokens_per_s,   // prompt tokens/s
  total_tokens_per_s,   // prompt + generated tokens/s
  samples_per_s,        // completed requests/s
  ttft_ms,              // time to first token, ms (p99 under a server load)
  tpot_ms,              // time per output token, ms (p99 under a server load)
  train_tokens_per_s,   // training tokens/s
  step_time_s,          // training step time, s
  mfu,                  // model FLOPs utilisation, fraction
  matmul_tflops,        // microbenchmark: dense GEMM TFLOP/s
  mem_bw_gbs,           // microbenchmark: memory bandwidth GB/s
};
enum class Per { system, chip, node };  // scope of the measured value

// True for a metric where a faster system measures lower (TTFT, TPOT, step time): its band is
// the prediction divided by the throughput-direction band.
bool lower_is_better(Metric metric);

std::string_view to_string(CaseKind k);  // "" for a microbenchmark
std::string_view to_string(Metric m);
std::string_view to_string(Per p);
std::optional<CaseKind> parse_case_kind(std::string_view text);  // "" = microbenchmark
std::optional<Metric> parse_metric(std::string_view text);
std::optional<Per> parse_per(std::string_view text);

struct Case {
  std::string id;                               // e.g. "MLPI41-001"; prefix = source family
  std::string source;                           // citation
  std::string quality;                          // high | medium | low
  CaseKind kind = CaseKind::microbenchmark;     // suite "kind" (null = microbenchmark)
  std::string model;                            // model id or ""
  std::string software;                         // tensorrt-llm, vllm, megatron, ...
  Metric metric = Metric::output_tokens_per_s;  // what was measured, in its unit
  Per per = Per::system;                        // scope of `value`
  double value = 0;                             // measured value in the metric's unit
  std::string notes;                            // provenance and conversions, free text
  SystemSpec system;
  PrecisionSpec precision;
  std::optional<InferenceSpec> inference;
  std::optional<TrainingSpec> training;
  int line = 0;  // 1-based line in the suite file
};

struct Prediction {
  bool predicted = false;
  double value = 0;     // in the case's metric and scope (`per`)
  double band_low = 0;  // uncertainty band, same unit
  double band_high = 0;
  std::string skip_reason;         // when !predicted
  std::vector<std::string> notes;  // assumptions made (defaults, fallbacks)
  bool assumed = false;            // a workload figure was filled from a documented default
  // The front-door request the case was predicted from (what `suanli infer` / `suanli train`
  // would be given), set once the case maps to one, also when its prediction was then skipped.
  std::optional<api::InferRequest> infer_request;
  std::optional<api::TrainRequest> train_request;
};

// Source family of a case id: "MLPI41-001" -> "MLPI41".
std::string source_family(const std::string& case_id);

// Parses a whole suite; every malformed line is reported with its line number. A suite of more
// than `max_cases` cases (non-blank lines; 0 = api::default_max_suite_cases) is refused before
// any line is read (api/resource_limits.hpp).
core::Result<std::vector<Case>> parse_suite(std::string_view jsonl_text, const std::string& origin,
                                            long long max_cases = 0);

// Predicts one case with the given efficiency table (the catalog's, or a candidate during a fit).
Prediction predict_inference_case(const Case& c, const catalog::Catalog& cat,
                                  const std::vector<perf::EfficiencyEntry>& efficiency);
Prediction predict_training_case(const Case& c, const catalog::Catalog& cat,
                                 const std::vector<perf::EfficiencyEntry>& efficiency);

}  // namespace suanli::validate
