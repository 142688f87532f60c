#include "suanli/server/routes.hpp"

#include <array>

namespace suanli::server {
namespace {

const std::array routes{
    Route{Method::post, "/api/v1/infer", "infer", ""},
    Route{Method::post, "/api/v1/compare", "compare", ""},
    Route{Method::post, "/api/v1/train", "train", ""},
    Route{Method::post, "/api/v1/plan", "plan", ""},
    Route{Method::post, "/api/v1/classify", "classify", ""},
    Route{Method::post, "/api/v1/policy/access", "access", ""},
    Route{Method::post, "/api/v1/policy/limits", "limits", ""},
    Route{Method::post, "/api/v1/policy/timeline", "timeline", ""},
    Route{Method::post, "/api/v1/validate", "validate", ""},
    Route{Method::get, "/api/v1/chips", "chips", ""},
    Route{Method::get, "/api/v1/systems", "systems", ""},
    Route{Method::get, "/api/v1/models", "models", ""},
    Route{Method::get, "/api/v1/show/{id}", "show", "id"},
};

}  // namespace

std::span<const Route> api_routes() {
  return routes;
}

const char* to_string(Method method) {
  return method == Method::get ? "GET" : "POST";
}

}  // namespace suanli::server
