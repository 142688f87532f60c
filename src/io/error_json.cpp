#include "suanli/io/error_json.hpp"

namespace suanli::io {

nlohmann::ordered_json error_json(const core::Error& error) {
  nlohmann::ordered_json problems = nlohmann::ordered_json::array();
  for (const core::Problem& p : error.problems) {
    nlohmann::ordered_json j;
    j["file"] = p.file;
    j["line"] = p.line;
    j["key"] = p.key_path;
    j["message"] = p.message;
    j["hint"] = p.hint;
    problems.push_back(std::move(j));
  }
  nlohmann::ordered_json out;
  out["code"] = core::to_string(error.code);
  out["message"] = error.message;
  out["problems"] = std::move(problems);
  out["hints"] = error.hints;
  return out;
}

}  // namespace suanli::io
