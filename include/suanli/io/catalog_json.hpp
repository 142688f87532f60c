// JSON form of catalog entities (chips, systems, models) and of a chip comparison. Field names
// are part of the CLI/HTTP contract (docs/cli.md); numbers are rounded via io/number.hpp.
#pragma once

#include <nlohmann/json.hpp>

#include "suanli/catalog/catalog.hpp"
#include "suanli/hw/chip.hpp"
#include "suanli/hw/system.hpp"
#include "suanli/model/model_arch.hpp"

namespace suanli::io {

nlohmann::ordered_json chip_json(const hw::Chip& chip);
nlohmann::ordered_json system_json(const hw::System& system, const hw::Chip* chip);
nlohmann::ordered_json model_json(const model::ModelArch& model, const catalog::ModelSource* src);

// Side-by-side metrics of two chips with ratio a/b (null where either side is unknown).
nlohmann::ordered_json chip_comparison_json(const hw::Chip& a, const hw::Chip& b);

// JSON number or null.
nlohmann::ordered_json number_or_null(std::optional<double> x, int digits = 6);

}  // namespace suanli::io
