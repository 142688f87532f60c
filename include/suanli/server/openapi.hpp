// The OpenAPI 3.1 document of `suanli serve`, generated from the route table (routes.hpp) and
// each verb's request fields (io::verb_fields, from the api/ option tables), so it lists exactly
// the endpoints and request keys the server reads.
#pragma once

#include <nlohmann/json.hpp>

#include <string_view>

namespace suanli::server {

nlohmann::ordered_json openapi_document(std::string_view version);

}  // namespace suanli::server
