#include "suanli/io/request_json.hpp"

#include <fmt/format.h>

#include "suanli/api/chips.hpp"
#include "suanli/api/compare.hpp"
#include "suanli/api/infer.hpp"
#include "suanli/api/plan.hpp"
#include "suanli/api/policy.hpp"
#include "suanli/api/show.hpp"
#include "suanli/api/train.hpp"
#include "suanli/validate/suite_request.hpp"

namespace suanli::io {
namespace {

core::Error bad_value(std::string_view key, std::string message) {
  return core::make_error(core::ErrorCode::usage, fmt::format("{}: {}", key, std::move(message)));
}

// The text a field's setter reads for a JSON value, or an error naming the key.
core::Result<std::string> value_text(std::string_view key, api::FieldKind kind,
                                     const nlohmann::json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_boolean()) {
    if (kind != api::FieldKind::flag) return bad_value(key, "expected a value, not true/false");
    return std::string(v.get<bool>() ? "true" : "false");
  }
  if (v.is_number_integer()) return std::to_string(v.get<long long>());
  if (v.is_number()) return fmt::format("{}", v.get<double>());
  if (v.is_array() && kind == api::FieldKind::list) {
    std::string joined;
    for (const auto& item : v) {
      if (!item.is_string()) return bad_value(key, "expected an array of strings");
      joined += (joined.empty() ? "" : ",") + item.get<std::string>();
    }
    return joined;
  }
  return bad_value(key, fmt::format("unexpected JSON {}", v.type_name()));
}

}  // namespace

template <class Request>
core::Result<Request> request_from_json(const nlohmann::json& json) {
  if (!json.is_object()) {
    return core::make_error(core::ErrorCode::usage, "a request must be a JSON object");
  }
  Request r;
  std::vector<core::Error> errors;
  for (const auto& [key, value] : json.items()) {
    const api::Field<Request>* f = api::find_field<Request>(key);
    if (f == nullptr || api::key_name(f->name, api::KeyStyle::json) != key) {
      errors.push_back(
          api::unknown_key(key, api::KeyStyle::json, api::key_names<Request>(api::KeyStyle::json))
              .error());
      continue;
    }
    auto text = value_text(key, f->kind, value);
    if (!text) {
      errors.push_back(text.error());
      continue;
    }
    if (auto st = api::set_field(r, key, *text, api::KeyStyle::json); !st) {
      errors.push_back(st.error());
    }
  }
  for (const api::Field<Request>& f : api::fields<Request>()) {
    const std::string key = api::key_name(f.name, api::KeyStyle::json);
    if (f.required && !json.contains(key)) {
      errors.push_back(bad_value(key, "is required"));
    }
  }
  if (errors.empty()) return r;
  if (errors.size() == 1) return errors.front();
  core::Error all = core::make_error(core::ErrorCode::usage,
                                     fmt::format("the request has {} problems", errors.size()));
  for (const core::Error& e : errors) {
    all.problems.push_back({"", 0, "", e.message, e.hints.empty() ? "" : e.hints.front()});
  }
  return all;
}

template <class Request>
nlohmann::ordered_json request_to_json(const Request& request) {
  nlohmann::ordered_json j = nlohmann::ordered_json::object();
  for (const api::Field<Request>& f : api::fields<Request>()) {
    auto v = f.get(request);
    if (!v) continue;
    const std::string key = api::key_name(f.name, api::KeyStyle::json);
    if (f.kind == api::FieldKind::flag) {
      j[key] = *v == "true";
    } else {
      j[key] = *v;
    }
  }
  return j;
}

#define SUANLI_REQUEST_JSON(R)                                               \
  template core::Result<R> request_from_json<R>(const nlohmann::json& json); \
  template nlohmann::ordered_json request_to_json<R>(const R& request);

SUANLI_REQUEST_JSON(api::InferRequest)
SUANLI_REQUEST_JSON(api::CompareRequest)
SUANLI_REQUEST_JSON(api::TrainRequest)
SUANLI_REQUEST_JSON(api::PlanRequest)
SUANLI_REQUEST_JSON(api::ClassifyRequest)
SUANLI_REQUEST_JSON(api::AccessRequest)
SUANLI_REQUEST_JSON(api::LimitsRequest)
SUANLI_REQUEST_JSON(api::TimelineRequest)
SUANLI_REQUEST_JSON(api::ShowRequest)
SUANLI_REQUEST_JSON(api::ChipsRequest)
SUANLI_REQUEST_JSON(validate::SuiteRequest)

#undef SUANLI_REQUEST_JSON

}  // namespace suanli::io
