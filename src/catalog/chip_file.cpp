// load_chip_file() and load_chip_text(): one chip YAML outside the catalog (a hypothetical design
// for `classify --spec`), read with the same strict loader as data/chips.
#include <fmt/format.h>

#include <fstream>
#include <sstream>

#include "detail/loaders.hpp"

namespace suanli::catalog {

core::Result<hw::Chip> load_chip_text(std::string_view text, const std::string& name) {
  detail::Problems problems(name);
  auto chip = detail::load_chip(detail::SourceFile{name, text}, problems, /*in_catalog=*/false);
  if (!chip || !problems.empty()) {
    std::vector<core::Problem> list = problems.take();
    core::Error e = core::make_error(
        core::ErrorCode::invalid_input,
        fmt::format("{} has {} problem{}", name, list.size(), list.size() == 1 ? "" : "s"));
    e.problems = std::move(list);
    return e;
  }
  return std::move(*chip);
}

core::Result<hw::Chip> load_chip_file(const std::filesystem::path& path) {
  std::error_code ec;
  const bool regular = std::filesystem::is_regular_file(path, ec);
  std::ifstream in;
  if (regular) in.open(path, std::ios::binary);
  if (!in.is_open()) {
    // A name the file system cannot look up (e.g. longer than a file name may be) says why.
    const std::string why = regular ? std::string("cannot be read")
                            : ec && ec != std::errc::no_such_file_or_directory
                                ? fmt::format("cannot be read: {}", ec.message())
                                : std::string("does not exist");
    return core::make_error(core::ErrorCode::invalid_input,
                            fmt::format("chip file '{}' {}", path.string(), why));
  }
  std::ostringstream text;
  text << in.rdbuf();
  return load_chip_text(text.str(), path.string());
}

}  // namespace suanli::catalog
