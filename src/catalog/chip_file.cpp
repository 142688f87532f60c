// load_chip_file(): one chip YAML outside the catalog (a hypothetical design for `classify
// --spec`), read with the same strict loader as data/chips.
#include <fmt/format.h>

#include "detail/loaders.hpp"

namespace suanli::catalog {

core::Result<hw::Chip> load_chip_file(const std::filesystem::path& path) {
  if (!std::filesystem::is_regular_file(path)) {
    return core::make_error(core::ErrorCode::invalid_input,
                            fmt::format("chip file '{}' does not exist", path.string()));
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
