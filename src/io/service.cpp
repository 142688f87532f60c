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

// A catalog model id when files may not be read (a path would be read as a config.json).
core::Status catalog_model(const catalog::Catalog& cat, const std::string& id,
                           const ServiceOptions& options) {
  if (options.read_files || id.empty()) return core::ok_status();
  auto found = cat.find_model(id);
  if (!found) return found.error();
  return core::ok_status();
}

// The one shape of a verb: read the request, check it against the service's options, ask the
// front door, write the answer (with its failure, if the CLI exits non-zero after printing it).
template <class Request, class Check, class Ask, class Write>
core::Result<ServiceAnswer> run(const json& request, const Check& check, const Ask& ask,
                                const Write& write) {
  auto r = request_from_json<Request>(request);
  if (!r) return r.error();
  if (core::Status st = check(*r); !st) return st.error();
  auto a = ask(*r);
  if (!a) return a.error();
  ServiceAnswer out = write(*a);
  out.notes = a->notes;
  return out;
}

ServiceAnswer written(ordered_json j) {
  return ServiceAnswer{std::move(j), {}, std::nullopt};
}

const auto no_check = [](const auto&) { return core::ok_status(); };

// Catalog model and search threads of infer, compare and plan.
template <class Request>
auto model_and_threads(const catalog::Catalog& cat, const json& j, const ServiceOptions& o) {
  return [&cat, &j, &o](Request& r) -> core::Status {
    if (auto st = catalog_model(cat, r.model, o); !st) return st;
    return api::limit_threads(r.threads, j.contains("threads"), o.limits);
  };
}

// The same, and the seconds of a search over systems (compare, plan) within the service's cap.
template <class Request>
auto model_threads_and_budget(const catalog::Catalog& cat, const json& j, const ServiceOptions& o) {
  return [&cat, &j, &o](Request& r) -> core::Status {
    if (auto st = model_and_threads<Request>(cat, j, o)(r); !st) return st;
    return api::limit_time_budget(r.time_budget, o.limits);
  };
}

core::Result<ServiceAnswer> infer(const catalog::Catalog& cat, const json& j,
                                  const ServiceOptions& o) {
  const auto check = [&](api::InferRequest& r) -> core::Status {
    if (auto st = model_and_threads<api::InferRequest>(cat, j, o)(r); !st) return st;
    return api::limit_request_cap(r.max_layouts, "max_layouts", o.limits.max_layouts, 0);
  };
  return run<api::InferRequest>(
      j, check, [&](const api::InferRequest& r) { return api::predict_inference(cat, r); },
      [](const api::InferAnswer& a) {
        ServiceAnswer out = written(infer_answer_json(a));
        if (a.infeasible) {
          out.failure = core::make_error(core::ErrorCode::infeasible, a.infeasible->reason);
        }
        return out;
      });
}

core::Result<ServiceAnswer> compare(const catalog::Catalog& cat, const json& j,
                                    const ServiceOptions& o) {
  return run<api::CompareRequest>(
      j, model_threads_and_budget<api::CompareRequest>(cat, j, o),
      [&](const api::CompareRequest& r) { return api::compare(cat, r, o.progress); },
      [](const api::CompareAnswer& a) { return written(compare_answer_json(a)); });
}

core::Result<ServiceAnswer> train(const catalog::Catalog& cat, const json& j,
                                  const ServiceOptions& o) {
  const auto check = [&](api::TrainRequest& r) -> core::Status {
    if (auto st = model_and_threads<api::TrainRequest>(cat, j, o)(r); !st) return st;
    return api::limit_training_search(r, o.limits);
  };
  return run<api::TrainRequest>(
      j, check,
      [&](const api::TrainRequest& r) {
        api::TrainOptions options;
        options.progress = o.progress;
        return api::predict_training(cat, r, options);
      },
      [](const api::TrainAnswer& a) { return written(train_answer_json(a)); });
}

core::Result<ServiceAnswer> plan(const catalog::Catalog& cat, const json& j,
                                 const ServiceOptions& o) {
  return run<api::PlanRequest>(
      j, model_threads_and_budget<api::PlanRequest>(cat, j, o),
      [&](const api::PlanRequest& r) { return api::plan(cat, r, o.progress); },
      [](const api::PlanAnswer& a) {
        ServiceAnswer out = written(plan_answer_json(a));
        const bool serving = a.serving_result.has_value();
        const int n_ok = serving ? a.serving_result->n_ok : a.training_result->n_ok;
        if (n_ok == 0) {
          out.failure = core::make_error(
              core::ErrorCode::infeasible,
              serving ? a.serving_result->explanation : a.training_result->explanation);
        }
        return out;
      });
}

core::Result<ServiceAnswer> classify(const catalog::Catalog& cat, const json& j,
                                     const ServiceOptions& o) {
  return run<api::ClassifyRequest>(
      j,
      [&](const api::ClassifyRequest& r) -> core::Status {
        if (o.read_files || r.spec.empty()) return core::ok_status();
        return core::make_error(core::ErrorCode::usage,
                                "spec: this service reads no files; name a catalog chip");
      },
      [&](const api::ClassifyRequest& r) { return api::classify(cat, r); },
      [](const api::ClassifyAnswer& a) { return written(classification_json(a.classification)); });
}

// A verb with no check beyond its request: `Ask` answers it, `Write` writes its `Part`.
template <class Request, auto Ask, auto Part, auto Write>
core::Result<ServiceAnswer> plain(const catalog::Catalog& cat, const json& j,
                                  const ServiceOptions&) {
  return run<Request>(
      j, no_check, [&](const Request& r) { return Ask(cat, r); },
      [](const auto& a) { return written(Write(a.*Part)); });
}

core::Result<ServiceAnswer> show(const catalog::Catalog& cat, const json& j,
                                 const ServiceOptions& o) {
  return run<api::ShowRequest>(
      j,
      [&](const api::ShowRequest& r) -> core::Status {
        if (o.read_files || !api::names_model_file(r)) return core::ok_status();
        return core::make_error(core::ErrorCode::not_found,
                                fmt::format("'{}' is not a chip, system or model in the catalog "
                                            "(this service reads no files)",
                                            r.id));
      },
      [&](const api::ShowRequest& r) { return api::show(&cat, r); },
      [](const api::ShowAnswer& a) { return written(show_answer_json(a)); });
}

core::Result<ServiceAnswer> systems(const catalog::Catalog& cat, const json& j,
                                    const ServiceOptions&) {
  if (auto st = no_request(j); !st) return st.error();
  return written(systems_json(cat));
}

core::Result<ServiceAnswer> models(const catalog::Catalog& cat, const json& j,
                                   const ServiceOptions&) {
  if (auto st = no_request(j); !st) return st.error();
  return written(models_json(cat));
}

core::Result<ServiceAnswer> validate_suite(const catalog::Catalog& cat, const json& j,
                                           const ServiceOptions& o) {
  return run<validate::SuiteRequest>(
      j,
      [&](validate::SuiteRequest& r) {
        return api::limit_request_cap(r.max_cases, "max_cases", o.limits.max_suite_cases, 0);
      },
      [&](const validate::SuiteRequest& r) {
        return validate::run_suite_request(cat, r, std::max(1, o.validate_threads));
      },
      [](const validate::SuiteAnswer& a) {
        return written(validation_json(a.results, a.summary));
      });
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
     plain<api::AccessRequest, api::access, &api::AccessAnswer::access, access_json>,
     fields_of<api::AccessRequest>},
    {{"limits", "policy limits",
      "Largest TPP and bandwidths a design can have outside each control", false},
     plain<api::LimitsRequest, api::limits, &api::LimitsAnswer::limits, limits_json>,
     fields_of<api::LimitsRequest>},
    {{"timeline", "policy timeline",
      "Every dated rule change, optionally for a chip and destination", false},
     plain<api::TimelineRequest, api::timeline, &api::TimelineAnswer::entries, timeline_json>,
     fields_of<api::TimelineRequest>},
    {{"show", "show", "One chip, system or model in full", false},
     show,
     fields_of<api::ShowRequest>},
    {{"chips", "chips", "Accelerators of the catalog, filtered and sorted", false},
     plain<api::ChipsRequest, api::list_chips, &api::ChipsAnswer::chips, chips_json>,
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
