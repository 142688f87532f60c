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

// Whether `id_or_path` names a model file rather than a catalog id: it ends in .json or is a
// readable regular file. A name the file system cannot even look up (too long, bad characters)
// is an id, so it gets "unknown model" with did-you-mean, never a file-system exception.
bool names_model_file(const std::string& id_or_path);

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
  const hw::Chip* chip = nullptr;          // never null after resolution (the package)
  const hw::System* system = nullptr;      // null for bare chips that match no system
  perf::Cluster cluster;                   // counted in devices when `device` is set
  std::shared_ptr<const hw::Chip> device;  // one die of a multi-die package run as ranks
  int devices_per_chip = 1;                // devices per package in `cluster` (1 = packages)
  std::vector<std::string> notes;          // aliases followed, system matched, rank unit
};

core::Result<HardwareChoice> resolve_hardware(const catalog::Catalog& cat,
                                              const HardwareRequest& request);

// Multi-die packages (Ascend 910C: 2 dies, each an NPU to CANN, MindIE, vLLM-Ascend and SGLang)
// run one rank per die, as their stacks do, unless the request's layout counts packages:
// `given_ranks` = the product of the request's degrees (tp x pp x dp, x cp in training; 0 =
// searched). Parallel degrees then count dies; a note says which unit was used. `infer` and
// `train` apply it; `compare` and `plan` size fleets in packages.
void use_device_ranks(HardwareChoice& hardware, int given_ranks);

}  // namespace suanli::api
