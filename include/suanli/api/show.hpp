// `show ID` through the front door: one chip, system or model of the catalog (an alias is
// followed, with a note), or a model config.json read from a path, as catalog values that io/
// writes; an unknown id is not_found with "did you mean".
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "suanli/api/fields.hpp"
#include "suanli/catalog/catalog.hpp"

namespace suanli::api {

struct ShowRequest {
  std::string id;  // chip, system or model id (or alias), or a path to a config.json
};

template <>
std::span<const Field<ShowRequest>> fields<ShowRequest>();

// Exactly one of chip, system, model and model_file is set.
struct ShowAnswer {
  const hw::Chip* chip = nullptr;                      // the chip shown
  const hw::ChipProfile* profile = nullptr;            // its measured kernel profile, if any
  const hw::System* system = nullptr;                  // the system shown
  const hw::Chip* system_chip = nullptr;               // the system's chip, when in the catalog
  const model::ModelArch* model = nullptr;             // the catalog model shown
  const catalog::ModelSource* model_source = nullptr;  // where that model comes from
  std::optional<model::ModelArch> model_file;          // a model read from a config.json path
  std::vector<std::string> notes;                      // an alias followed

  // The model shown (catalog or file), or nullptr.
  const model::ModelArch* shown_model() const { return model_file ? &*model_file : model; }
};

// True when the request names a config.json file rather than a catalog entry: show() then
// needs no catalog.
bool names_model_file(const ShowRequest& request);

// The entry the request names; `cat` may be null only when names_model_file(request).
core::Result<ShowAnswer> show(const catalog::Catalog* cat, const ShowRequest& request);

}  // namespace suanli::api
