// The catalog: every chip, system and model known to suanli, loaded from data/ (and user
// directories) and validated. Lookups resolve aliases and answer unknown ids with "did you mean".
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "suanli/core/result.hpp"
#include "suanli/cost/price_book.hpp"
#include "suanli/cost/switching.hpp"
#include "suanli/hw/chip.hpp"
#include "suanli/hw/chip_profile.hpp"
#include "suanli/hw/system.hpp"
#include "suanli/model/model_arch.hpp"
#include "suanli/perf/common/efficiency.hpp"
#include "suanli/perf/infer/scenario.hpp"
#include "suanli/policy/deliveries.hpp"
#include "suanli/policy/rule_set.hpp"

namespace suanli::catalog {

// Another name for a chip, system or model id, e.g. "h20" -> "nvidia-h20".
struct Alias {
  std::string name;    // what a user or a suite may type
  std::string target;  // the catalog id it stands for
  std::string note;    // why, e.g. "variant not stated; SXM assumed"
};

// Provenance of a model config.
struct ModelSource {
  std::string id;      // catalog id
  std::string repo;    // Hugging Face repo, or empty when none exists
  std::string source;  // citation of where the architecture comes from
};

// Where an entity was loaded from, for diagnostics.
struct Origin {
  std::string id;
  std::string file;
};

// Choices the product makes when a request leaves them open (data/defaults.yaml); read by the
// front door (api/defaults.hpp), never by a front end.
struct Defaults {
  std::vector<std::string> compare_systems;  // `compare` without --systems, in display order
  std::map<std::string, std::string> serving_stack;  // vendor -> serving stack; "other" = rest
  std::string training_stack = "megatron";           // training stack for the efficiency lookup
};

template <class T>
struct Resolved {
  const T* item = nullptr;  // never null in a successful Result
  std::string note;         // non-empty when an alias was followed
};

class Catalog {
 public:
  std::vector<hw::Chip> chips;             // sorted by id
  std::vector<hw::System> systems;         // sorted by id
  std::vector<model::ModelArch> models;    // sorted by id
  std::vector<ModelSource> model_sources;  // parallel to models
  std::vector<Alias> aliases;              // sorted by name
  std::vector<Origin> origins;             // file of every entity, for diagnostics
  policy::RuleSet policies;                // export-control rules and countries (data/policies)
  std::vector<policy::DeliveryFact> deliveries;   // dated delivery facts (data/deliveries/)
  std::vector<perf::EfficiencyEntry> efficiency;  // fitted efficiency factors (data/efficiency/)
  std::vector<perf::ScenarioPreset> scenarios;    // serving presets (data/scenarios/), by id
  Defaults defaults;                              // open choices (data/defaults.yaml)
  cost::PriceBook prices;  // prices, electricity, cloud rates and cost defaults (data/prices/)
  cost::SwitchingBook switching;  // software stacks and the cost of moving (data/switching/)
  std::vector<hw::ChipProfile> profiles;  // measured kernel profiles (data/profiles/), by chip id

  core::Result<Resolved<hw::Chip>> find_chip(std::string_view id) const;
  core::Result<Resolved<hw::System>> find_system(std::string_view id) const;
  core::Result<Resolved<model::ModelArch>> find_model(std::string_view id) const;
  const ModelSource* model_source(std::string_view id) const;
  // The measured profile of a chip (exact catalog id), or null when none was measured.
  const hw::ChipProfile* profile_of(std::string_view chip_id) const;

  std::vector<std::string> chip_ids() const;
  std::vector<std::string> system_ids() const;
  std::vector<std::string> model_ids() const;
  std::string file_of(std::string_view id) const;
};

// Loads the built-in directory and then each extra directory; entities from all directories are
// merged, a duplicate id is an error. Every problem in every file is reported together.
core::Result<Catalog> load_catalog(const std::vector<std::filesystem::path>& dirs);

// Loads one chip file in the data/chips schema (e.g. a hypothetical design for `classify
// --spec`); its file name need not match its id.
core::Result<hw::Chip> load_chip_file(const std::filesystem::path& path);

// Loads a model from a path to a config.json (not part of any catalog).
core::Result<model::ModelArch> load_model_file(const std::filesystem::path& path);

}  // namespace suanli::catalog
