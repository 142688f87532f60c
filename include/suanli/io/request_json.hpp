// Requests as JSON, in and out, for every request type of the front door (api/): the keys are
// the field names with underscores ("tpot_slo"), the values the text the CLI accepts ("50ms") or
// a JSON number, boolean or array of strings. Unknown keys are errors with "did you mean". The
// HTTP server and the Python module read requests only through these functions.
#pragma once

#include <nlohmann/json.hpp>

#include "suanli/api/fields.hpp"
#include "suanli/core/result.hpp"

namespace suanli::io {

// Request from a JSON object; every bad key or value is reported (usage errors naming the key).
template <class Request>
core::Result<Request> request_from_json(const nlohmann::json& json);

// The given fields of a request as a JSON object of strings (flags as true).
template <class Request>
nlohmann::ordered_json request_to_json(const Request& request);

}  // namespace suanli::io
