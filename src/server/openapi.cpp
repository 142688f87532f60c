#include "suanli/server/openapi.hpp"

#include <string>

#include "suanli/io/service.hpp"
#include "suanli/server/routes.hpp"

namespace suanli::server {
namespace {

using nlohmann::ordered_json;

// A field's value as JSON may hold it: the CLI's text, or a number / boolean / array for short.
ordered_json value_schema(const io::VerbField& f) {
  switch (f.kind) {
    case api::FieldKind::flag:
      return {{"type", "boolean"}, {"description", f.help}};
    case api::FieldKind::list:
      return {{"oneOf", ordered_json::array({{{"type", "array"}, {"items", {{"type", "string"}}}},
                                             {{"type", "string"}}})},
              {"description", f.help + " (an array, or the CLI's comma-separated text)"}};
    case api::FieldKind::value:
    case api::FieldKind::positional:
      break;
  }
  return {{"type", ordered_json::array({"string", "number"})}, {"description", f.help}};
}

ordered_json request_schema(const std::vector<io::VerbField>& fields) {
  ordered_json props = ordered_json::object();
  ordered_json required = ordered_json::array();
  for (const io::VerbField& f : fields) {
    props[f.key] = value_schema(f);
    if (f.required) required.push_back(f.key);
  }
  ordered_json s{{"type", "object"}, {"properties", props}, {"additionalProperties", false}};
  if (!required.empty()) s["required"] = required;
  return s;
}

ordered_json error_ref(std::string_view description) {
  return {
      {"description", description},
      {"content", {{"application/json", {{"schema", {{"$ref", "#/components/schemas/Error"}}}}}}}};
}

ordered_json responses(bool streams, bool post) {
  ordered_json ok_content{
      {"application/json",
       {{"schema", {{"description", "What `suanli <command> --format json` prints"}}}}}};
  if (streams) {
    ok_content["text/event-stream"] = {
        {"schema",
         {{"type", "string"},
          {"description",
           "With ?stream=1: `event: progress` lines ({done, total, elapsed_s}), then one "
           "`event: result` whose data is the JSON answer (or `event: error` with the error "
           "body)"}}}};
  }
  ordered_json r{{"200", {{"description", "The answer"}, {"content", ok_content}}},
                 {"400", error_ref("Malformed request, unknown key or bad value")},
                 {"404", error_ref("Unknown id")}};
  if (post) r["413"] = error_ref("Request body over the size limit");
  r["422"] = error_ref("Infeasible: the request cannot be met");
  r["500"] = error_ref("Internal error (a bug in suanli)");
  return r;
}

ordered_json operation(const Route& route, const io::Verb& verb,
                       const std::vector<io::VerbField>& fields) {
  ordered_json op{{"operationId", std::string(verb.name)},
                  {"summary", std::string(verb.summary)},
                  {"description", "Same request and answer as `suanli " +
                                      std::string(verb.command) + " ... --format json`"}};
  ordered_json params = ordered_json::array();
  if (route.method == Method::get) {
    for (const io::VerbField& f : fields) {
      const bool in_path = f.key == route.path_key;
      ordered_json p{{"name", f.key},
                     {"in", in_path ? "path" : "query"},
                     {"required", in_path || f.required},
                     {"description", f.help},
                     {"schema", {{"type", f.kind == api::FieldKind::flag ? "boolean" : "string"}}}};
      params.push_back(std::move(p));
    }
  } else {
    if (verb.reports_progress) {
      params.push_back({{"name", "stream"},
                        {"in", "query"},
                        {"required", false},
                        {"description", "1: answer as server-sent events with progress"},
                        {"schema", {{"type", "string"}, {"enum", {"0", "1"}}}}});
    }
    op["requestBody"] = {{"required", true},
                         {"content", {{"application/json", {{"schema", request_schema(fields)}}}}}};
  }
  if (!params.empty()) op["parameters"] = params;
  op["responses"] = responses(verb.reports_progress, route.method == Method::post);
  return op;
}

ordered_json error_schema() {
  ordered_json problem{{"type", "object"},
                       {"properties",
                        {{"file", {{"type", "string"}}},
                         {"line", {{"type", "integer"}}},
                         {"key", {{"type", "string"}}},
                         {"message", {{"type", "string"}}},
                         {"hint", {{"type", "string"}}}}}};
  return {{"type", "object"},
          {"required", {"code", "message", "problems", "hints"}},
          {"properties",
           {{"code",
             {{"type", "string"},
              {"enum",
               {"usage", "invalid_input", "not_found", "infeasible", "internal", "interrupted"}}}},
            {"message", {{"type", "string"}}},
            {"problems", {{"type", "array"}, {"items", problem}}},
            {"hints", {{"type", "array"}, {"items", {{"type", "string"}}}}}}}};
}

}  // namespace

ordered_json openapi_document(std::string_view version) {
  ordered_json paths = ordered_json::object();
  for (const Route& route : api_routes()) {
    const io::Verb* verb = io::find_verb(route.verb);
    auto fields = io::verb_fields(route.verb);
    if (verb == nullptr || !fields) continue;  // a route names a verb: tested
    const std::string method = route.method == Method::get ? "get" : "post";
    paths[std::string(route.path)][method] = operation(route, *verb, *fields);
  }
  paths["/api/v1/openapi.json"]["get"] = {
      {"operationId", "openapi"},
      {"summary", "This document"},
      {"responses", {{"200", {{"description", "The OpenAPI document"}}}}}};
  paths["/healthz"]["get"] = {
      {"operationId", "healthz"},
      {"summary", "Liveness: the catalog is loaded"},
      {"responses", {{"200", {{"description", "ok with the catalog's counts"}}}}}};
  return {{"openapi", "3.1.0"},
          {"info",
           {{"title", "suanli"},
            {"version", std::string(version)},
            {"description",
             "What AI accelerators and clusters deliver for LLMs, what they cost, and whether "
             "they can be had. Every endpoint answers what the CLI command of the same name "
             "prints with --format json."}}},
          {"paths", paths},
          {"components", {{"schemas", {{"Error", error_schema()}}}}}};
}

}  // namespace suanli::server
