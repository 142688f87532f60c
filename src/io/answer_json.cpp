#include "suanli/io/answer_json.hpp"

#include <fmt/format.h>

#include "suanli/io/inference_json.hpp"
#include "suanli/io/launch_json.hpp"
#include "suanli/io/number.hpp"
#include "suanli/io/plan_json.hpp"
#include "suanli/io/policy_json.hpp"
#include "suanli/io/training_json.hpp"

namespace suanli::io {

using nlohmann::ordered_json;

ordered_json infeasible_json(const api::Infeasible& x) {
  return {{"reason", x.reason}, {"limit", api::to_string(x.limit)}};
}

ordered_json infer_answer_json(const api::InferAnswer& a) {
  ordered_json context;
  context["model"] = a.model.arch->id;
  context["system"] = nullptr;
  if (a.hardware.system != nullptr) context["system"] = a.hardware.system->id;
  context["chip"] = a.hardware.chip->id;
  context["chips"] = a.used.cluster.n_chips;
  context["input_tokens"] = a.used.workload.input_tokens;
  context["output_tokens"] = a.used.workload.output_tokens;
  ordered_json j = inference_json(a.estimate, a.used, std::move(context));
  if (a.infeasible) j["limit"] = api::to_string(a.infeasible->limit);
  if (a.used.explain && a.estimate.feasible) j["explain"] = breakdown_json(a);
  if (a.launch) j["launch"] = launch_json(*a.launch);
  return j;
}

Table infer_answer_table(const api::InferAnswer& a) {
  return inference_table(a.estimate, a.used);
}

ordered_json breakdown_json(const api::InferAnswer& a) {
  ordered_json j;
  j["efficiency_source"] = a.efficiency_source;
  ordered_json ops = ordered_json::array();
  for (const perf::OpLine& l : a.estimate.breakdown) {
    ordered_json o;
    o["op"] = l.name;
    o["flops"] = round_sig(l.flops);
    o["bytes"] = round_sig(l.bytes);
    o["precision"] = l.dtype ? ordered_json(hw::to_string(*l.dtype)) : ordered_json(nullptr);
    o["time_us"] = round_sig(l.time * 1e6, 4);
    o["bound"] = perf::to_string(l.bound);
    o["compute_efficiency"] =
        l.dtype ? ordered_json(round_sig(l.compute_efficiency, 4)) : ordered_json(nullptr);
    o["memory_efficiency"] = l.memory_efficiency > 0
                                 ? ordered_json(round_sig(l.memory_efficiency, 4))
                                 : ordered_json(nullptr);
    ops.push_back(std::move(o));
  }
  j["ops"] = std::move(ops);
  return j;
}

Table breakdown_table(const api::InferAnswer& a) {
  Table t;
  t.headers = {"op", "GFLOP", "MB", "precision", "time us", "bound", "compute eff", "memory eff"};
  t.right_align = {false, true, true, false, true, false, true, true};
  for (const perf::OpLine& l : a.estimate.breakdown) {
    t.add_row({l.name, fmt::format("{:.4g}", l.flops / 1e9), fmt::format("{:.4g}", l.bytes / 1e6),
               l.dtype ? std::string(hw::to_string(*l.dtype)) : "-",
               fmt::format("{:.4g}", l.time * 1e6), std::string(perf::to_string(l.bound)),
               l.dtype ? fmt::format("{:.3f}", l.compute_efficiency) : "-",
               l.memory_efficiency > 0 ? fmt::format("{:.3f}", l.memory_efficiency) : "-"});
  }
  return t;
}

ordered_json compare_answer_json(const api::CompareAnswer& a) {
  ordered_json j;
  const perf::ScenarioPreset& s = *a.scenario;
  j["model"] = a.model->id;
  j["scenario"] = s.id;
  j["input_tokens"] = s.input_tokens;
  j["output_tokens"] = s.output_tokens;
  j["ttft_slo_ms"] = s.ttft_slo_s * 1e3;
  j["tpot_slo_ms"] = s.tpot_slo_s * 1e3;
  j["length_spread"] = perf::to_string(a.spread);
  j["precision"] = hw::to_string(a.precision);
  ordered_json arr = ordered_json::array();
  for (const api::CompareRow& row : a.rows) {
    const perf::InferenceEstimate& e = row.estimate;
    ordered_json r;
    r["system"] = row.system;
    r["chip"] = row.chip;
    r["feasible"] = e.feasible;
    if (row.infeasible) {
      r["reason"] = row.infeasible->reason;
      r["limit"] = api::to_string(row.infeasible->limit);
    } else {
      r["config"] = inference_config_json(e, row.request);
      r["output_tokens_per_s_per_chip"] = round_sig(e.output_tokens_per_s_per_chip);
      r["ttft_ms"] = round_sig((e.ttft_p99_s ? *e.ttft_p99_s : e.ttft_s) * 1e3, 4);
      r["tpot_ms"] = round_sig((e.tpot_p99_s ? *e.tpot_p99_s : e.tpot_s) * 1e3, 4);
      r["chips_for_1m_tok_s"] = row.chips_for_1m;
      r["tokens_per_joule"] = known_or_null(e.tokens_per_joule);
      r["band"] = {{"low", round_sig(e.band_low, 4)}, {"high", round_sig(e.band_high, 4)}};
      r["limiter"] = perf::to_string(e.limiter);
      r["batch_limit"] = perf::to_string(e.batch_limit);
      r["notes"] = e.notes;  // precision fallbacks, units added, chunked prefill
    }
    if (row.access) {
      r["obtainability"] =
          row.access->obtainability
              ? ordered_json(std::string(policy::to_string(*row.access->obtainability)))
              : ordered_json(nullptr);
      r["available"] = row.access->available;
      r["access_reason"] = row.access->reason;
      r["risks"] = risks_json(row.access->risks);
      r["levy_percent"] = round_sig(row.access->levy_percent, 6);
      r["effective_price_usd"] = row.access->effective_price
                                     ? ordered_json(round_sig(*row.access->effective_price, 6))
                                     : ordered_json(nullptr);
    }
    arr.push_back(std::move(r));
  }
  j["rows"] = std::move(arr);
  if (!a.destination.country.empty()) {
    j["destination"] = a.destination.country;
    j["date"] = a.destination.date.to_string();
  }
  if (a.launch) j["launch"] = launch_json(*a.launch);
  return j;
}

namespace {

// The best config of a compare row, saying so when a scheduler setting the request gave
// (--max-batch, --step-tokens) is what set its batch: the table has no column for it.
std::string compare_config_text(const api::CompareRow& row) {
  const perf::InferenceEstimate& e = row.estimate;
  std::string text = inference_config_text(e);
  const std::string_view setting = perf::batch_set_by_request(row.request.workload, e);
  if (!setting.empty()) text += fmt::format(", batch set by {}", setting);
  return text;
}

}  // namespace

Table compare_answer_table(const api::CompareAnswer& a) {
  Table t;
  t.headers = {"system",  "best config",        "tok/s/chip", "TTFT ms",
               "TPOT ms", "chips for 1M tok/s", "tok/J",      "band"};
  t.right_align = {false, false, true, true, true, true, true, false};
  const bool access = !a.destination.country.empty();
  if (access) {
    for (const char* h : {"obtainability", "levy %", "$/chip eff."}) {
      t.headers.emplace_back(h);
      t.right_align.push_back(true);
    }
  }
  for (const api::CompareRow& row : a.rows) {
    const perf::InferenceEstimate& e = row.estimate;
    std::vector<std::string> cells;
    if (!e.feasible) {
      cells = {row.system, "does not run: " + e.reason, "-", "-", "-", "-", "-", "-"};
    } else {
      cells = {row.system,
               compare_config_text(row),
               format_number(e.output_tokens_per_s_per_chip),
               format_number((e.ttft_p99_s ? *e.ttft_p99_s : e.ttft_s) * 1e3, 4),
               format_number((e.tpot_p99_s ? *e.tpot_p99_s : e.tpot_s) * 1e3, 4),
               std::to_string(row.chips_for_1m),
               known_or_unknown(e.tokens_per_joule),
               format_number(e.band_low, 3) + "-" + format_number(e.band_high, 3)};
    }
    if (access && row.access) {
      cells.emplace_back(row.access->obtainability
                             ? std::string(policy::to_string(*row.access->obtainability))
                             : "-");
      cells.push_back(format_number(row.access->levy_percent, 3));
      cells.push_back(row.access->effective_price ? format_number(*row.access->effective_price, 4)
                                                  : "-");
    }
    t.add_row(std::move(cells));
  }
  return t;
}

std::vector<std::string> compare_risk_lines(const api::CompareAnswer& a) {
  std::vector<std::string> out;
  for (const api::CompareRow& row : a.rows) {
    if (!row.access || !row.access->available) continue;
    for (const policy::Risk& risk : row.access->risks) {
      out.push_back(risk_line(row.system, risk));
    }
  }
  return out;
}

ordered_json plan_answer_json(const api::PlanAnswer& a) {
  if (!a.serving_result) return train_plan_json(*a.training_result);
  ordered_json j = plan_json(*a.serving_result, a.currency);
  if (a.launch) j["launch"] = launch_json(*a.launch);
  return j;
}

std::string assumptions_line(const cost::Assumptions& a) {
  if (a.mode == cost::CostMode::cloud) return "rented by the hour (data/prices/cloud.yaml)";
  return fmt::format(
      "owned: {:g}-year amortization, utilization {:g}, PUE {:g}, electricity {:g} USD/kWh ({}), "
      "facility {:g} USD/kW/month",
      a.amortization_years, a.utilization, a.pue, a.usd_per_kwh,
      a.region.empty() ? "--electricity" : a.region, a.facility_usd_per_kw_month);
}

ordered_json train_answer_json(const api::TrainAnswer& a) {
  const perf::Cluster& cluster = a.problem.cluster;
  const perf::TrainingWorkload& w = a.problem.workload;
  ordered_json json;
  json["model"] = a.model.arch->id;
  json["system"] =
      cluster.system_id.empty() ? ordered_json(nullptr) : ordered_json(cluster.system_id);
  json["chip"] = cluster.chip->id;
  json["chips"] = cluster.n_chips;
  json["scaleup_domain"] = cluster.scaleup_domain;
  json["scaleup_topology"] = hw::to_string(cluster.scaleup_topology);
  json["workload"] = {
      {"seq_len", w.seq_len},
      {"global_batch_seqs", w.global_batch},
      {"global_batch_tokens", static_cast<std::int64_t>(w.global_batch) * w.seq_len},
      {"precision", hw::to_string(w.compute)},
      {"weights", hw::to_string(w.weights)},
      {"lora_rank", w.lora_rank}};
  const ordered_json body = training_estimate_json(a.estimate);
  for (const auto& [k, v] : body.items()) json[k] = v;
  if (a.run) json["time_to_train"] = training_run_json(*a.run);
  if (a.cost) {
    const search::RunCost& r = a.cost->run;
    const auto or_null = [](bool known, double v) {
      return known ? ordered_json(v) : ordered_json(nullptr);
    };
    ordered_json c = {{"usd", or_null(r.priced, r.cost.usd)},
                      {"cluster_capex_usd", or_null(r.priced, r.cost.cluster_capex_usd)},
                      {"energy_mwh", or_null(r.powered, r.cost.energy_mwh)},
                      {"facility_mw", or_null(r.powered, r.cost.facility_mw)},
                      {"basis", assumptions_line(a.cost->assumptions)},
                      {"notes", r.notes}};
    if (!r.priced) c["price_error"] = r.price_error;
    json["cost_to_train"] = std::move(c);
  }
  if (a.search) json["search"] = training_search_json(*a.search);
  return json;
}

}  // namespace suanli::io
