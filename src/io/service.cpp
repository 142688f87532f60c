#include "suanli/io/service.hpp"

#include <fmt/format.h>

#include <array>

#include "suanli/api/chips.hpp"
#include "suanli/api/compare.hpp"
#include "suanli/api/infer.hpp"
#include "suanli/api/plan.hpp"
#include "suanli/api/policy.hpp"
#include "suanli/api/show.hpp"
#include "suanli/api/train.hpp"
#include "suanli/core/did_you_mean.hpp"
#include "suanli/io/answer_json.hpp"
#include "suanli/io/catalog_answer_json.hpp"
#include "suanli/io/plan_json.hpp"
#include "suanli/io/policy_json.hpp"
#include "suanli/io/request_json.hpp"
#include "suanli/io/validation_json.hpp"
#include "suanli/validate/suite_request.hpp"

namespace suanli::io {
namespace {

using nlohmann::json;
using nlohmann::ordered_json;

// `systems` and `models` take no fields: any key is unknown.
core::Status no_request(const json& request) {
  if (!request.is_object()) {
    return core::make_error(core::ErrorCode::usage, "a request must be a JSON object");
  }
  if (request.empty()) return core::ok_status();
  return core::make_error(
      core::ErrorCode::usage,
      fmt::format("unknown key '{}': this request takes no fields", request.begin().key()));
}

std::vector<VerbField> no_fields() {
  return {};
}

core::Error over_limit(std::string_view key, std::string value, std::string limit) {
  return core::make_error(core::ErrorCode::usage,
                          fmt::format("{}: {} is over this service's limit of {}", key,
                                      std::move(value), std::move(limit)));
}

// Search threads within the limit: a stated value over it is an error, the default is lowered.
core::Status limit_threads(int& threads, const json& request, const ServiceLimits& limits) {
  if (limits.max_threads <= 0 || threads <= limits.max_threads) return core::ok_status();
  if (request.contains("threads")) {
    return over_limit("threads", std::to_string(threads), std::to_string(limits.max_threads));
  }
  threads = limits.max_threads;
  return core::ok_status();
}

// A catalog model id when files may not be read (a path would be read as a config.json).
core::Status catalog_model(const catalog::Catalog& cat, const std::string& id,
                           const ServiceOptions& options) {
  if (options.read_files || id.empty()) return core::ok_status();
  auto found = cat.find_model(id);
  if (!found) return found.error();
  return core::ok_status();
}

template <class Request>
core::Result<Request> read(const json& request) {
  return request_from_json<Request>(request);
}

template <class Answer>
ServiceAnswer done(ordered_json j, const Answer& a) {
  return ServiceAnswer{std::move(j), a.notes, std::nullopt};
}

core::Result<ServiceAnswer> infer(const catalog::Catalog& cat, const json& j,
                                  const ServiceOptions& o) {
  auto r = read<api::InferRequest>(j);
  if (!r) return r.error();
  if (auto st = catalog_model(cat, r->model, o); !st) return st.error();
  if (auto st = limit_threads(r->threads, j, o.limits); !st) return st.error();
  auto a = api::predict_inference(cat, *r);
  if (!a) return a.error();
  ServiceAnswer out = done(infer_answer_json(*a), *a);
  if (a->infeasible)
    out.failure = core::make_error(core::ErrorCode::infeasible, a->infeasible->reason);
  return out;
}

core::Result<ServiceAnswer> compare(const catalog::Catalog& cat, const json& j,
                                    const ServiceOptions& o) {
  auto r = read<api::CompareRequest>(j);
  if (!r) return r.error();
  if (auto st = catalog_model(cat, r->model, o); !st) return st.error();
  if (auto st = limit_threads(r->threads, j, o.limits); !st) return st.error();
  auto a = api::compare(cat, *r, o.progress);
  if (!a) return a.error();
  return done(compare_answer_json(*a), *a);
}

core::Result<ServiceAnswer> train(const catalog::Catalog& cat, const json& j,
                                  const ServiceOptions& o) {
  auto r = read<api::TrainRequest>(j);
  if (!r) return r.error();
  if (auto st = catalog_model(cat, r->model, o); !st) return st.error();
  if (auto st = limit_threads(r->threads, j, o.limits); !st) return st.error();
  const ServiceLimits& l = o.limits;
  if (l.max_time_budget_s > 0) {
    if (r->time_budget > l.max_time_budget_s) {
      return over_limit("time_budget", fmt::format("{:g} s", r->time_budget),
                        fmt::format("{:g} s", l.max_time_budget_s));
    }
    if (r->time_budget == 0) r->time_budget = l.max_time_budget_s;
  }
  if (l.max_evaluations > 0) {
    if (r->max_evaluations > l.max_evaluations) {
      return over_limit("max_evaluations", std::to_string(r->max_evaluations),
                        std::to_string(l.max_evaluations));
    }
    if (r->max_evaluations == 0) r->max_evaluations = l.max_evaluations;
  }
  api::TrainOptions options;
  options.progress = o.progress;
  auto a = api::predict_training(cat, *r, options);
  if (!a) return a.error();
  return done(train_answer_json(*a), *a);
}

core::Result<ServiceAnswer> plan(const catalog::Catalog& cat, const json& j,
                                 const ServiceOptions& o) {
  auto r = read<api::PlanRequest>(j);
  if (!r) return r.error();
  if (auto st = catalog_model(cat, r->model, o); !st) return st.error();
  if (auto st = limit_threads(r->threads, j, o.limits); !st) return st.error();
  auto a = api::plan(cat, *r, o.progress);
  if (!a) return a.error();
  ServiceAnswer out = done(plan_answer_json(*a), *a);
  const int n_ok = a->serving_result ? a->serving_result->n_ok : a->training_result->n_ok;
  const std::string& why =
      a->serving_result ? a->serving_result->explanation : a->training_result->explanation;
  if (n_ok == 0) out.failure = core::make_error(core::ErrorCode::infeasible, why);
  return out;
}

core::Result<ServiceAnswer> classify(const catalog::Catalog& cat, const json& j,
                                     const ServiceOptions& o) {
  auto r = read<api::ClassifyRequest>(j);
  if (!r) return r.error();
  if (!o.read_files && !r->spec.empty()) {
    core::Error e = core::make_error(core::ErrorCode::usage,
                                     "spec: this service reads no files; name a catalog chip");
    return e;
  }
  auto a = api::classify(cat, *r);
  if (!a) return a.error();
  return done(classification_json(a->classification), *a);
}

core::Result<ServiceAnswer> access(const catalog::Catalog& cat, const json& j,
                                   const ServiceOptions&) {
  auto r = read<api::AccessRequest>(j);
  if (!r) return r.error();
  auto a = api::access(cat, *r);
  if (!a) return a.error();
  return done(access_json(a->access), *a);
}

core::Result<ServiceAnswer> limits(const catalog::Catalog& cat, const json& j,
                                   const ServiceOptions&) {
  auto r = read<api::LimitsRequest>(j);
  if (!r) return r.error();
  auto a = api::limits(cat, *r);
  if (!a) return a.error();
  return done(limits_json(a->limits), *a);
}

core::Result<ServiceAnswer> timeline(const catalog::Catalog& cat, const json& j,
                                     const ServiceOptions&) {
  auto r = read<api::TimelineRequest>(j);
  if (!r) return r.error();
  auto a = api::timeline(cat, *r);
  if (!a) return a.error();
  return done(timeline_json(a->entries), *a);
}

core::Result<ServiceAnswer> show(const catalog::Catalog& cat, const json& j,
                                 const ServiceOptions& o) {
  auto r = read<api::ShowRequest>(j);
  if (!r) return r.error();
  if (!o.read_files && api::names_model_file(*r)) {
    return core::make_error(
        core::ErrorCode::not_found,
        fmt::format("'{}' is not a chip, system or model in the catalog (this service reads no "
                    "files)",
                    r->id));
  }
  auto a = api::show(&cat, *r);
  if (!a) return a.error();
  return done(show_answer_json(*a), *a);
}

core::Result<ServiceAnswer> chips(const catalog::Catalog& cat, const json& j,
                                  const ServiceOptions&) {
  auto r = read<api::ChipsRequest>(j);
  if (!r) return r.error();
  auto a = api::list_chips(cat, *r);
  if (!a) return a.error();
  return done(chips_json(a->chips), *a);
}

core::Result<ServiceAnswer> systems(const catalog::Catalog& cat, const json& j,
                                    const ServiceOptions&) {
  if (auto st = no_request(j); !st) return st.error();
  return ServiceAnswer{systems_json(cat), {}, std::nullopt};
}

core::Result<ServiceAnswer> models(const catalog::Catalog& cat, const json& j,
                                   const ServiceOptions&) {
  if (auto st = no_request(j); !st) return st.error();
  return ServiceAnswer{models_json(cat), {}, std::nullopt};
}

core::Result<ServiceAnswer> validate_suite(const catalog::Catalog& cat, const json& j,
                                           const ServiceOptions& o) {
  auto r = read<validate::SuiteRequest>(j);
  if (!r) return r.error();
  auto a = validate::run_suite_request(cat, *r, std::max(1, o.validate_threads));
  if (!a) return a.error();
  return done(validation_json(a->results, a->summary), *a);
}

template <class Request>
std::vector<VerbField> fields_of() {
  std::vector<VerbField> out;
  for (const api::Field<Request>& f : api::fields<Request>()) {
    out.push_back(
        {api::key_name(f.name, api::KeyStyle::json), std::string(f.help), f.kind, f.required});
  }
  return out;
}

struct VerbEntry {
  Verb verb;
  core::Result<ServiceAnswer> (*ask)(const catalog::Catalog&, const json&, const ServiceOptions&);
  std::vector<VerbField> (*fields)();
};

const std::array<VerbEntry, 13> verb_table{{
    {{"infer", "infer", "Predict inference throughput and latency", false},
     infer,
     fields_of<api::InferRequest>},
    {{"compare", "compare", "Best configuration and tokens/s per chip of several systems", true},
     compare,
     fields_of<api::CompareRequest>},
    {{"train", "train", "Training step time, tokens/s, MFU and memory, or the best layouts", true},
     train,
     fields_of<api::TrainRequest>},
    {{"plan", "plan", "Size a fleet for a model on every system", true},
     plan,
     fields_of<api::PlanRequest>},
    {{"classify", "classify", "ECCN 3A090 class of a chip on a date", false},
     classify,
     fields_of<api::ClassifyRequest>},
    {{"access", "policy access", "Can a chip be had for a destination on a date", false},
     access,
     fields_of<api::AccessRequest>},
    {{"limits", "policy limits",
      "Largest TPP and bandwidths a design can have outside each control", false},
     limits,
     fields_of<api::LimitsRequest>},
    {{"timeline", "policy timeline",
      "Every dated rule change, optionally for a chip and destination", false},
     timeline,
     fields_of<api::TimelineRequest>},
    {{"show", "show", "One chip, system or model in full", false},
     show,
     fields_of<api::ShowRequest>},
    {{"chips", "chips", "Accelerators of the catalog, filtered and sorted", false},
     chips,
     fields_of<api::ChipsRequest>},
    {{"systems", "systems", "Systems of the catalog (nodes, racks, supernodes)", false},
     systems,
     no_fields},
    {{"models", "models", "Models of the catalog with derived parameter counts", false},
     models,
     no_fields},
    {{"validate", "validate", "Predict every case of a posted validation suite", false},
     validate_suite,
     fields_of<validate::SuiteRequest>},
}};

const VerbEntry* find_entry(std::string_view name) {
  for (const VerbEntry& e : verb_table) {
    if (e.verb.name == name) return &e;
  }
  return nullptr;
}

core::Error unknown_verb(std::string_view name) {
  std::vector<std::string> names;
  for (const VerbEntry& e : verb_table) names.emplace_back(e.verb.name);
  core::Error e = core::make_error(core::ErrorCode::usage, fmt::format("unknown verb '{}'", name));
  e.hints.push_back(core::did_you_mean(name, names));
  return e;
}

}  // namespace

std::span<const Verb> service_verbs() {
  static const std::vector<Verb> verbs = [] {
    std::vector<Verb> out;
    for (const VerbEntry& e : verb_table) out.push_back(e.verb);
    return out;
  }();
  return verbs;
}

const Verb* find_verb(std::string_view name) {
  const VerbEntry* e = find_entry(name);
  return e == nullptr ? nullptr : &e->verb;
}

core::Result<std::vector<VerbField>> verb_fields(std::string_view verb) {
  const VerbEntry* e = find_entry(verb);
  if (e == nullptr) return unknown_verb(verb);
  return e->fields();
}

core::Result<ServiceAnswer> answer(const catalog::Catalog& cat, std::string_view verb,
                                   const json& request, const ServiceOptions& options) {
  const VerbEntry* e = find_entry(verb);
  if (e == nullptr) return unknown_verb(verb);
  return e->ask(cat, request, options);
}

core::Result<ordered_json> answer_json(const catalog::Catalog& cat, std::string_view verb,
                                       const json& request, const ServiceOptions& options) {
  auto a = answer(cat, verb, request, options);
  if (!a) return a.error();
  if (a->failure) return *a->failure;
  return std::move(a->json);
}

}  // namespace suanli::io
