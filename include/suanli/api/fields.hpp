// The one option table of every request type: each field's name (the CLI flag without dashes;
// the JSON key is the same with underscores), help, whether it is a flag or required, how its
// text is parsed into the request and printed back. The CLI, the JSON reader, the HTTP server and
// the Python module all read requests through these tables, so a value is parsed one way.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "suanli/core/result.hpp"

namespace suanli::api {

enum class FieldKind {
  value,       // takes one value: --name VALUE
  flag,        // on when present: --name (JSON: true / false)
  list,        // comma-separated values: --name a,b (JSON: an array or "a,b")
  positional,  // the command's operand: `classify CHIP` (JSON: a key like any other)
};

template <class Request>
struct Field {
  std::string_view name;  // "tpot-slo": flag --tpot-slo, JSON key "tpot_slo"
  std::string_view help;  // one line for --help and the OpenAPI description
  FieldKind kind = FieldKind::value;
  bool required = false;
  // Parses `text` into the request; the error message does not name the field (the caller
  // prefixes it in the front end's spelling). A flag receives "true" or "false".
  core::Status (*set)(Request& request, std::string_view text) = nullptr;
  // The value as text that `set` reads back to the same value; nullopt when not given.
  std::optional<std::string> (*get)(const Request& request) = nullptr;
};

// The table of a request type; defined next to each request.
template <class Request>
std::span<const Field<Request>> fields();

// How a front end spells field names in messages.
enum class KeyStyle { flag, json };  // "--tpot-slo" / "tpot_slo"

std::string key_name(std::string_view field_name, KeyStyle style);

// The field called `key` (either spelling), or nullptr.
template <class Request>
const Field<Request>* find_field(std::string_view key) {
  for (const Field<Request>& f : fields<Request>()) {
    if (key_name(f.name, KeyStyle::json) == key_name(key, KeyStyle::json)) return &f;
  }
  return nullptr;
}

// Every field name of `Request` in `style`, for "did you mean".
template <class Request>
std::vector<std::string> key_names(KeyStyle style) {
  std::vector<std::string> out;
  for (const Field<Request>& f : fields<Request>()) out.push_back(key_name(f.name, style));
  return out;
}

// Sets field `key` from `text`: usage errors name the key in `style`; an unknown key is a usage
// error with "did you mean".
core::Status unknown_key(std::string_view key, KeyStyle style,
                         const std::vector<std::string>& names);
core::Error field_error(std::string_view field_name, KeyStyle style, const core::Error& error);

template <class Request>
core::Status set_field(Request& request, std::string_view key, std::string_view text,
                       KeyStyle style) {
  const Field<Request>* f = find_field<Request>(key);
  if (f == nullptr) return unknown_key(key, style, key_names<Request>(style));
  if (auto st = f->set(request, text); !st) return field_error(f->name, style, st.error());
  return core::ok_status();
}

// The fields a request gives (those whose get() has a value), in table order, as name/text.
template <class Request>
std::vector<std::pair<std::string, std::string>> given_fields(const Request& request) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const Field<Request>& f : fields<Request>()) {
    if (auto v = f.get(request)) out.emplace_back(std::string(f.name), std::move(*v));
  }
  return out;
}

// The command-line words that give the same request: ["--model", "x", "--tp", "8", "--flag"].
template <class Request>
std::vector<std::string> to_args(const Request& request) {
  std::vector<std::string> args;
  for (const Field<Request>& f : fields<Request>()) {
    auto v = f.get(request);
    if (!v) continue;
    if (f.kind == FieldKind::flag) {
      if (*v == "true") args.push_back(key_name(f.name, KeyStyle::flag));
      continue;
    }
    if (f.kind != FieldKind::positional) args.push_back(key_name(f.name, KeyStyle::flag));
    args.push_back(std::move(*v));
  }
  return args;
}

}  // namespace suanli::api
