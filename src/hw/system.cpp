#include "suanli/hw/system.hpp"

#include <array>
#include <utility>

namespace suanli::hw {
namespace {
constexpr std::array<std::pair<Topology, std::string_view>, 6> topology_names{{
    {Topology::switched, "switched"},
    {Topology::torus_2d, "torus_2d"},
    {Topology::torus_3d, "torus_3d"},
    {Topology::ring, "ring"},
    {Topology::pcie, "pcie"},
    {Topology::clos, "clos"},
}};
}  // namespace

std::string_view to_string(Topology t) {
  for (const auto& [value, name] : topology_names) {
    if (value == t) return name;
  }
  return "?";
}

std::optional<Topology> parse_topology(std::string_view text) {
  for (const auto& [value, name] : topology_names) {
    if (name == text) return value;
  }
  return std::nullopt;
}

}  // namespace suanli::hw
