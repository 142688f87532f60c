// Inference data beside the hardware catalog: fitted efficiency tables (data/efficiency/*.yaml)
// and serving-scenario presets (data/scenarios/*.yaml). Loaded by load_catalog(); lookups here.
#pragma once

#include <string_view>
#include <vector>

#include "suanli/catalog/catalog.hpp"
#include "suanli/core/result.hpp"
#include "suanli/perf/infer/scenario.hpp"

namespace suanli::catalog {

// Scenario presets of every catalog directory, sorted by id.
const std::vector<perf::ScenarioPreset>& scenarios(const Catalog& cat);

// A preset by id, or not_found with "did you mean".
core::Result<const perf::ScenarioPreset*> find_scenario(const Catalog& cat, std::string_view id);

}  // namespace suanli::catalog
