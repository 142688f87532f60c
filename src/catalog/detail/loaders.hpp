// Per-entity loaders used by load_catalog(); each reads one file's text (held in a CatalogDir)
// and appends located problems.
#pragma once

#include <filesystem>
#include <optional>
#include <vector>

#include "detail/yaml_reader.hpp"
#include "suanli/catalog/catalog.hpp"
#include "suanli/catalog/catalog_dir.hpp"

namespace suanli::catalog::detail {

// One file of a catalog: the path diagnostics name (its stem is the id the file must hold) and
// its text.
struct SourceFile {
  std::filesystem::path path;
  std::string_view text;
};

// The files of `folder` in `dir` ending in .yaml or .yml, sorted by path.
std::vector<SourceFile> yaml_files(const CatalogDir& dir, std::string_view folder);
// The file `relative` of `dir`, or nullopt when it has none.
std::optional<SourceFile> file_of(const CatalogDir& dir, std::string_view relative);

// Parses a YAML text; a syntax error becomes a Problem and nullopt.
std::optional<YAML::Node> read_yaml(const SourceFile& file, Problems& problems);

// Reads the `sources:` mapping of an entity; returns its keys.
std::vector<hw::SourceRef> read_sources(MapReader& reader);
std::set<std::string> source_keys(const std::vector<hw::SourceRef>& sources);

// `in_catalog` = false skips the check that the file name equals the id (design files).
std::optional<hw::Chip> load_chip(const SourceFile& file, Problems& problems,
                                  bool in_catalog = true);
// Resolves each chip's `full_rate_part` into its unit_matrix_share: the part must be a catalog
// chip of the same family, both must give their compute units and a bf16 peak, and its units must
// not be slower than this chip's.
void resolve_full_rate_parts(Catalog& cat, std::vector<core::Problem>& problems);
// `chip_ref` receives the chip the file names, even when the system fails to load.
std::optional<hw::System> load_system(const SourceFile& file, Problems& problems,
                                      std::string& chip_ref);
std::vector<Alias> load_aliases(const SourceFile& file, Problems& problems);

// data/models/models.yaml plus one <id>.json per entry.
struct LoadedModels {
  std::vector<model::ModelArch> models;
  std::vector<ModelSource> sources;
  std::vector<Alias> aliases;
};
LoadedModels load_models(const CatalogDir& dir, std::vector<core::Problem>& problems);
// A model from the text of its config.json at `path` (its id, when the config names none, is the
// file stem, or the folder's name for a file called config.json).
core::Result<model::ModelArch> model_from_text(std::string_view text,
                                               const std::filesystem::path& path);

// data/policies/: countries.yaml first, then one rule per file, appended to `into`.
void load_policy_dir(const CatalogDir& dir, policy::RuleSet& into,
                     std::vector<core::Problem>& problems);
// Sorts the rules by date and checks references: amendments, levies, overlapping classification
// rules, and chip ids named by selectors (which must be in the catalog).
void check_policies(policy::RuleSet& set, const std::vector<std::string>& chip_ids,
                    std::vector<core::Problem>& problems);

// data/prices/*.yaml; entries replace those of an earlier directory with the same key.
void load_price_dir(const CatalogDir& dir, cost::PriceBook& into,
                    std::vector<core::Problem>& problems);
// Checks price references against the catalog and the defaults for completeness; sorts.
void check_prices(Catalog& cat, std::vector<core::Problem>& problems);

// data/switching/: labour.yaml (the monthly engineer cost) and one software stack per other file
// (file name = stack id); a later directory's stack replaces one with the same id.
void load_switching_dir(const CatalogDir& dir, cost::SwitchingBook& into,
                        std::vector<core::Problem>& problems);
// Sorts the stacks by id; a vendor named by two stacks, or stacks without labour.yaml, are
// problems.
void check_switching(cost::SwitchingBook& book, std::vector<core::Problem>& problems);

// data/deliveries/: one file per chip family of dated delivery facts; a later directory's file
// with the same name replaces its facts.
void load_deliveries_dir(const CatalogDir& dir, std::vector<policy::DeliveryFact>& into,
                         std::vector<core::Problem>& problems);
// Chip ids and country codes the facts name must be in the catalog (did-you-mean otherwise).
void check_deliveries(const Catalog& cat, std::vector<core::Problem>& problems);

// data/defaults.yaml: the keys it gives replace those loaded before.
void load_defaults(const CatalogDir& dir, Defaults& into, std::vector<core::Problem>& problems);

// data/profiles/*.yaml: one measured chip profile per file (file name = chip id). A profile for a
// chip that an earlier directory already profiled replaces it; `origins` stays parallel to `into`.
struct ProfileOrigin {
  std::string file;           // file the profile was read from
  int line = 0;               // line of its `chip` key
  std::filesystem::path dir;  // catalog directory it belongs to
};
void load_profile_dir(const CatalogDir& dir, std::vector<hw::ChipProfile>& into,
                      std::vector<ProfileOrigin>& origins, std::vector<core::Problem>& problems);
// Checks that every profile names a catalog chip, then sorts the profiles by chip id.
void check_profiles(Catalog& cat, const std::vector<ProfileOrigin>& origins,
                    std::vector<core::Problem>& problems);

// Checks that the file stem equals the id inside (`key` names the id's key in diagnostics).
void check_id_matches_file(const std::filesystem::path& path, const std::string& id,
                           const YAML::Node& at, Problems& problems, const std::string& key = "id");

}  // namespace suanli::catalog::detail
