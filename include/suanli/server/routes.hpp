// The HTTP routes of `suanli serve`, one table: method, path and the dispatcher verb
// (io/service.hpp) each JSON endpoint answers. The server registers these routes and the OpenAPI
// document is generated from them, so the two cannot disagree.
#pragma once

#include <span>
#include <string_view>

namespace suanli::server {

enum class Method { get, post };

struct Route {
  Method method;
  std::string_view path;      // "/api/v1/infer"; "/api/v1/show/{id}" takes the id from the path
  std::string_view verb;      // io::service verb
  std::string_view path_key;  // the request key the path parameter fills ("id"), or ""
};

// Every JSON endpoint under /api/v1 (openapi.json and /healthz are served beside them).
std::span<const Route> api_routes();

const char* to_string(Method method);  // "GET" / "POST"

// The prefix of every JSON endpoint.
inline constexpr std::string_view api_prefix = "/api/v1";

}  // namespace suanli::server
