#include "suanli/api/infer.hpp"

#include <fmt/format.h>

#include <array>
#include <ratio>

#include "detail/field_makers.hpp"
#include "suanli/api/defaults.hpp"
#include "suanli/api/request_checks.hpp"
#include "suanli/api/resource_limits.hpp"
#include "suanli/perf/common/measured_efficiency.hpp"
#include "suanli/perf/infer/plan.hpp"
#include "suanli/perf/infer/speculative.hpp"

namespace suanli::api {
namespace {

using R = InferRequest;
using H = HardwareRequest;
namespace d = detail;

// The names each closed set accepts, in the order --help gives them.
constexpr std::string_view scenario_names() {
  return "offline, server, interactive, prefill-only, decode-only";
}
constexpr std::string_view spec_method_names() {
  return "mtp, eagle, eagle3";
}

core::Status set_disaggregate(R& r, std::string_view t) {
  const auto bad = [&] {
    return core::make_error(core::ErrorCode::usage, fmt::format("'{}' is not P:D (e.g. 8:24)", t));
  };
  const auto colon = t.find(':');
  if (colon == std::string_view::npos) return bad();
  auto p = parse::integer(t.substr(0, colon), 0, 10'000'000);
  auto dc = parse::integer(t.substr(colon + 1), 0, 10'000'000);
  if (!p || !dc) return bad();
  if (*p < 1 || *dc < 1) {
    return core::make_error(core::ErrorCode::usage, "both pools need >= 1 chip");
  }
  r.disaggregate = {static_cast<int>(*p), static_cast<int>(*dc)};
  return core::ok_status();
}

const std::array infer_fields{
    d::text<R, &R::model>("model", "Model id or path to a config.json", true),
    d::text<R, &R::hardware, &H::system>("system", "System id (e.g. hgx-h100)"),
    d::text<R, &R::hardware, &H::chip>("chip", "Chip id (with --chips)"),
    d::integer<R, 1, 10'000'000, &R::hardware, &H::chips>(
        "chips", "Number of chips (default: one system unit)"),
    d::integer<R, 1, 10'000'000, &R::hardware, &H::scaleup_domain>(
        "scaleup-domain", "Chips per scale-up domain (default: the system's)"),
    d::number<R, std::milli, std::ratio<10'000'000>, &R::hardware, &H::scaleout_gbps>(
        "scaleout-gbps", "Scale-out Gbit/s per chip (default: the system's or chip's)"),
    d::integer<R, 1, 10'000'000, &R::hardware, &H::chips_per_node>(
        "chips-per-node", "Chips per host (default: the system's, else 8)"),
    d::precision<R, &R::precision>("precision", "Weight format (default fp8)"),
    d::precision<R, &R::compute>("compute", "GEMM format (default: follows the weights)"),
    d::precision<R, &R::kv_cache>("kv-cache", "KV-cache format (default: software default)"),
    d::text<R, &R::software>("software",
                             "Serving stack: tensorrt-llm, vllm, sglang, mindie, vllm-ascend, "
                             "lmdeploy, pytorch (plain model code), other (default by vendor, "
                             "data/defaults.yaml)"),
    d::number<R, std::ratio<1>, std::ratio<10'000'000>, &R::input>("input", "Mean prompt tokens",
                                                                   true),
    d::number<R, std::ratio<1>, std::ratio<10'000'000>, &R::output>("output",
                                                                    "Mean generated tokens"),
    d::cache_hit<R>(),
    d::optional_enum<R, perf::Scenario, perf::parse_scenario, perf::to_string, scenario_names,
                     &R::scenario>("scenario",
                                   "offline, server, interactive, prefill-only, decode-only "
                                   "(default: offline; server with SLOs; interactive with "
                                   "--concurrency)"),
    d::integer<R, 1, 100'000'000, &R::concurrency>("concurrency", "Concurrent sequences"),
    d::duration<R, &R::ttft_slo_s>("ttft-slo", "p99 TTFT limit, e.g. 2s"),
    d::duration<R, &R::tpot_slo_s>("tpot-slo", "p99 TPOT limit, e.g. 50ms"),
    d::integer<R, 1, 10'000'000, &R::requests>(
        "requests",
        "Offline: a finite burst of N requests all present at once (a benchmark run); rates "
        "are its tokens over the makespan, drain included"),
    d::length_spread<R>(),
    d::integer<R, 1, 4096, &R::parallelism, &perf::InferenceParallelism::tp>(
        "tp", "Tensor parallel degree"),
    d::integer<R, 1, 1024, &R::parallelism, &perf::InferenceParallelism::pp>("pp",
                                                                             "Pipeline stages"),
    d::integer<R, 1, 1'000'000, &R::parallelism, &perf::InferenceParallelism::dp>(
        "dp", "Data-parallel copies / DP-attention ranks"),
    d::integer<R, 1, 100'000, &R::parallelism, &perf::InferenceParallelism::ep>(
        "ep", "Expert-parallel degree"),
    Field<R>{"disaggregate", "Prefill:decode chips, e.g. 8:24", FieldKind::value, false,
             set_disaggregate,
             [](const R& r) -> std::optional<std::string> {
               if (!r.disaggregate.enabled()) return std::nullopt;
               return fmt::format("{}:{}", r.disaggregate.prefill_chips,
                                  r.disaggregate.decode_chips);
             }},
    d::integer<R, 0, 16, &R::mtp>(
        "mtp", "Speculative draft steps per decode step (MTP modules, or the --speculative head)"),
    d::optional_enum<R, perf::SpecMethod, perf::parse_spec_method, perf::to_string,
                     spec_method_names, &R::speculative>(
        "speculative", "Draft head: mtp (the model's MTP modules), eagle, eagle3 (default mtp)"),
    d::integer<R, 2, 1024, &R::draft_tokens>(
        "draft-tokens",
        "Tokens verified per sequence per step (draft tree + root; default steps+1)"),
    d::share<R, &R::acceptance>(
        "acceptance", "Per-token draft acceptance rate, 0-1 or a percentage (default 0.8)"),
    d::number<R, std::ratio<1>, std::ratio<1025>, &R::accept_length>(
        "accept-length",
        "Mean tokens emitted per step incl. the bonus token (overrides --acceptance)"),
    d::integer<R, 1, 64, &R::beams>("beams", "Beam-search width (default 1)"),
    d::step_tokens<R>(),
    d::max_batch<R>(),
    d::integer<R, 1, 64, &R::threads>("threads", "Search threads (default 2)"),
    d::integer<R, 1, 100'000'000, &R::max_layouts>(
        "max-layouts", "Layout candidates the search may evaluate (default 4096)"),
    d::flag<R, false, &R::explain>(
        "explain", "List the reported step op by op: FLOPs, bytes, precision, time, bound"),
    emit_field<R>("Print the launch commands and config files of this configuration for vllm, "
                  "sglang, trtllm, mindie or vllm-ascend (also the --software predicted)"),
};

core::Error usage(std::string message) {
  return core::make_error(core::ErrorCode::usage, std::move(message));
}

// The scenario of a request that names none: interactive with a concurrency, server with a
// latency limit, else offline.
perf::Scenario scenario_of(const InferRequest& r) {
  if (r.scenario) return *r.scenario;
  if (r.concurrency > 0) return perf::Scenario::interactive;
  if (r.ttft_slo_s > 0 || r.tpot_slo_s > 0) return perf::Scenario::server;
  return perf::Scenario::offline;
}

}  // namespace

template <>
std::span<const Field<InferRequest>> fields<InferRequest>() {
  return infer_fields;
}

bool needs_search(const perf::InferenceRequest& r) {
  return (r.parallelism.tp == 0 && r.parallelism.dp == 0) ||
         (r.disaggregation.enabled() && r.prefill_parallelism.tp == 0);
}

core::Result<InferAnswer> resolve_inference(const catalog::Catalog& cat, const InferRequest& req,
                                            const PredictOptions& options) {
  if (req.model.empty()) return usage("--model: a model is required");
  if (!(req.input >= 1)) return usage("--input: the prompt length is required (>= 1 token)");
  const perf::Scenario scenario = scenario_of(req);
  if (!(req.output >= 1) && scenario != perf::Scenario::prefill_only &&
      scenario != perf::Scenario::decode_only) {
    return usage(
        "--output: the number of generated tokens is required (>= 1 token) except with "
        "--scenario prefill-only or decode-only");
  }
  if (req.requests > 0 && scenario != perf::Scenario::offline) {
    return usage(fmt::format(
        "--requests: a finite burst is an offline run, not {}; {}", perf::to_string(scenario),
        req.scenario ? fmt::format("drop --scenario {}", perf::to_string(scenario))
                     : std::string("drop --concurrency, --ttft-slo and --tpot-slo, which ask "
                                   "for another scenario")));
  }
  if (auto st = check_length_spread(req.length_spread, scenario, req.requests, req.output); !st) {
    return st.error();
  }
  if (req.requests > 0 && req.disaggregate.enabled()) {
    return usage(
        "--requests: a finite burst is modelled on one colocated pool; drop --disaggregate");
  }
  InferAnswer a;
  auto model = resolve_model(cat, req.model);
  if (!model) return model.error();
  a.model = std::move(*model);
  if (!a.model.note.empty()) a.notes.push_back(a.model.note);
  const model::ModelArch& arch = *a.model.arch;
  if (auto st = check_parallelism(arch, req.parallelism, a.notes); !st) return st.error();
  if (auto st = check_context(arch, req.input, req.output); !st) return st.error();
  if (auto st = check_cache_hit(req.cache_hit, scenario, req.input, a.notes); !st) {
    return st.error();
  }
  auto software = software_with_emit(req.software, req.emit);
  if (!software) return software.error();
  auto hw = resolve_hardware(cat, req.hardware);
  if (!hw) return hw.error();
  a.hardware = std::move(*hw);
  if (req.emit) {  // the stack of --emit (and of the prediction) must run on the chip
    if (auto st = launch::check_runs_on(*req.emit, *a.hardware.chip); !st) return st.error();
  } else if (!software->empty()) {
    if (auto st = check_serving_stack(*software, *a.hardware.chip); !st) return st.error();
  }
  const perf::InferenceParallelism& given = req.parallelism;
  const bool layout_given = given.tp > 0 || given.pp > 0 || given.dp > 0;
  use_device_ranks(
      a.hardware,
      layout_given ? std::max(1, given.tp) * std::max(1, given.pp) * std::max(1, given.dp) : 0);
  for (const auto& n : a.hardware.notes) a.notes.push_back(n);
  perf::InferenceRequest& r = a.used;
  r.model = a.model.arch;
  r.cluster = a.hardware.cluster;
  r.software = software->empty() ? serving_stack(cat, *a.hardware.chip) : *software;
  const perf::ChipEfficiency eff =
      perf::chip_efficiency(options.efficiency ? *options.efficiency : cat.efficiency, cat.profiles,
                            *a.hardware.chip, r.software, "inference");
  r.efficiency = eff.values;
  a.efficiency_source = eff.source;
  if (eff.noted) a.notes.push_back("kernel efficiencies: " + eff.source);
  r.precision.weights = req.precision;
  r.precision.compute = req.compute;
  r.precision.kv_cache = req.kv_cache;
  perf::InferenceWorkload& w = r.workload;
  w.scenario = scenario;
  w.input_tokens = req.input;
  w.output_tokens = req.output;
  w.cached_share = req.cache_hit;
  w.concurrency = req.concurrency;
  w.ttft_slo_s = req.ttft_slo_s;
  w.tpot_slo_s = req.tpot_slo_s;
  w.beams = req.beams > 0 ? req.beams : 1;
  w.requests = req.requests;
  w.spread = req.length_spread.value_or(perf::LengthSpread{});
  if ((req.speculative || req.draft_tokens > 0 || req.accept_length > 0) && req.mtp == 0) {
    return usage("--speculative, --draft-tokens and --accept-length need draft steps (--mtp N)");
  }
  w.spec.method = req.speculative.value_or(perf::SpecMethod::mtp);
  w.spec.draft_tokens = req.mtp;
  w.spec.verify_tokens = req.draft_tokens;
  w.spec.acceptance = req.acceptance > 0 ? req.acceptance : default_acceptance;
  w.spec.accept_length = req.accept_length;
  if (req.step_tokens > 0 && req.step_tokens < 1 + req.mtp) {
    return usage(fmt::format(
        "--step-tokens {} holds no sequence: each decoding sequence takes {} tokens of a step (1 "
        "+ {} draft steps); give at least {}",
        req.step_tokens, 1 + req.mtp, req.mtp, 1 + req.mtp));
  }
  w.prefill_chunk = req.step_tokens;
  w.max_batch = req.max_batch;
  r.parallelism = req.parallelism;
  r.disaggregation = req.disaggregate;
  r.explain = req.explain;
  if (auto ok = perf::check_draft_head(*a.model.arch, w.spec); !ok) return ok.error();
  a.searched = needs_search(r);
  if (!a.searched && !r.disaggregation.enabled()) {  // a given layout must use every chip
    if (auto d = perf::resolve_degrees(r.parallelism, r.cluster.n_chips); !d) return d.error();
  }
  return a;
}

core::Result<InferAnswer> predict_inference(const catalog::Catalog& cat, const InferRequest& req,
                                            const PredictOptions& options) {
  auto resolved = resolve_inference(cat, req, options);
  if (!resolved) return resolved.error();
  InferAnswer a = std::move(*resolved);
  if (a.searched) {
    perf::InferenceSearchOptions opt;
    opt.threads = req.threads;
    opt.max_candidates = req.max_layouts > 0 ? req.max_layouts : default_max_layouts;
    const perf::InferenceSearchResult searched = perf::search_inference(a.used, opt);
    const std::string what =
        fmt::format("{} on {} chips", a.model.arch->id, a.used.cluster.n_chips);
    if (auto st = check_layout_count(static_cast<std::size_t>(searched.candidates),
                                     opt.max_candidates, what);
        !st) {
      return st.error();
    }
    a.estimate = searched.best;
    perf::adopt_search_result(a.used, a.estimate);
  } else {
    a.estimate = perf::estimate_inference(a.used);
  }
  if (!a.estimate.feasible) {
    a.infeasible = Infeasible{a.estimate.reason, limit_of_reason(a.estimate.reason)};
  } else if (req.emit) {
    auto emitted = emit_launch(cat, *req.emit, a.used, a.estimate);
    if (!emitted) return emitted.error();
    a.launch = std::move(*emitted);
  }
  return a;
}

}  // namespace suanli::api
