#include "suanli/io/catalog_answer_json.hpp"

#include "suanli/io/catalog_json.hpp"
#include "suanli/io/profile_json.hpp"

namespace suanli::io {

using nlohmann::ordered_json;

ordered_json chips_json(const std::vector<const hw::Chip*>& chips) {
  ordered_json json = ordered_json::array();
  for (const hw::Chip* c : chips) json.push_back(chip_json(*c));
  return json;
}

ordered_json systems_json(const catalog::Catalog& cat) {
  ordered_json json = ordered_json::array();
  for (const hw::System& s : cat.systems) {
    auto chip = cat.find_chip(s.chip_id);
    json.push_back(system_json(s, chip ? chip->item : nullptr));
  }
  return json;
}

ordered_json models_json(const catalog::Catalog& cat) {
  ordered_json json = ordered_json::array();
  for (const model::ModelArch& m : cat.models)
    json.push_back(model_json(m, cat.model_source(m.id)));
  return json;
}

ordered_json show_answer_json(const api::ShowAnswer& answer) {
  if (answer.chip != nullptr) {
    ordered_json json = chip_json(*answer.chip);
    json["profile"] = profile_summary_json(answer.profile);
    return json;
  }
  if (answer.system != nullptr) return system_json(*answer.system, answer.system_chip);
  return model_json(*answer.shown_model(), answer.model_source);
}

}  // namespace suanli::io
