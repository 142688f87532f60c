#include "suanli/api/defaults.hpp"

namespace suanli::api {

std::string serving_stack(const catalog::Catalog& cat, const hw::Chip& chip) {
  const auto& stacks = cat.defaults.serving_stack;
  if (auto it = stacks.find(chip.vendor); it != stacks.end()) return it->second;
  if (auto it = stacks.find("other"); it != stacks.end()) return it->second;
  return "other";  // a catalog without data/defaults.yaml: the engine's generic scheduler
}

std::string training_stack(const catalog::Catalog& cat) {
  return cat.defaults.training_stack;
}

hw::Dtype training_weights(hw::Dtype compute) {
  return hw::bit_length(compute) <= 8 ? hw::Dtype::bf16 : compute;
}

const std::vector<std::string>& compare_systems(const catalog::Catalog& cat) {
  return cat.defaults.compare_systems;
}

}  // namespace suanli::api
