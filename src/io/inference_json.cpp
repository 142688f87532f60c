#include "suanli/io/inference_json.hpp"

#include <fmt/format.h>

#include "suanli/io/number.hpp"

namespace suanli::io {
namespace {

using nlohmann::ordered_json;

ordered_json layout_json(const perf::Layout& l) {
  ordered_json j;
  j["tp"] = l.tp;
  j["pp"] = l.pp;
  j["dp"] = l.dp;
  j["ep"] = l.ep;
  j["expert_tp"] = l.etp;
  j["instances"] = l.instances;
  return j;
}

ordered_json phase_json(const perf::PhaseTime& p) {
  ordered_json j;
  j["compute_ms"] = round_sig(p.compute * 1e3, 4);
  j["memory_ms"] = round_sig(p.memory * 1e3, 4);
  j["communication_ms"] = round_sig(p.communication * 1e3, 4);
  j["overhead_ms"] = round_sig(p.overhead * 1e3, 4);
  j["total_ms"] = round_sig(p.total() * 1e3, 4);
  return j;
}

ordered_json opt_ms(const std::optional<double>& s) {
  return s ? ordered_json(round_sig(*s * 1e3, 4)) : ordered_json(nullptr);
}

}  // namespace

// Power and energy figures: 0 means unknown (the chip's TDP is unpublished).
ordered_json known_or_null(double v) {
  if (v > 0) return round_sig(v, 4);
  return nullptr;
}
std::string known_or_unknown(double v) {
  return v > 0 ? format_number(v, 3) : "unknown";
}

ordered_json inference_config_json(const perf::InferenceEstimate& e,
                                   const perf::InferenceRequest& r) {
  ordered_json j = layout_json(e.layout);
  j["concurrency"] = round_sig(e.concurrency, 5);
  j["batch_limit"] = perf::to_string(e.batch_limit);
  j["precision"] = {{"weights", hw::to_string(e.precision.weights)},
                    {"compute", hw::to_string(e.precision.compute)},
                    {"kv_cache", hw::to_string(e.precision.kv_cache)}};
  j["software"] = r.software;
  j["scenario"] = perf::to_string(r.workload.scenario);
  if (e.disaggregation.enabled()) {
    j["disaggregation"] = {{"prefill_chips", e.disaggregation.prefill_chips},
                           {"decode_chips", e.disaggregation.decode_chips},
                           {"prefill", layout_json(e.prefill_layout)}};
  } else {
    j["disaggregation"] = nullptr;
  }
  if (r.workload.cached_share > 0) j["cache_hit"] = round_sig(r.workload.cached_share, 6);
  if (r.workload.spec.draft_tokens > 0) {
    const perf::SpecDecode& s = r.workload.spec;
    j["speculative"] = {
        {"method", perf::to_string(s.method)},
        {"steps", s.draft_tokens},
        {"draft_tokens", s.verify_tokens > 0 ? s.verify_tokens : s.draft_tokens + 1},
        {"acceptance", s.acceptance},
        {"accept_length", s.accept_length > 0 ? nlohmann::ordered_json(s.accept_length)
                                              : nlohmann::ordered_json(nullptr)}};
  }
  return j;
}

std::string inference_config_text(const perf::InferenceEstimate& e) {
  return fmt::format("{} {} kv {} conc {}", perf::deployment_text(e),
                     hw::to_string(e.precision.weights), hw::to_string(e.precision.kv_cache),
                     format_number(e.concurrency, 4));
}

ordered_json inference_json(const perf::InferenceEstimate& e, const perf::InferenceRequest& r,
                            ordered_json j) {
  j["feasible"] = e.feasible;
  if (!e.feasible) {
    j["reason"] = e.reason;
    j["notes"] = e.notes;
    return j;
  }
  j["config"] = inference_config_json(e, r);
  j["output_tokens_per_s_per_chip"] = round_sig(e.output_tokens_per_s_per_chip);
  j["output_tokens_per_s"] = round_sig(e.output_tokens_per_s);
  j["input_tokens_per_s_per_chip"] = round_sig(e.input_tokens_per_s_per_chip);
  j["input_tokens_per_s"] = round_sig(e.input_tokens_per_s);
  j["requests_per_s"] = round_sig(e.requests_per_s);
  j["ttft_ms"] = round_sig(e.ttft_s * 1e3, 4);
  j["tpot_ms"] = round_sig(e.tpot_s * 1e3, 4);
  j["ttft_p99_ms"] = opt_ms(e.ttft_p99_s);
  j["tpot_p99_ms"] = opt_ms(e.tpot_p99_s);
  j["memory"] = {{"capacity_gb", round_sig(e.memory.capacity / 1e9, 4)},
                 {"weights_gb", round_sig(e.memory.weights / 1e9, 4)},
                 {"kv_cache_gb", round_sig(e.memory.kv_cache / 1e9, 4)},
                 {"workspace_gb", round_sig(e.memory.workspace / 1e9, 4)},
                 {"free_gb", round_sig(e.memory.free / 1e9, 4)}};
  j["breakdown"] = {{"prefill", phase_json(e.prefill)}, {"decode", phase_json(e.decode)}};
  j["limiter"] = perf::to_string(e.limiter);
  j["power_w_per_chip"] = known_or_null(e.power_w_per_chip);
  j["tokens_per_joule"] = known_or_null(e.tokens_per_joule);
  j["band"] = {{"low", round_sig(e.band_low, 4)}, {"high", round_sig(e.band_high, 4)}};
  j["notes"] = e.notes;
  return j;
}

Table inference_table(const perf::InferenceEstimate& e, const perf::InferenceRequest& r) {
  Table t;
  t.headers = {"field", "value"};
  t.right_align = {false, false};
  if (!e.feasible) {
    t.add_row({"feasible", "no"});
    t.add_row({"reason", e.reason});
    return t;
  }
  const auto ms = [](double s) { return format_number(s * 1e3, 4) + " ms"; };
  t.add_row({"config", inference_config_text(e)});
  t.add_row({"software / scenario",
             r.software + " / " + std::string(perf::to_string(r.workload.scenario))});
  t.add_row({"output tokens/s per chip", format_number(e.output_tokens_per_s_per_chip)});
  t.add_row({"output tokens/s", format_number(e.output_tokens_per_s)});
  t.add_row({"input tokens/s", format_number(e.input_tokens_per_s)});
  t.add_row({"TTFT (mean)", ms(e.ttft_s)});
  t.add_row({"TPOT (mean)", ms(e.tpot_s)});
  if (e.ttft_p99_s) t.add_row({"TTFT (p99)", ms(*e.ttft_p99_s)});
  if (e.tpot_p99_s) t.add_row({"TPOT (p99)", ms(*e.tpot_p99_s)});
  t.add_row({"memory per chip", fmt::format("weights {} GB, KV {} GB, workspace {} GB of {} GB",
                                            format_number(e.memory.weights / 1e9, 3),
                                            format_number(e.memory.kv_cache / 1e9, 3),
                                            format_number(e.memory.workspace / 1e9, 3),
                                            format_number(e.memory.capacity / 1e9, 3))});
  const auto phase = [&](const perf::PhaseTime& p) {
    return fmt::format("compute {}, memory {}, comm {}, overhead {}", ms(p.compute), ms(p.memory),
                       ms(p.communication), ms(p.overhead));
  };
  t.add_row({"prefill step", phase(e.prefill)});
  t.add_row({"decode step", phase(e.decode)});
  t.add_row({"limiter", fmt::format("{} (batch set by {})", perf::to_string(e.limiter),
                                    perf::to_string(e.batch_limit))});
  t.add_row({"tokens per joule", known_or_unknown(e.tokens_per_joule)});
  t.add_row({"band (tokens/s per chip)",
             format_number(e.band_low, 3) + " - " + format_number(e.band_high, 3)});
  for (const auto& n : e.notes) t.add_row({"note", n});
  return t;
}

}  // namespace suanli::io
