#include <fmt/format.h>

#include "detail/loaders.hpp"
#include "suanli/units/parse.hpp"

namespace suanli::catalog::detail {
namespace {

constexpr int max_chips = 1'000'000;

hw::NetworkTier read_tier(MapReader& parent, const std::string& key,
                          const std::set<std::string>& sources, bool bandwidth_required) {
  hw::NetworkTier tier;
  const YAML::Node n = parent.get(key);
  if (!n.IsDefined() || n.IsNull()) {
    parent.problems().add(parent.node(), parent.child_path(key), "required key is missing");
    return tier;
  }
  MapReader r(n, parent.child_path(key), parent.problems());
  if (!r.valid()) return tier;
  const auto topo = r.string("topology", true);
  if (topo) {
    if (auto t = hw::parse_topology(*topo)) {
      tier.topology = *t;
    } else {
      const std::vector<std::string> names{"switched", "torus_2d", "torus_3d",
                                           "ring",     "pcie",     "clos"};
      r.problems().add(r.get("topology"), r.child_path("topology"),
                       fmt::format("'{}' is not one of: {}", *topo, fmt::join(names, ", ")),
                       core::did_you_mean(*topo, names));
    }
  }
  tier.bandwidth = r.figure<units::BytesPerSecond>("bandwidth", units::parse_bytes_per_second, 1e6,
                                                   1e14, false, sources);
  tier.latency =
      r.figure<units::Seconds>("latency", units::parse_seconds, 1e-8, 1e-2, false, sources);
  if (bandwidth_required && !tier.bandwidth.known()) {
    r.problems().add(n, r.child_path("bandwidth"), "a network tier needs a known bandwidth");
  }
  r.finish();
  return tier;
}

}  // namespace

std::optional<hw::System> load_system(const SourceFile& file, Problems& problems,
                                      std::string& chip_ref) {
  const std::size_t before = problems.size();
  const auto doc = read_yaml(file, problems);
  if (!doc) return std::nullopt;
  MapReader r(*doc, "", problems);
  if (!r.valid()) return std::nullopt;

  hw::System sys;
  sys.sources = read_sources(r);
  const auto keys = source_keys(sys.sources);
  sys.id = r.string("id", true).value_or("");
  if (!sys.id.empty()) check_id_matches_file(file.path, sys.id, r.get("id"), problems);
  sys.name = r.string("name", true).value_or("");
  sys.chip_id = r.string("chip", true).value_or("");
  chip_ref = sys.chip_id;
  sys.chips = r.integer("chips", true, 1, max_chips).value_or(0);
  sys.chips_per_node = r.integer("chips_per_node", true, 1, 1024).value_or(0);
  sys.scaleup_domain = r.integer("scaleup_domain", true, 1, max_chips).value_or(0);
  sys.scaleup = read_tier(r, "scaleup", keys, true);
  sys.scaleout = read_tier(r, "scaleout", keys, false);
  sys.power = r.figure<units::Watts>("power", units::parse_watts, 1, 1e9, false, keys);
  sys.price = r.figure<units::Usd>("price", units::parse_usd, 1, 1e11, false, keys);
  sys.notes = r.string("notes", false).value_or("");
  r.finish();

  if (sys.chips > 0 && sys.chips_per_node > 0 && sys.chips % sys.chips_per_node != 0) {
    problems.add(r.get("chips"), "chips",
                 fmt::format("{} chips is not a whole number of {}-chip nodes", sys.chips,
                             sys.chips_per_node));
  }
  if (problems.size() != before) return std::nullopt;
  return sys;
}

std::vector<Alias> load_aliases(const SourceFile& file, Problems& problems) {
  std::vector<Alias> out;
  const auto doc = read_yaml(file, problems);
  if (!doc) return out;
  MapReader r(*doc, "", problems);
  if (!r.valid()) return out;
  const YAML::Node list = r.get("aliases");
  r.finish();
  if (!list.IsSequence()) {
    problems.add(list, "aliases", "expected a list of {name, target, note}");
    return out;
  }
  for (std::size_t i = 0; i < list.size(); ++i) {
    MapReader item(list[i], fmt::format("aliases[{}]", i), problems);
    if (!item.valid()) continue;
    Alias a;
    a.name = item.string("name", true).value_or("");
    a.target = item.string("target", true).value_or("");
    a.note = item.string("note", true).value_or("");
    item.finish();
    if (!a.name.empty() && !a.target.empty()) out.push_back(std::move(a));
  }
  return out;
}

}  // namespace suanli::catalog::detail
