// `suanli infer`: one inference prediction. Layout and concurrency are searched when not given
// (best output tokens/s per chip under the TTFT/TPOT limits).
#include <fmt/format.h>

#include "commands.hpp"
#include "infer_args.hpp"
#include "suanli/io/inference_json.hpp"
#include "suanli/perf/infer_search.hpp"

namespace suanli::cli {
namespace {

struct InferArgs {
  std::string model, system, chip, precision = "fp8", kv_cache, software, scenario;
  int chips = 0;
  double input = 0, output = 0;
  int concurrency = 0;
  std::string ttft_slo, tpot_slo, disaggregate;
  int tp = 0, pp = 0, dp = 0, ep = 0;
  int mtp = 0;
  double acceptance = 0.8;
  int threads = 2;
};

core::Status parse_disaggregate(const std::string& text, perf::Disaggregation& d) {
  const auto colon = text.find(':');
  try {
    if (colon == std::string::npos) throw std::invalid_argument("colon");
    std::size_t a = 0, b = 0;
    d.prefill_chips = std::stoi(text.substr(0, colon), &a);
    d.decode_chips = std::stoi(text.substr(colon + 1), &b);
    if (a != colon || b != text.size() - colon - 1) throw std::invalid_argument("trailing");
  } catch (const std::exception&) {
    return core::make_error(core::ErrorCode::usage,
                            fmt::format("--disaggregate: '{}' is not P:D (e.g. 8:24)", text));
  }
  if (d.prefill_chips < 1 || d.decode_chips < 1) {
    return core::make_error(core::ErrorCode::usage, "--disaggregate: both pools need >= 1 chip");
  }
  return core::ok_status();
}

core::Result<perf::InferenceRequest> build_request(const catalog::Catalog& cat, const InferArgs& a,
                                                   ModelRef& model, Hardware& hw) {
  auto m = resolve_model(cat, a.model);
  if (!m) return m.error();
  model = *m;
  auto h = resolve_hardware(cat, a.system, a.chip, a.chips);
  if (!h) return h.error();
  hw = *h;
  perf::InferenceRequest r;
  r.model = model.arch;
  r.cluster = hw.cluster;
  r.software = a.software.empty() ? default_software(*hw.chip) : a.software;
  r.efficiency = perf::lookup_efficiency(cat.efficiency, hw.chip->family, r.software, "inference");
  auto w = parse_precision_flag("--precision", a.precision);
  if (!w) return w.error();
  r.precision.weights = *w;
  if (!a.kv_cache.empty()) {
    auto kv = parse_precision_flag("--kv-cache", a.kv_cache);
    if (!kv) return kv.error();
    r.precision.kv_cache = *kv;
  }
  perf::InferenceWorkload& wl = r.workload;
  wl.input_tokens = a.input;
  wl.output_tokens = a.output;
  wl.concurrency = a.concurrency;
  if (!a.ttft_slo.empty()) {
    auto t = parse_duration_flag("--ttft-slo", a.ttft_slo);
    if (!t) return t.error();
    wl.ttft_slo_s = *t;
  }
  if (!a.tpot_slo.empty()) {
    auto t = parse_duration_flag("--tpot-slo", a.tpot_slo);
    if (!t) return t.error();
    wl.tpot_slo_s = *t;
  }
  if (!a.scenario.empty()) {
    auto s = perf::parse_scenario(a.scenario);
    if (!s) {
      return core::make_error(core::ErrorCode::usage,
                              fmt::format("--scenario: '{}' is not one of offline, server, "
                                          "interactive, prefill-only, decode-only",
                                          a.scenario));
    }
    wl.scenario = *s;
  } else if (a.concurrency > 0) {
    wl.scenario = perf::Scenario::interactive;
  } else if (wl.ttft_slo_s > 0 || wl.tpot_slo_s > 0) {
    wl.scenario = perf::Scenario::server;
  }
  wl.spec.draft_tokens = a.mtp;
  wl.spec.acceptance = a.acceptance;
  r.parallelism = {a.tp, a.pp, a.dp, a.ep};
  if (!a.disaggregate.empty()) {
    auto st = parse_disaggregate(a.disaggregate, r.disaggregation);
    if (!st) return st.error();
  }
  return r;
}

void run_infer(CliContext& ctx, const InferArgs& a) {
  const catalog::Catalog* cat = ctx.catalog();
  if (cat == nullptr) return;
  ModelRef model;
  Hardware hw;
  auto req = build_request(*cat, a, model, hw);
  if (!req) {
    ctx.fail(req.error());
    return;
  }
  if (!model.note.empty()) ctx.note(model.note);
  for (const auto& n : hw.notes) ctx.note(n);
  const bool search = (req->parallelism.tp == 0 && req->parallelism.dp == 0) ||
                      (req->disaggregation.enabled() && req->prefill_parallelism.tp == 0);
  perf::InferenceEstimate e;
  perf::InferenceRequest used = *req;
  if (search) {
    perf::InferenceSearchOptions opt;
    opt.threads = a.threads;
    const perf::InferenceSearchResult sr = perf::search_inference(*req, opt);
    e = sr.best;
    used.parallelism = {e.layout.tp, e.layout.pp, e.layout.dp,
                        e.layout.etp > 1 && e.layout.ep == 1 ? 0 : e.layout.ep};
  } else {
    e = perf::estimate_inference(*req);
  }
  nlohmann::ordered_json context;
  context["model"] = model.arch->id;
  context["system"] = nullptr;
  if (hw.system != nullptr) context["system"] = hw.system->id;
  context["chip"] = hw.chip->id;
  context["chips"] = req->cluster.n_chips;
  context["input_tokens"] = req->workload.input_tokens;
  context["output_tokens"] = req->workload.output_tokens;
  ctx.emit(io::inference_json(e, used, context), io::inference_table(e, used));
  if (!e.feasible) ctx.exit_code = core::exit_code(core::ErrorCode::infeasible);
}

}  // namespace

void register_infer(CLI::App& app, CliContext& ctx) {
  auto a = std::make_shared<InferArgs>();
  CLI::App* cmd = app.add_subcommand("infer", "Predict inference throughput and latency");
  cmd->add_option("--model", a->model, "Model id or path to a config.json")->required();
  cmd->add_option("--system", a->system, "System id (e.g. hgx-h100)");
  cmd->add_option("--chip", a->chip, "Chip id (with --chips)");
  cmd->add_option("--chips", a->chips, "Number of chips (default: one system unit)")
      ->check(CLI::Range(1, 10000000));
  cmd->add_option("--precision", a->precision, "Weight and compute format")->capture_default_str();
  cmd->add_option("--kv-cache", a->kv_cache, "KV-cache format (default: software default)");
  cmd->add_option("--software", a->software,
                  "Serving stack: tensorrt-llm, vllm, sglang, mindie, vllm-ascend, lmdeploy, "
                  "other (default by vendor)");
  cmd->add_option("--input", a->input, "Mean prompt tokens")
      ->required()
      ->check(CLI::Range(1.0, 1e7));
  cmd->add_option("--output", a->output, "Mean generated tokens")->check(CLI::Range(1.0, 1e7));
  cmd->add_option("--scenario", a->scenario,
                  "offline, server, interactive, prefill-only, decode-only (default: offline; "
                  "server with SLOs; interactive with --concurrency)");
  cmd->add_option("--concurrency", a->concurrency, "Concurrent sequences")
      ->check(CLI::Range(1, 100000000));
  cmd->add_option("--ttft-slo", a->ttft_slo, "p99 TTFT limit, e.g. 2s");
  cmd->add_option("--tpot-slo", a->tpot_slo, "p99 TPOT limit, e.g. 50ms");
  cmd->add_option("--tp", a->tp, "Tensor parallel degree")->check(CLI::Range(1, 4096));
  cmd->add_option("--pp", a->pp, "Pipeline stages")->check(CLI::Range(1, 1024));
  cmd->add_option("--dp", a->dp, "Data-parallel copies / DP-attention ranks")
      ->check(CLI::Range(1, 1000000));
  cmd->add_option("--ep", a->ep, "Expert-parallel degree")->check(CLI::Range(1, 100000));
  cmd->add_option("--disaggregate", a->disaggregate, "Prefill:decode chips, e.g. 8:24");
  cmd->add_option("--mtp", a->mtp, "Speculative draft tokens per step (MTP)")
      ->check(CLI::Range(0, 16));
  cmd->add_option("--acceptance", a->acceptance, "Draft acceptance rate")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  cmd->add_option("--threads", a->threads, "Search threads")
      ->check(CLI::Range(1, 64))
      ->capture_default_str();
  cmd->callback([&ctx, a] { run_infer(ctx, *a); });
}

}  // namespace suanli::cli
