#include "suanli/api/plan.hpp"

#include <fmt/format.h>

#include <array>
#include <charconv>
#include <cmath>

#include "detail/field_makers.hpp"
#include "suanli/api/defaults.hpp"
#include "suanli/api/policy.hpp"
#include "suanli/api/request_checks.hpp"
#include "suanli/catalog/infer_data.hpp"
#include "suanli/core/did_you_mean.hpp"
#include "suanli/policy/obtainability.hpp"
#include "suanli/policy/what_if.hpp"
#include "suanli/units/parse.hpp"

namespace suanli::api {
namespace {

using R = PlanRequest;
namespace d = detail;

core::Status set_objective(R& r, std::string_view t) {
  if (!search::parse_objective(t)) {
    return core::make_error(core::ErrorCode::usage,
                            fmt::format("'{}' is not one of cost, latency, energy, chips", t));
  }
  r.objective = std::string(t);
  return core::ok_status();
}

const std::array plan_fields{
    d::text<R, &R::model>("model", "Model id (e.g. deepseek-r1)", true),
    d::text<R, &R::scenario>("scenario", "Serving scenario (data/scenarios), default chat"),
    d::cache_hit<R>(),
    d::text<R, &R::target>("target", "Fleet output throughput, e.g. 1M-tok/s (inference)"),
    d::text<R, &R::dest>("dest", "Destination country (ISO code) for availability and levies"),
    d::text<R, &R::date>("date", "Date of the question, YYYY-MM-DD (with --dest)"),
    d::list<R, &R::include>("include",
                            "Also rank systems of these statuses, e.g. case_by_case (with --dest)"),
    d::text<R, &R::buyer>("buyer",
                          "Buyer profile: state, soe, operator, internet, private or foreign"),
    d::list<R, &R::what_if>(
        "what-if",
        "Policy edit: RULE=YYYY-MM-DD (ends then), RULE=lifted, 'CHIP licences revoked "
        "[DATE]' or 'CHIP customs cleared [DATE]' (with --dest)"),
    d::text<R, &R::from>("from",
                         "The buyer's current software stack (cuda, rocm, cann, neuware, xpu, "
                         "musa, maca, dtk): price porting and ramp onto every other stack"),
    d::list<R, &R::porting_months>(
        "porting-months", "Override a stack's porting effort: STACK=ENGINEER-MONTHS (with --from)"),
    d::text<R, &R::engineer_month_cost>(
        "engineer-month-cost", "Cost of one engineer-month, e.g. '20000 USD' (with --from)"),
    d::text<R, &R::horizon>("horizon",
                            "Months the plan looks ahead (default: the amortization period)"),
    d::text<R, &R::failure_rate>(
        "failure-rate",
        "Accelerators failing per year, fraction, for the horizon cost of a "
        "chip that stops being obtainable (default: data/prices)"),
    d::text<R, &R::currency>("currency",
                             "Show money in USD (default) or CNY (CFETS rate on or before the "
                             "date, data/prices/fx.yaml)"),
    d::text<R, &R::budget>("budget", "Capex budget (rent over the amortization with --cloud)"),
    d::text<R, &R::power>("power", "Facility power limit, e.g. 20MW"),
    d::list<R, &R::systems>("systems", "Systems to consider (default: the whole catalog)"),
    Field<R>{"objective", "Rank by cost, latency, energy or chips (default cost)", FieldKind::value,
             false, set_objective,
             [](const R& r) -> std::optional<std::string> {
               if (r.objective == "cost") return std::nullopt;
               return r.objective;
             }},
    d::precision<R, &R::precision>(
        "precision", "Weight precision (default fp8 for inference, bf16 for training)"),
    d::text<R, &R::software>("software", "Software stack for the efficiency lookup"),
    d::flag<R, false, &R::cloud>("cloud",
                                 "Rent by the hour (data/prices/cloud.yaml) instead of buying"),
    d::text<R, &R::region>("region", "Electricity region (default: the destination, else US)"),
    d::list<R, &R::prices>("price", "Override a price: ID=USD, per chip or per system unit"),
    d::list<R, &R::cloud_prices>("cloud-price", "Override a cloud rate: CHIP=USD/h"),
    d::text<R, &R::electricity>("electricity", "Electricity price, e.g. '0.06 USD/kWh'"),
    d::text<R, &R::amortization>("amortization", "Amortization period in years"),
    d::text<R, &R::utilization>("utilization", "Mean / provisioned power, fraction"),
    d::text<R, &R::pue>("pue", "Power usage effectiveness (facility / IT power)"),
    d::text<R, &R::node_overhead>("node-overhead", "Host power / chip TDP, fraction"),
    d::text<R, &R::server_overhead>("server-overhead", "Server capex / chip capex, fraction"),
    d::text<R, &R::network_fraction>("network-fraction", "Network capex / system capex"),
    d::text<R, &R::facility>("facility", "Datacenter cost, e.g. '184 USD/kW/month'"),
    d::text<R, &R::levy_pass_through>("levy-pass-through",
                                      "Share of a levy the buyer pays, fraction"),
    d::flag<R, false, &R::train>("train", "Plan a training cluster instead of a serving fleet"),
    d::text<R, &R::tokens>("tokens", "Tokens to train on, e.g. 15T (with --train)"),
    d::text<R, &R::days>("days", "Wall-clock limit in days (with --train)"),
    d::integer<R, 1, 10'000'000, &R::seq_len>("seq-len", "Training sequence length (4096)"),
    d::text<R, &R::batch_tokens>("batch-tokens", "Tokens per optimizer step (with --train, 16M)"),
    d::integer<R, 1, 64, &R::max_pipeline>("max-pipeline",
                                           "Largest pipeline degree searched (serving, 2)"),
    d::integer<R, 1, 12, &R::max_sizes>("max-sizes",
                                        "Deployment sizes tried per system (serving, 4)"),
    d::flag<R, true, &R::disaggregation>(
        "no-disaggregation",
        "Do not consider prefill/decode disaggregation on deployments of 16+ chips (serving)"),
    d::step_tokens<R>(),
    d::max_batch<R>(),
    d::length_spread<R>(),
    d::integer<R, 1, 256, &R::threads>("threads", "Worker threads (default 2)"),
    d::search_time_budget<R>(),
    emit_field<R>("Print the launch commands and config files of the top-ranked ok row for "
                  "vllm, sglang, trtllm, mindie or vllm-ascend (serving; also the --software "
                  "predicted)"),
};

core::Error usage(const std::string& flag, std::string message) {
  return core::make_error(core::ErrorCode::usage, fmt::format("{}: {}", flag, message));
}

core::Result<double> plain_number(const std::string& flag, const std::string& text) {
  std::string s = text;
  if (flag == "--amortization" && s.size() > 6 && s.ends_with(" years")) s.resize(s.size() - 6);
  double v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || !std::isfinite(v)) {
    return usage(flag, fmt::format("'{}' is not a number", text));
  }
  return v;
}

core::Status optional_number(const std::string& flag, const std::string& text,
                             std::optional<double>& out) {
  if (text.empty()) return core::ok_status();
  auto v = plain_number(flag, text);
  if (!v) return v.error();
  out = *v;
  return core::ok_status();
}

core::Status optional_rate(const std::string& flag, const std::string& text, std::string_view per,
                           std::optional<double>& out) {
  if (text.empty()) return core::ok_status();
  auto v = cost::parse_usd_per(text, per);
  if (!v) return usage(flag, v.error().message);
  out = *v;
  return core::ok_status();
}

// "ID=VALUE" pairs of a repeatable option; ids resolve through aliases (h20 -> nvidia-h20).
template <class Parse>
core::Status parse_pairs(const std::string& flag, const std::vector<std::string>& items,
                         const catalog::Catalog& cat, Parse parse,
                         std::map<std::string, double>& out) {
  for (const std::string& item : items) {
    const auto eq = item.find('=');
    if (eq == std::string::npos || eq == 0) {
      return usage(flag, fmt::format("'{}' is not ID=VALUE", item));
    }
    std::string id = item.substr(0, eq);
    if (auto c = cat.find_chip(id)) {
      id = c->item->id;
    } else if (auto s = cat.find_system(id)) {
      id = s->item->id;
    } else {
      core::Error e = c.error();
      e.message = fmt::format("{}: '{}' is neither a chip nor a system", flag, id);
      return e;
    }
    auto v = parse(item.substr(eq + 1));
    if (!v) return usage(flag, v.error().message);
    out[id] = *v;
  }
  return core::ok_status();
}

core::Result<cost::Overrides> overrides_of(const catalog::Catalog& cat, const R& o) {
  cost::Overrides over;
  over.mode = o.cloud ? cost::CostMode::cloud : cost::CostMode::own;
  over.region = o.region;
  const auto usd = [](const std::string& t) -> core::Result<double> {
    auto v = units::parse_usd(t);
    if (!v) return v.error();
    return v->value;
  };
  const auto per_hour = [](const std::string& t) { return cost::parse_usd_per(t, "h"); };
  for (const core::Status& st :
       {parse_pairs("--price", o.prices, cat, usd, over.prices),
        parse_pairs("--cloud-price", o.cloud_prices, cat, per_hour, over.cloud_rates),
        optional_rate("--electricity", o.electricity, "kWh", over.usd_per_kwh),
        optional_rate("--facility", o.facility, "kW/month", over.facility_usd_per_kw_month),
        optional_number("--amortization", o.amortization, over.amortization_years),
        optional_number("--utilization", o.utilization, over.utilization),
        optional_number("--pue", o.pue, over.pue),
        optional_number("--node-overhead", o.node_overhead, over.node_overhead),
        optional_number("--server-overhead", o.server_overhead, over.server_overhead),
        optional_number("--network-fraction", o.network_fraction, over.network_fraction),
        optional_number("--levy-pass-through", o.levy_pass_through, over.levy_pass_through),
        optional_number("--horizon", o.horizon, over.horizon_months),
        optional_number("--failure-rate", o.failure_rate, over.failure_rate)}) {
    if (!st) return st.error();
  }
  return over;
}

// The statuses of --include, each checked against the names (with did-you-mean).
core::Result<std::vector<policy::Obtainability>> obtainability_list(
    const std::vector<std::string>& items, bool has_destination) {
  std::vector<policy::Obtainability> out;
  if (!items.empty() && !has_destination) {
    return usage("--include", "statuses are a destination's; give --dest CC with --include");
  }
  for (const std::string& item : items) {
    auto o = policy::parse_obtainability(item);
    if (!o) {
      const auto names = policy::obtainability_names();
      core::Error e =
          usage("--include", fmt::format("'{}' is not one of {}", item, fmt::join(names, ", ")));
      if (auto hint = core::did_you_mean(item, names); !hint.empty()) e.hints.push_back(hint);
      return e;
    }
    out.push_back(*o);
  }
  return out;
}

// A what-if dated before the plan date would change the past, not the horizon: refused.
core::Status check_what_if_date(const std::string& text, const policy::WhatIf& w,
                                const search::Destination& dest) {
  if (!w.ends || !(*w.ends < dest.date)) return core::ok_status();
  return core::make_error(
      core::ErrorCode::invalid_input,
      fmt::format("--what-if '{}': {} is before the plan date {}; a what-if changes the rules on "
                  "or after --date (without a date the rule is lifted)",
                  text, w.ends->to_string(), dest.date.to_string()));
}

// The request fields serving and training plans share.
// The destination's rules with the --what-if edits applied, held by `edited`; unchanged without.
core::Status apply_what_ifs(const catalog::Catalog& cat, const R& o, search::Destination& dest,
                            std::shared_ptr<const policy::RuleSet>& edited,
                            std::vector<std::string>& notes) {
  if (o.what_if.empty()) return core::ok_status();
  if (dest.country.empty()) {
    return usage("--what-if", "a what-if edits the policy rules; give --dest CC with --what-if");
  }
  std::vector<policy::WhatIf> edits;
  for (const std::string& text : o.what_if) {
    if (policy::is_what_if_phrase(text)) {
      auto phrase = policy::parse_what_if_phrase(text);
      if (!phrase) return phrase.error();
      auto chip = cat.find_chip(phrase->chip);
      if (!chip) {
        core::Error e = chip.error();
        e.message = fmt::format("--what-if '{}': {}", text, e.message);
        return e;
      }
      auto found = policy::what_ifs_of(*phrase, chip->item->id, *dest.rules);
      if (!found) return found.error();
      for (policy::WhatIf& w : *found) {
        if (auto st = check_what_if_date(text, w, dest); !st) return st;
        notes.push_back("what-if: " + w.text);
        edits.push_back(std::move(w));
      }
      continue;
    }
    auto w = policy::parse_what_if(text, *dest.rules);
    if (!w) return w.error();
    if (auto st = check_what_if_date(text, *w, dest); !st) return st;
    notes.push_back("what-if: " + w->text);
    edits.push_back(std::move(*w));
  }
  edited = std::make_shared<const policy::RuleSet>(policy::with_what_ifs(*dest.rules, edits));
  dest.rules = edited.get();
  return core::ok_status();
}

template <class Request>
core::Status fill_common(Request& req, const catalog::Catalog& cat, const R& o,
                         cost::Usage usage_kind, PlanAnswer& ans) {
  std::vector<std::string>& notes = ans.notes;
  req.objective = *search::parse_objective(o.objective);
  if (o.systems.empty()) {
    for (const hw::System& s : cat.systems) {
      if (auto chip = cat.find_chip(s.chip_id)) req.systems.push_back({&s, chip->item, ""});
    }
  } else {
    for (const std::string& id : unique_ids(o.systems, "--systems", notes)) {
      auto s = cat.find_system(id);
      if (!s) return s.error();
      if (!s->note.empty()) notes.push_back(s->note);
      auto chip = cat.find_chip(s->item->chip_id);
      if (!chip) return chip.error();
      req.systems.push_back({s->item, chip->item, ""});
    }
  }
  auto dest = resolve_destination(cat, o.dest, o.date, notes, o.buyer);
  if (!dest) return dest.error();
  req.destination = *dest;
  auto include = obtainability_list(o.include, !o.dest.empty());
  if (!include) return include.error();
  req.destination.include = std::move(*include);
  if (auto st = apply_what_ifs(cat, o, req.destination, ans.what_if_rules, notes); !st) return st;
  if (!o.budget.empty()) {
    auto b = units::parse_usd(o.budget);
    if (!b) return usage("--budget", b.error().message);
    req.constraints.budget_usd = b->value;
  }
  if (!o.power.empty()) {
    auto w = units::parse_watts(o.power);
    if (!w) return usage("--power", w.error().message);
    req.constraints.power_w = w->value;
  }
  auto over = overrides_of(cat, o);
  if (!over) return over.error();
  auto a = cost::resolve_assumptions(cat.prices, *over, usage_kind, req.destination.country);
  if (!a) return a.error();
  req.assumptions = std::move(*a);
  req.efficiency = &cat.efficiency;
  req.profiles = &cat.profiles;
  req.prices = &cat.prices;
  req.threads = o.threads;
  req.time_budget_s = o.time_budget;
  return core::ok_status();
}

core::Status plan_serving(const catalog::Catalog& cat, const R& o, const core::Progress& progress,
                          PlanAnswer& ans) {
  if (o.target.empty()) {
    return usage("--target", "a serving plan needs a target, e.g. --target 1M-tok/s");
  }
  auto target = search::parse_target(o.target);
  if (!target) return target.error();
  auto scenario = catalog::find_scenario(cat, o.scenario);
  if (!scenario) return scenario.error();
  ans.scenario = *scenario;
  search::PlanRequest req;
  req.model = ans.model;
  req.workload = perf::workload_of(**scenario);
  req.workload.cached_share = o.cache_hit;
  req.workload.prefill_chunk = o.step_tokens;
  req.workload.max_batch = o.max_batch;
  if (o.length_spread) req.workload.spread = *o.length_spread;
  if (auto st =
          check_cache_hit(o.cache_hit, req.workload.scenario, req.workload.input_tokens, ans.notes);
      !st) {
    return st;
  }
  if (auto st = check_length_spread(o.length_spread, req.workload.scenario, 0,
                                    req.workload.output_tokens);
      !st) {
    return st;
  }
  req.precision.weights = o.precision.value_or(default_serving_weights);
  req.target_tps = *target;
  if (auto st = fill_common(req, cat, o, cost::Usage::inference, ans); !st) return st;
  auto ask =
      cost::resolve_switching(cat.switching, o.from, o.porting_months, o.engineer_month_cost);
  if (!ask) return ask.error();
  if (ask->from != nullptr) req.switching = search::SwitchingRequest{&cat.switching, *ask};
  req.stacks = &cat.switching;
  auto software = software_with_emit(o.software, o.emit);
  if (!software) return software.error();
  req.software = software->empty() ? "other" : *software;
  if (software->empty()) {
    for (auto& sc : req.systems) sc.software = serving_stack(cat, *sc.chip);
  }
  req.max_pipeline = o.max_pipeline;
  req.max_sizes = o.max_sizes;
  req.disaggregation = o.disaggregation;
  req.progress = progress;
  auto res = search::plan_inference(req);
  if (!res) return res.error();
  ans.serving = std::move(req);
  ans.serving_result = std::move(*res);
  return core::ok_status();
}

core::Status plan_train(const catalog::Catalog& cat, const R& o, const core::Progress& progress,
                        PlanAnswer& ans) {
  if (o.tokens.empty() || o.days.empty()) {
    return usage("--train", "a training plan needs --tokens (e.g. 15T) and --days");
  }
  auto tokens = training_tokens(o.tokens, "--tokens");
  if (!tokens) return tokens.error();
  auto days = plain_number("--days", o.days);
  if (!days) return days.error();
  auto batch = units::parse_count(o.batch_tokens);
  if (!batch) return usage("--batch-tokens", batch.error().message);
  search::TrainPlanRequest req;
  req.model = ans.model;
  req.workload.seq_len = o.seq_len;
  req.workload.compute = o.precision.value_or(default_training_compute);
  req.tokens = *tokens;
  req.days = *days;
  req.batch_tokens = *batch;
  req.software = o.software.empty() ? training_stack(cat) : o.software;
  if (auto st = check_training_stack(req.software); !st) return st;
  if (auto st = fill_common(req, cat, o, cost::Usage::training, ans); !st) return st;
  req.progress = progress;
  auto res = search::plan_training(req);
  if (!res) return res.error();
  ans.training = std::move(req);
  ans.training_result = std::move(*res);
  return core::ok_status();
}

}  // namespace

template <>
std::span<const Field<PlanRequest>> fields<PlanRequest>() {
  return plan_fields;
}

core::Result<PlanAnswer> plan(const catalog::Catalog& cat, const PlanRequest& o,
                              const core::Progress& progress) {
  if (o.model.empty()) return usage("--model", "a model is required");
  PlanAnswer ans;
  auto model = cat.find_model(o.model);
  if (!model) return model.error();
  ans.model = model->item;
  if (!model->note.empty()) ans.notes.push_back(model->note);
  if (o.train && !o.from.empty()) {
    return usage("--from", "switching cost is priced for serving plans, not --train");
  }
  if (o.train && o.cache_hit > 0) {
    return usage("--cache-hit", "prefix-cache hits are a serving question, not --train");
  }
  if (o.train && (o.step_tokens > 0 || o.max_batch > 0)) {
    return usage(o.step_tokens > 0 ? "--step-tokens" : "--max-batch",
                 "a serving engine's scheduler setting, not --train");
  }
  if (o.train && o.length_spread) {
    return usage("--length-spread", "answer lengths are a serving question, not --train");
  }
  if (o.train && o.emit) {
    return usage("--emit", "launch configs are for serving plans, not --train");
  }
  auto currency = cost::resolve_currency(cat.prices, o.currency, o.date);
  if (!currency) return currency.error();
  ans.currency = *currency;
  if (currency->code != "USD") {
    ans.notes.push_back(fmt::format(
        "money in {} at {:g} {} per USD (CFETS central parity of {}: {})", currency->code,
        currency->per_usd, currency->code, currency->rate_date, currency->source));
  }
  auto st = o.train ? plan_train(cat, o, progress, ans) : plan_serving(cat, o, progress, ans);
  if (!st) return st.error();
  if (o.emit) {
    auto emitted = emit_plan(cat, *o.emit, o, ans);
    if (!emitted) return emitted.error();
    ans.launch = std::move(*emitted);
  }
  return ans;
}

}  // namespace suanli::api
