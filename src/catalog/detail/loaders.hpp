// Per-entity loaders used by load_catalog(); each reads one file and appends located problems.
#pragma once

#include <filesystem>
#include <optional>
#include <vector>

#include "detail/yaml_reader.hpp"
#include "suanli/catalog/catalog.hpp"

namespace suanli::catalog::detail {

// The regular files of `dir` ending in .yaml or .yml, sorted by path; none when `dir` is not a
// directory.
std::vector<std::filesystem::path> yaml_files(const std::filesystem::path& dir);

// Parses a YAML file; a syntax error becomes a Problem and nullopt.
std::optional<YAML::Node> read_yaml(const std::filesystem::path& path, Problems& problems);

// Reads the `sources:` mapping of an entity; returns its keys.
std::vector<hw::SourceRef> read_sources(MapReader& reader);
std::set<std::string> source_keys(const std::vector<hw::SourceRef>& sources);

// `in_catalog` = false skips the check that the file name equals the id (design files).
std::optional<hw::Chip> load_chip(const std::filesystem::path& path, Problems& problems,
                                  bool in_catalog = true);
// `chip_ref` receives the chip the file names, even when the system fails to load.
std::optional<hw::System> load_system(const std::filesystem::path& path, Problems& problems,
                                      std::string& chip_ref);
std::vector<Alias> load_aliases(const std::filesystem::path& path, Problems& problems);

// data/models/models.yaml plus one <id>.json per entry.
struct LoadedModels {
  std::vector<model::ModelArch> models;
  std::vector<ModelSource> sources;
  std::vector<Alias> aliases;
};
LoadedModels load_models(const std::filesystem::path& dir, std::vector<core::Problem>& problems);

// data/policies/: countries.yaml first, then one rule per file, appended to `into`.
void load_policy_dir(const std::filesystem::path& dir, policy::RuleSet& into,
                     std::vector<core::Problem>& problems);
// Sorts the rules by date and checks references: amendments, levies, overlapping classification
// rules, and chip ids named by selectors (which must be in the catalog).
void check_policies(policy::RuleSet& set, const std::vector<std::string>& chip_ids,
                    std::vector<core::Problem>& problems);

// data/prices/*.yaml; entries replace those of an earlier directory with the same key.
void load_price_dir(const std::filesystem::path& dir, cost::PriceBook& into,
                    std::vector<core::Problem>& problems);
// Checks price references against the catalog and the defaults for completeness; sorts.
void check_prices(Catalog& cat, std::vector<core::Problem>& problems);

// data/switching/: labour.yaml (the monthly engineer cost) and one software stack per other file
// (file name = stack id); a later directory's stack replaces one with the same id.
void load_switching_dir(const std::filesystem::path& dir, cost::SwitchingBook& into,
                        std::vector<core::Problem>& problems);
// Sorts the stacks by id; a vendor named by two stacks, or stacks without labour.yaml, are
// problems.
void check_switching(cost::SwitchingBook& book, std::vector<core::Problem>& problems);

// data/defaults.yaml: the keys it gives replace those loaded before.
void load_defaults(const std::filesystem::path& file, Defaults& into,
                   std::vector<core::Problem>& problems);

// data/profiles/*.yaml: one measured chip profile per file (file name = chip id). A profile for a
// chip that an earlier directory already profiled replaces it; `origins` stays parallel to `into`.
struct ProfileOrigin {
  std::string file;           // file the profile was read from
  int line = 0;               // line of its `chip` key
  std::filesystem::path dir;  // catalog directory it belongs to
};
void load_profile_dir(const std::filesystem::path& dir, std::vector<hw::ChipProfile>& into,
                      std::vector<ProfileOrigin>& origins, std::vector<core::Problem>& problems);
// Checks that every profile names a catalog chip, then sorts the profiles by chip id.
void check_profiles(Catalog& cat, const std::vector<ProfileOrigin>& origins,
                    std::vector<core::Problem>& problems);

// Checks that the file stem equals the id inside (`key` names the id's key in diagnostics).
void check_id_matches_file(const std::filesystem::path& path, const std::string& id,
                           const YAML::Node& at, Problems& problems, const std::string& key = "id");

}  // namespace suanli::catalog::detail
