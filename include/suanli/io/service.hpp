// The front door as one function of text-free values: a verb ("infer", "compare", ...) and its
// request JSON in, the answer JSON out, exactly what `suanli <verb> ... --format json` prints.
// The CLI's JSON, the HTTP server and the Python module all go through it; the verb table and
// each verb's request fields (from api/fields) also generate the server's OpenAPI document.
#pragma once

#include <nlohmann/json.hpp>

#include <cstddef>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "suanli/api/fields.hpp"
#include "suanli/api/resource_limits.hpp"
#include "suanli/catalog/catalog.hpp"
#include "suanli/core/result.hpp"

namespace suanli::io {

// Progress of a long search: items done of total, seconds since it started.
using ServiceProgress = std::function<void(std::size_t done, std::size_t total, double elapsed_s)>;

struct ServiceOptions {
  // Whether request values may name files (a model config.json, classify's spec, show PATH);
  // a server answering the network sets false: such a value is then an unknown id.
  bool read_files = true;
  int validate_threads = 1;    // workers predicting a posted suite
  api::ResourceLimits limits;  // caps of a service answering other people's requests
  ServiceProgress progress;    // optional; called by the searches that report progress
};

struct ServiceAnswer {
  nlohmann::ordered_json json;         // what `suanli <verb> --format json` prints
  std::vector<std::string> notes;      // what it prints as "note:" lines (aliases followed, ...)
  std::optional<core::Error> failure;  // set when the CLI exits non-zero after printing the
                                       // JSON (an infeasible infer, a plan with no ok row)
};

struct Verb {
  std::string_view name;     // "infer", "access", ...
  std::string_view command;  // the CLI command: "infer", "policy access", ...
  std::string_view summary;  // one line
  bool reports_progress;     // calls ServiceOptions::progress
};

// Every verb, in a fixed order.
std::span<const Verb> service_verbs();
const Verb* find_verb(std::string_view name);

// One request field of a verb as JSON sees it.
struct VerbField {
  std::string key;  // JSON key: the flag name with underscores
  std::string help;
  api::FieldKind kind = api::FieldKind::value;
  bool required = false;
};

// The request fields of `verb`; a usage error with "did you mean" for an unknown verb.
core::Result<std::vector<VerbField>> verb_fields(std::string_view verb);

// Reads the request with io::request_from_json (unknown keys are usage errors), asks the front
// door, and writes the answer with the CLI's JSON writer. Errors are those of the CLI command.
core::Result<ServiceAnswer> answer(const catalog::Catalog& cat, std::string_view verb,
                                   const nlohmann::json& request,
                                   const ServiceOptions& options = {});

// As answer(), with the failure of a printed answer returned as the error.
core::Result<nlohmann::ordered_json> answer_json(const catalog::Catalog& cat, std::string_view verb,
                                                 const nlohmann::json& request,
                                                 const ServiceOptions& options = {});

}  // namespace suanli::io
