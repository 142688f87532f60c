// JSON and text forms of a launch config (`--emit`): the stack and the release its flags follow,
// the configuration it launches, each command with its role and node, each file, and the settings
// suanli cannot decide. The text form is what a practitioner pastes: commands, then files.
#pragma once

#include <nlohmann/json.hpp>

#include <string>

#include "suanli/api/emit.hpp"

namespace suanli::io {

nlohmann::ordered_json launch_json(const api::Emitted& emitted);
std::string launch_text(const api::Emitted& emitted);

}  // namespace suanli::io
