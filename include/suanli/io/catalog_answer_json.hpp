// JSON answers of the catalog questions (`chips`, `systems`, `models`, `show ID`), as the CLI
// prints them with --format json and the HTTP server returns them.
#pragma once

#include <nlohmann/json.hpp>

#include <vector>

#include "suanli/api/show.hpp"
#include "suanli/catalog/catalog.hpp"

namespace suanli::io {

nlohmann::ordered_json chips_json(const std::vector<const hw::Chip*>& chips);
nlohmann::ordered_json systems_json(const catalog::Catalog& cat);
nlohmann::ordered_json models_json(const catalog::Catalog& cat);
// A chip with its measured profile summary, a system with its chip, or a model with its source.
nlohmann::ordered_json show_answer_json(const api::ShowAnswer& answer);

}  // namespace suanli::io
