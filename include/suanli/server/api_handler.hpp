// The JSON endpoints without the transport: an HTTP request (method, path, query, body) in, the
// status and JSON body out, through the dispatcher (io/service.hpp) and the one error-code to
// HTTP-status map (core::http_status). Never throws past its caller's catch-all; stateless.
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "suanli/catalog/catalog.hpp"
#include "suanli/core/error.hpp"
#include "suanli/io/service.hpp"
#include "suanli/server/routes.hpp"

namespace suanli::server {

using Params = std::vector<std::pair<std::string, std::string>>;

struct HttpRequest {
  Method method = Method::get;
  std::string path;  // decoded, without the query string
  Params query;      // decoded query parameters in order
  std::string body;  // POST body
};

struct HttpResponse {
  int status = 200;
  std::string body;
  std::string content_type = "application/json";
  Params headers;  // extra headers (Allow on 405)
};

struct ApiConfig {
  // Per request: 2 search threads, 20 s of a train, plan or compare search, 2,000,000 layouts
  // of a training search, the library's default caps on inference layouts and suite cases (a
  // request may not raise them).
  api::ResourceLimits limits{2, 20, 2'000'000, api::default_max_layouts,
                             api::default_max_suite_cases};
  int validate_threads = 1;              // workers predicting a posted suite
  std::size_t max_body_bytes = 1 << 20;  // POST bodies over this are 413
};

// The route for `path` and `method`; nullptr when none. `allowed` lists the method of a route
// with this path and another method (405), else it is left alone.
const Route* find_route(std::string_view path, Method method, const Route** allowed);

// The decoded parameters of the query string of a request target ("/p?a=1&b=x%20y"): '+' is a
// space, %XX a byte; a malformed escape is kept as typed.
Params parse_query(std::string_view target);

// Whether the request asks for server-sent events (`?stream=1`).
bool wants_stream(const HttpRequest& request);

// The request JSON a route's verb reads: the body (POST) or the query (GET), and the path key;
// usage errors for malformed JSON, a non-object, or an unknown query parameter of a POST.
core::Result<nlohmann::json> request_json(const Route& route, const HttpRequest& request);

// The whole exchange: 200 with what `suanli <verb> --format json` prints, or the error body with
// core::http_status (422 for an answer the CLI exits 3 on; 404 for an unknown path; 405 with
// Allow for a known path and another method; 413 for a body over the cap).
HttpResponse answer_api(const catalog::Catalog& cat, const ApiConfig& config,
                        const HttpRequest& request, const io::ServiceProgress& progress = {});

// An error as a response: core::http_status(error.code) and io::error_json.
HttpResponse error_response(const core::Error& error);
HttpResponse error_response(int status, const core::Error& error);

}  // namespace suanli::server
