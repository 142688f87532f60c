// The JSON body of an error, the same for every front end that answers in JSON (the HTTP server,
// the Python module): {"code", "message", "problems": [{file, line, key, message, hint}], "hints"}.
#pragma once

#include <nlohmann/json.hpp>

#include "suanli/core/error.hpp"

namespace suanli::io {

nlohmann::ordered_json error_json(const core::Error& error);

}  // namespace suanli::io
