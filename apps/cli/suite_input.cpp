#include "suite_input.hpp"

#include <fmt/format.h>

#include <fstream>
#include <sstream>

namespace suanli::cli {

core::Result<std::vector<validate::Case>> read_suite_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) {
    return core::make_error(core::ErrorCode::invalid_input,
                            fmt::format("cannot read suite '{}'", path));
  }
  std::stringstream text;
  text << in.rdbuf();
  return validate::parse_suite(text.str(), path);
}

}  // namespace suanli::cli
