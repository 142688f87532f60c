#include "suite_input.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "suanli/api/resource_limits.hpp"

namespace suanli::cli {

core::Result<std::string> read_suite_text(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::exists(path, ec) && !std::filesystem::is_regular_file(path, ec)) {
    // A device or a pipe (/dev/zero, /dev/stdin) would be read without end.
    return core::make_error(core::ErrorCode::invalid_input,
                            fmt::format("cannot read suite '{}': not a regular file", path));
  }
  std::ifstream in(path);
  if (!in) {
    return core::make_error(core::ErrorCode::invalid_input,
                            fmt::format("cannot read suite '{}'", path));
  }
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

core::Result<std::vector<validate::Case>> read_suite_file(const std::string& path,
                                                          long long max_cases) {
  auto text = read_suite_text(path);
  if (!text) return text.error();
  return validate::parse_suite(*text, path, max_cases);
}

void add_max_cases(CLI::App& command, long long& max_cases) {
  command
      .add_option(
          "--max-cases", max_cases,
          fmt::format("Cases the suite may hold (default {})", api::default_max_suite_cases))
      ->check(CLI::Range(1LL, 1'000'000'000LL));
}

}  // namespace suanli::cli
