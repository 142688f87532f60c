// Readers of the measured-point tables of a chip profile (docs/data-format.md §profiles): each
// reads one list of points, records located problems and keeps only the points without any.
#pragma once

#include <string>

#include "detail/yaml_reader.hpp"
#include "suanli/hw/chip_profile.hpp"

namespace suanli::catalog::detail {

// Reads every table key of a profile's top-level mapping into `profile`.
void read_profile_tables(MapReader& top, hw::ChipProfile& profile);

}  // namespace suanli::catalog::detail
