// `infer`: one inference prediction. The request holds what a user gives (CLI flags, JSON keys,
// Python keywords: the same names); predict_inference() resolves the model, hardware, serving
// stack, efficiency and scenario, then estimates the given layout or searches the best one.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "suanli/api/emit.hpp"
#include "suanli/api/fields.hpp"
#include "suanli/api/infeasible.hpp"
#include "suanli/api/resolve.hpp"
#include "suanli/perf/infer/estimate.hpp"
#include "suanli/perf/infer/search.hpp"

namespace suanli::api {

struct InferRequest {
  std::string model;                       // id, alias or config.json path
  HardwareRequest hardware;                // --system | --chip --chips, network overrides
  hw::Dtype precision = hw::Dtype::fp8;    // stored weight format
  std::optional<hw::Dtype> compute;        // GEMM format; nullopt = follows the weights
  std::optional<hw::Dtype> kv_cache;       // nullopt = the serving stack's default
  std::string software;                    // serving stack; "" = the vendor's (api/defaults.hpp)
  double input = 0;                        // mean prompt tokens (required)
  double output = 0;                       // mean generated tokens
  double cache_hit = 0;                    // share of each prompt in the prefix cache, [0, 1)
  std::optional<perf::Scenario> scenario;  // nullopt: interactive with concurrency, server with
                                           // a latency limit, else offline
  int concurrency = 0;                     // concurrent sequences; 0 = searched / maximum
  double ttft_slo_s = 0;                   // s, p99 TTFT limit; 0 = none
  double tpot_slo_s = 0;                   // s, p99 TPOT limit; 0 = none
  int requests = 0;  // offline: a finite burst of this many requests; 0 = endless queue
  std::optional<perf::LengthSpread> length_spread;  // answer lengths' spread; nullopt = fixed
  perf::InferenceParallelism parallelism;           // 0 = searched
  perf::Disaggregation disaggregate;                // prefill:decode chips; off when 0:0
  int mtp = 0;                                      // speculative draft steps per decode step
  std::optional<perf::SpecMethod> speculative;      // draft head; nullopt = mtp
  int draft_tokens = 0;                             // tokens verified per sequence; 0 = steps + 1
  double acceptance = 0;      // per-token draft acceptance; 0 = default_acceptance
  double accept_length = 0;   // mean tokens per step; 0 = geometric in acceptance
  int beams = 0;              // beam width; 0 = 1
  int step_tokens = 0;        // tokens per engine step (per attention rank); 0 = the stack's
  int max_batch = 0;          // sequences per engine (per attention rank); 0 = the stack's
  int threads = 2;            // search threads
  long long max_layouts = 0;  // layout candidates a search may evaluate; 0 = default_max_layouts
  bool explain = false;       // list the reported step op by op
  std::optional<launch::Stack> emit;  // write the launch config for this stack
};

template <>
std::span<const Field<InferRequest>> fields<InferRequest>();

// Options that are not part of the question: a candidate efficiency table (calibration).
struct PredictOptions {
  const std::vector<perf::EfficiencyEntry>* efficiency = nullptr;  // null = the catalog's
};

struct InferAnswer {
  ModelChoice model;
  HardwareChoice hardware;
  perf::InferenceRequest used;  // as evaluated: the found layout in `used.parallelism`
  perf::InferenceEstimate estimate;
  bool searched = false;                 // the layout was searched
  std::optional<Infeasible> infeasible;  // set when !estimate.feasible
  std::vector<std::string> notes;        // what was assumed (aliases, defaults)
  std::string efficiency_source;         // where the kernel efficiencies come from
  std::optional<Emitted> launch;         // with --emit, when feasible
};

// The engine request of `request`: every default applied, nothing estimated yet.
core::Result<InferAnswer> resolve_inference(const catalog::Catalog& cat,
                                            const InferRequest& request,
                                            const PredictOptions& options = {});

// Whether a resolved request leaves its layout to the search.
bool needs_search(const perf::InferenceRequest& request);

core::Result<InferAnswer> predict_inference(const catalog::Catalog& cat,
                                            const InferRequest& request,
                                            const PredictOptions& options = {});

}  // namespace suanli::api
