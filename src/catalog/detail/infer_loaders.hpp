// Loaders for the inference data of a catalog directory: efficiency tables and scenario presets.
#pragma once

#include <vector>

#include "suanli/catalog/catalog.hpp"
#include "suanli/catalog/catalog_dir.hpp"
#include "suanli/core/error.hpp"

namespace suanli::catalog::detail {

// data/efficiency/*.yaml: appends every entry; problems are located by file and line.
void load_efficiency_dir(const CatalogDir& dir, std::vector<perf::EfficiencyEntry>& into,
                         std::vector<core::Problem>& problems);

// data/scenarios/*.yaml: one preset per file (file name = id).
void load_scenario_dir(const CatalogDir& dir, std::vector<perf::ScenarioPreset>& into,
                       std::vector<core::Problem>& problems);

}  // namespace suanli::catalog::detail
