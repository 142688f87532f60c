#include "suanli/io/launch_json.hpp"

#include <fmt/format.h>

namespace suanli::io {

using nlohmann::ordered_json;

ordered_json launch_json(const api::Emitted& e) {
  const launch::LaunchConfig& c = e.config;
  ordered_json j;
  j["stack"] = launch::to_string(c.stack);
  j["flags_of"] = c.flags_of;
  j["system"] = e.system;
  j["chips"] = e.chips;
  ordered_json commands = ordered_json::array();
  for (const launch::Command& cmd : c.commands) {
    commands.push_back({{"role", cmd.role}, {"node", cmd.node}, {"script", cmd.script}});
  }
  j["commands"] = std::move(commands);
  ordered_json files = ordered_json::array();
  for (const launch::File& f : c.files) {
    files.push_back({{"name", f.name}, {"content", f.content}});
  }
  j["files"] = std::move(files);
  j["undecided"] = c.undecided;
  return j;
}

std::string launch_text(const api::Emitted& e) {
  const launch::LaunchConfig& c = e.config;
  std::string out =
      fmt::format("launch: {} on {} ({} chip{}), flags of {}\n", launch::to_string(c.stack),
                  e.system, e.chips, e.chips == 1 ? "" : "s", c.flags_of);
  for (const launch::Command& cmd : c.commands) {
    out += fmt::format("\n## {} node {}\n{}", cmd.role, cmd.node + 1, cmd.script);
  }
  for (const launch::File& f : c.files) {
    out += fmt::format("\n## file {}\n{}", f.name, f.content);
  }
  return out;
}

}  // namespace suanli::io
