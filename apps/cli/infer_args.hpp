// Shared by `infer` and `compare`: turning flags into an engine request (model by id or
// config.json path, system or bare chips, precision, software stack, efficiency entry).
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "cli_context.hpp"
#include "suanli/perf/infer_estimate.hpp"

namespace suanli::cli {

// A model from the catalog or from a config.json file (kept alive here).
struct ModelRef {
  const model::ModelArch* arch = nullptr;
  std::shared_ptr<model::ModelArch> owned;
  std::string note;  // alias followed
};
core::Result<ModelRef> resolve_model(const catalog::Catalog& cat, const std::string& id_or_path);

// Default serving stack of a vendor when --software is not given.
std::string default_software(const hw::Chip& chip);

// Precision flag: weights and compute format ("fp8", "bf16", "int4"...).
core::Result<hw::Dtype> parse_precision_flag(const std::string& flag, const std::string& text);

// Duration flag such as "50ms", "2 s".
core::Result<double> parse_duration_flag(const std::string& flag, const std::string& text);

// Cluster of a catalog system (n_chips 0 = one unit) or of bare chips.
struct Hardware {
  const hw::Chip* chip = nullptr;
  const hw::System* system = nullptr;
  perf::Cluster cluster;
  std::vector<std::string> notes;
};
core::Result<Hardware> resolve_hardware(const catalog::Catalog& cat, const std::string& system,
                                        const std::string& chip, int n_chips);

}  // namespace suanli::cli
