#include "suanli/server/api_handler.hpp"

#include <fmt/format.h>

#include "suanli/io/error_json.hpp"

namespace suanli::server {
namespace {

using nlohmann::json;

// "/api/v1/show/{id}" matches "/api/v1/show/<one non-empty segment>".
bool matches(const Route& route, std::string_view path, std::string& param) {
  if (route.path_key.empty()) return path == route.path;
  const std::string_view prefix = route.path.substr(0, route.path.find('{'));
  if (!path.starts_with(prefix)) return false;
  const std::string_view rest = path.substr(prefix.size());
  if (rest.empty() || rest.find('/') != std::string_view::npos) return false;
  param = std::string(rest);
  return true;
}

std::string path_param(const Route& route, std::string_view path) {
  std::string param;
  matches(route, path, param);
  return param;
}

core::Error usage(std::string message) {
  return core::make_error(core::ErrorCode::usage, std::move(message));
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string decode(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '+') {
      out += ' ';
    } else if (s[i] == '%' && i + 2 < s.size() && hex_digit(s[i + 1]) >= 0 &&
               hex_digit(s[i + 2]) >= 0) {
      out += static_cast<char>(hex_digit(s[i + 1]) * 16 + hex_digit(s[i + 2]));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

}  // namespace

Params parse_query(std::string_view target) {
  Params out;
  const std::size_t q = target.find('?');
  if (q == std::string_view::npos) return out;
  std::string_view rest = target.substr(q + 1);
  while (!rest.empty()) {
    const std::size_t amp = rest.find('&');
    const std::string_view pair = rest.substr(0, amp);
    if (!pair.empty()) {
      const std::size_t eq = pair.find('=');
      out.emplace_back(decode(pair.substr(0, eq)),
                       eq == std::string_view::npos ? "" : decode(pair.substr(eq + 1)));
    }
    if (amp == std::string_view::npos) break;
    rest = rest.substr(amp + 1);
  }
  return out;
}

const Route* find_route(std::string_view path, Method method, const Route** allowed) {
  for (const Route& r : api_routes()) {
    std::string param;
    if (!matches(r, path, param)) continue;
    if (r.method == method) return &r;
    if (allowed != nullptr) *allowed = &r;
  }
  return nullptr;
}

bool wants_stream(const HttpRequest& request) {
  for (const auto& [key, value] : request.query) {
    if (key == "stream") return value == "1" || value == "true";
  }
  return false;
}

core::Result<json> request_json(const Route& route, const HttpRequest& request) {
  json j = json::object();
  if (route.method == Method::post) {
    for (const auto& [key, value] : request.query) {
      if (key != "stream") {
        return usage(
            fmt::format("unknown query parameter '{}': a POST takes its request as a "
                        "JSON body (only ?stream=1 is read from the query)",
                        key));
      }
    }
    if (request.body.find_first_not_of(" \t\r\n") != std::string::npos) {
      j = json::parse(request.body, nullptr, false);
      if (j.is_discarded()) return usage("the request body is not valid JSON");
      if (!j.is_object()) return usage("the request body must be a JSON object");
    }
  } else {
    for (const auto& [key, value] : request.query) {
      if (j.contains(key)) return usage(fmt::format("query parameter '{}' given twice", key));
      j[key] = value;
    }
  }
  if (!route.path_key.empty()) {
    const std::string key(route.path_key);
    if (j.contains(key)) return usage(fmt::format("'{}' is given by the path", key));
    j[key] = path_param(route, request.path);
  }
  return j;
}

HttpResponse error_response(int status, const core::Error& error) {
  return HttpResponse{status, io::error_json(error).dump(2) + "\n", "application/json", {}};
}

HttpResponse error_response(const core::Error& error) {
  return error_response(core::http_status(error.code), error);
}

HttpResponse answer_api(const catalog::Catalog& cat, const ApiConfig& config,
                        const HttpRequest& request, const io::ServiceProgress& progress) {
  const Route* allowed = nullptr;
  const Route* route = find_route(request.path, request.method, &allowed);
  if (route == nullptr && allowed != nullptr) {
    HttpResponse r = error_response(
        405, usage(fmt::format("{} takes {}", allowed->path, to_string(allowed->method))));
    r.headers.emplace_back("Allow", to_string(allowed->method));
    return r;
  }
  if (route == nullptr) {
    core::Error e =
        core::make_error(core::ErrorCode::not_found, fmt::format("no endpoint '{}'", request.path));
    e.hints.emplace_back("the endpoints are listed in /api/v1/openapi.json");
    return error_response(e);
  }
  if (request.body.size() > config.max_body_bytes) {
    return error_response(413, usage(fmt::format("the request body is over the limit of {} bytes",
                                                 config.max_body_bytes)));
  }
  auto j = request_json(*route, request);
  if (!j) return error_response(j.error());
  io::ServiceOptions options;
  options.read_files = false;
  options.validate_threads = config.validate_threads;
  options.limits = config.limits;
  options.progress = progress;
  auto a = io::answer(cat, route->verb, *j, options);
  if (!a) return error_response(a.error());
  if (a->failure) return error_response(*a->failure);
  return HttpResponse{200, a->json.dump(2) + "\n", "application/json", {}};
}

}  // namespace suanli::server
