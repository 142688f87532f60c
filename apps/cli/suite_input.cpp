#include "suite_input.hpp"

#include <fmt/format.h>

#include <fstream>
#include <sstream>

namespace suanli::cli {

core::Result<std::string> read_suite_text(const std::string& path) {
  std::ifstream in(path);
  if (!in) {
    return core::make_error(core::ErrorCode::invalid_input,
                            fmt::format("cannot read suite '{}'", path));
  }
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

core::Result<std::vector<validate::Case>> read_suite_file(const std::string& path) {
  auto text = read_suite_text(path);
  if (!text) return text.error();
  return validate::parse_suite(*text, path);
}

}  // namespace suanli::cli
