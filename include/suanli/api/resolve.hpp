// Resolution shared by every request: a model by id, alias or config.json path, and the
// hardware — a catalog system, or bare chips (matched to the catalog system of the same chip and
// scale-up domain when one exists) — with the network overrides a request may give. One rule
// for every front end; what was assumed comes back as notes.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "suanli/catalog/catalog.hpp"
#include "suanli/core/result.hpp"
#include "suanli/perf/common/cluster.hpp"

namespace suanli::api {

struct ModelChoice {
  const model::ModelArch* arch = nullptr;         // never null after resolution
  std::shared_ptr<const model::ModelArch> owned;  // keeps a config.json model alive
  std::string note;                               // alias followed, if any
};

// An id or alias of the catalog, or a path to a Hugging Face config.json.
core::Result<ModelChoice> resolve_model(const catalog::Catalog& cat, const std::string& id_or_path);

// What a request says about the hardware (CLI: --system | --chip --chips, and overrides).
struct HardwareRequest {
  std::string system;        // catalog system id (or alias)
  std::string chip;          // catalog chip id (or alias), for bare chips
  int chips = 0;             // chips of the job; 0 = one system unit (required with chip)
  int scaleup_domain = 0;    // chips per scale-up domain; 0 = the system's or the default
  double scaleout_gbps = 0;  // scale-out Gbit/s per chip; 0 = the system's or the chip's
  int chips_per_node = 0;    // chips per host; 0 = the system's or 8
};

struct HardwareChoice {
  const hw::Chip* chip = nullptr;      // never null after resolution
  const hw::System* system = nullptr;  // null for bare chips that match no system
  perf::Cluster cluster;
  std::vector<std::string> notes;  // aliases followed, system matched
};

core::Result<HardwareChoice> resolve_hardware(const catalog::Catalog& cat,
                                              const HardwareRequest& request);

}  // namespace suanli::api
