// load_chip_file(): one chip YAML outside the catalog (a hypothetical design for `classify
// --spec`), read with the same strict loader as data/chips.
#include <fmt/format.h>

#include "detail/loaders.hpp"

namespace suanli::catalog {

core::Result<hw::Chip> load_chip_file(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    // A name the file system cannot look up (e.g. longer than a file name may be) says why.
    const std::string why = ec && ec != std::errc::no_such_file_or_directory
                                ? fmt::format("cannot be read: {}", ec.message())
                                : std::string("does not exist");
    return core::make_error(core::ErrorCode::invalid_input,
                            fmt::format("chip file '{}' {}", path.string(), why));
  }
  detail::Problems problems(path.string());
  auto chip = detail::load_chip(path, problems, /*in_catalog=*/false);
  if (!chip || !problems.empty()) {
    std::vector<core::Problem> list = problems.take();
    core::Error e = core::make_error(core::ErrorCode::invalid_input,
                                     fmt::format("{} has {} problem{}", path.string(), list.size(),
                                                 list.size() == 1 ? "" : "s"));
    e.problems = std::move(list);
    return e;
  }
  return std::move(*chip);
}

}  // namespace suanli::catalog
