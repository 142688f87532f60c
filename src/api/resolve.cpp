#include "suanli/api/resolve.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>

namespace suanli::api {
namespace {

core::Error usage(std::string message) {
  return core::make_error(core::ErrorCode::usage, std::move(message));
}

// The catalog system of `chip` whose scale-up domain is `domain`, if any.
const hw::System* system_with_domain(const catalog::Catalog& cat, const hw::Chip& chip,
                                     int domain) {
  if (domain <= 0) return nullptr;
  for (const hw::System& s : cat.systems) {
    if (s.chip_id == chip.id && s.scaleup_domain == domain) return &s;
  }
  return nullptr;
}

void apply_overrides(perf::Cluster& c, const HardwareRequest& r) {
  if (r.scaleup_domain > 0) c.scaleup_domain = std::min(r.scaleup_domain, c.n_chips);
  if (r.scaleout_gbps > 0) c.scaleout.bandwidth = units::BytesPerSecond(r.scaleout_gbps * 1e9 / 8);
  if (r.chips_per_node > 0) c.chips_per_node = std::clamp(r.chips_per_node, 1, c.n_chips);
}

}  // namespace

bool names_model_file(const std::string& id) {
  std::error_code ec;
  return id.ends_with(".json") || std::filesystem::is_regular_file(id, ec);
}

core::Result<ModelChoice> resolve_model(const catalog::Catalog& cat, const std::string& id) {
  ModelChoice out;
  if (names_model_file(id)) {
    auto m = catalog::load_model_file(id);
    if (!m) return m.error();
    out.owned = std::make_shared<const model::ModelArch>(std::move(*m));
    out.arch = out.owned.get();
    return out;
  }
  auto found = cat.find_model(id);
  if (!found) return found.error();
  out.arch = found->item;
  out.note = found->note;
  return out;
}

core::Result<HardwareChoice> resolve_hardware(const catalog::Catalog& cat,
                                              const HardwareRequest& r) {
  if (!r.system.empty() && !r.chip.empty()) return usage("give --system or --chip, not both");
  if (r.system.empty() && r.chip.empty()) return usage("give --system S or --chip C --chips N");
  HardwareChoice out;
  if (!r.system.empty()) {
    auto sys = cat.find_system(r.system);
    if (!sys) return sys.error();
    if (!sys->note.empty()) out.notes.push_back(sys->note);
    out.system = sys->item;
  } else {
    auto chip = cat.find_chip(r.chip);
    if (!chip) return chip.error();
    if (!chip->note.empty()) out.notes.push_back(chip->note);
    out.chip = chip->item;
    if (r.chips < 1) return usage("--chip needs --chips N (N >= 1)");
    out.system = system_with_domain(cat, *out.chip, r.scaleup_domain);
    if (out.system != nullptr) {
      out.notes.push_back(fmt::format("{} chips in scale-up domains of {}: the network of {}",
                                      out.chip->id, r.scaleup_domain, out.system->id));
    }
  }
  if (out.system != nullptr && out.chip == nullptr) {
    auto chip = cat.find_chip(out.system->chip_id);
    if (!chip) return chip.error();
    out.chip = chip->item;
  }
  auto made = out.system != nullptr
                  ? perf::make_cluster(*out.system, *out.chip, r.chips)
                  : perf::make_cluster(*out.chip, r.chips, r.scaleup_domain, r.scaleout_gbps);
  if (!made) return usage("--chips: " + made.error().message);
  out.cluster = *made;
  apply_overrides(out.cluster, r);
  return out;
}

void use_device_ranks(HardwareChoice& hw, int given_ranks) {
  const int n = hw.chip->devices_per_package;
  if (n <= 1 || hw.device != nullptr) return;
  const int packages = hw.cluster.n_chips;
  if (given_ranks == packages) {
    hw.notes.push_back(fmt::format(
        "parallel degrees count packages: each {} package ({} dies) runs as one device; give "
        "degrees over {} ranks to run one rank per die, as CANN, MindIE and vLLM-Ascend do",
        hw.chip->id, n, packages * n));
    return;
  }
  hw.device = std::make_shared<const hw::Chip>(hw::package_device(*hw.chip));
  hw.devices_per_chip = n;
  hw.cluster = perf::per_device(hw.cluster, *hw.device, n);
  hw.notes.push_back(fmt::format(
      "{} runs one rank per die: {} packages x {} dies = {} ranks; parallel degrees, chips and "
      "per-chip memory below count dies",
      hw.chip->id, packages, n, packages * n));
}

}  // namespace suanli::api
