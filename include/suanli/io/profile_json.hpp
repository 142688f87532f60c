// JSON summary of a chip's measured kernel profile (data/profiles/), as `suanli show CHIP` prints
// it: whether one was measured, by whom, on what, with which software and how many points.
#pragma once

#include <nlohmann/json.hpp>

#include "suanli/hw/chip_profile.hpp"

namespace suanli::io {

// {"measured": false} for null; else measured, the provenance (source as its citation) and the
// number of points per table.
nlohmann::ordered_json profile_summary_json(const hw::ChipProfile* profile);

}  // namespace suanli::io
