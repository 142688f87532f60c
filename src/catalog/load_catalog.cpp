#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "detail/infer_loaders.hpp"
#include "detail/loaders.hpp"

#include "suanli/core/did_you_mean.hpp"

namespace suanli::catalog {
namespace {

void append(std::vector<core::Problem>& all, detail::Problems& problems) {
  for (auto& p : problems.take()) all.push_back(std::move(p));
}

// Ids must be unique across chips, systems and models of every directory.
void check_unique(const Catalog& cat, const std::filesystem::path& builtin,
                  std::vector<core::Problem>& problems) {
  std::map<std::string, std::string> seen;
  const std::string builtin_prefix = builtin.string() + "/";
  for (const Origin& o : cat.origins) {
    auto [it, inserted] = seen.emplace(o.id, o.file);
    if (!inserted) {
      std::string other = it->second;
      if (other.starts_with(builtin_prefix)) {
        other = "the built-in catalog, " + other.substr(builtin_prefix.size());
      }
      problems.push_back(core::Problem{
          o.file, 0, "id", fmt::format("duplicate id '{}' (also in {})", o.id, other), {}});
    }
  }
}

// `unloaded_chips`: the chip each system file that failed to load names (id = the chip), so a
// misspelt chip is reported with the file's other problems, not after they are fixed.
void check_references(const Catalog& cat, const std::vector<Origin>& unloaded_chips,
                      std::vector<core::Problem>& problems) {
  const auto chips = cat.chip_ids();
  std::vector<Origin> refs;
  for (const hw::System& s : cat.systems) refs.push_back(Origin{s.chip_id, cat.file_of(s.id)});
  refs.insert(refs.end(), unloaded_chips.begin(), unloaded_chips.end());
  for (const Origin& ref : refs) {
    if (std::find(chips.begin(), chips.end(), ref.id) == chips.end()) {
      problems.push_back(core::Problem{ref.file, 0, "chip",
                                       fmt::format("unknown chip '{}'", ref.id),
                                       core::did_you_mean(ref.id, chips)});
    }
  }
  std::vector<std::string> all_ids = chips;
  for (const auto& id : cat.system_ids()) all_ids.push_back(id);
  for (const auto& id : cat.model_ids()) all_ids.push_back(id);
  std::map<std::string, int> alias_count;
  for (const Alias& a : cat.aliases) {
    if (++alias_count[a.name] == 2) {
      problems.push_back(core::Problem{
          "aliases.yaml", 0, "aliases", fmt::format("alias '{}' is defined twice", a.name), {}});
    }
    if (std::find(all_ids.begin(), all_ids.end(), a.target) == all_ids.end()) {
      problems.push_back(
          core::Problem{"aliases.yaml", 0, "aliases",
                        fmt::format("alias '{}' points at unknown id '{}'", a.name, a.target),
                        core::did_you_mean(a.target, all_ids)});
    }
    if (std::find(all_ids.begin(), all_ids.end(), a.name) != all_ids.end()) {
      problems.push_back(core::Problem{
          "aliases.yaml", 0, "aliases", fmt::format("alias '{}' hides a catalog id", a.name), {}});
    }
  }
}

void load_directory(const CatalogDir& dir, Catalog& cat,
                    std::vector<detail::ProfileOrigin>& profile_origins,
                    std::vector<Origin>& unloaded_chips, std::vector<core::Problem>& problems) {
  problems.insert(problems.end(), dir.unreadable.begin(), dir.unreadable.end());
  for (const auto& file : detail::yaml_files(dir, "chips")) {
    detail::Problems p(file.path.string());
    if (auto chip = detail::load_chip(file, p)) {
      cat.origins.push_back(Origin{chip->id, file.path.string()});
      cat.chips.push_back(std::move(*chip));
    }
    append(problems, p);
  }
  for (const auto& file : detail::yaml_files(dir, "systems")) {
    detail::Problems p(file.path.string());
    std::string chip_ref;
    if (auto sys = detail::load_system(file, p, chip_ref)) {
      cat.origins.push_back(Origin{sys->id, file.path.string()});
      cat.systems.push_back(std::move(*sys));
    } else if (!chip_ref.empty()) {
      unloaded_chips.push_back(Origin{chip_ref, file.path.string()});
    }
    append(problems, p);
  }
  if (const auto aliases = detail::file_of(dir, "aliases.yaml")) {
    detail::Problems p(aliases->path.string());
    for (auto& a : detail::load_aliases(*aliases, p)) cat.aliases.push_back(a);
    append(problems, p);
  }
  if (dir.has_folder("policies")) detail::load_policy_dir(dir, cat.policies, problems);
  detail::load_deliveries_dir(dir, cat.deliveries, problems);
  detail::load_efficiency_dir(dir, cat.efficiency, problems);
  detail::load_scenario_dir(dir, cat.scenarios, problems);
  detail::load_defaults(dir, cat.defaults, problems);
  detail::load_profile_dir(dir, cat.profiles, profile_origins, problems);
  if (dir.has_folder("prices")) {
    detail::load_price_dir(dir, cat.prices, problems);
    detail::load_switching_dir(dir, cat.switching, problems);
  }
  if (dir.text("models/models.yaml") != nullptr) {
    auto loaded = detail::load_models(dir, problems);
    for (std::size_t i = 0; i < loaded.models.size(); ++i) {
      cat.origins.push_back(Origin{
          loaded.models[i].id, (dir.root / "models" / (loaded.models[i].id + ".json")).string()});
      cat.models.push_back(std::move(loaded.models[i]));
      cat.model_sources.push_back(std::move(loaded.sources[i]));
    }
    for (auto& a : loaded.aliases) cat.aliases.push_back(std::move(a));
  }
}

template <class T>
void sort_by_id(std::vector<T>& items) {
  std::sort(items.begin(), items.end(), [](const T& a, const T& b) { return a.id < b.id; });
}

}  // namespace

core::Result<Catalog> load_catalog(const std::vector<std::filesystem::path>& dirs) {
  std::vector<CatalogDir> read;
  for (const auto& dir : dirs) {
    auto files = read_catalog_dir(dir);
    if (!files) return files.error();
    read.push_back(std::move(files).value());
  }
  return load_catalog(read);
}

core::Result<Catalog> load_catalog(const std::vector<CatalogDir>& dirs) {
  Catalog cat;
  std::vector<core::Problem> problems;
  std::vector<detail::ProfileOrigin> profile_origins;
  std::vector<Origin> unloaded_chips;  // the chip of each system file that failed to load
  for (const auto& dir : dirs) load_directory(dir, cat, profile_origins, unloaded_chips, problems);
  if (!dirs.empty()) check_unique(cat, dirs.front().root, problems);
  sort_by_id(cat.chips);
  sort_by_id(cat.systems);
  std::vector<std::size_t> order(cat.models.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(),
            [&](std::size_t a, std::size_t b) { return cat.models[a].id < cat.models[b].id; });
  std::vector<model::ModelArch> models;
  std::vector<ModelSource> sources;
  for (std::size_t i : order) {
    models.push_back(std::move(cat.models[i]));
    sources.push_back(std::move(cat.model_sources[i]));
  }
  cat.models = std::move(models);
  cat.model_sources = std::move(sources);
  std::sort(cat.aliases.begin(), cat.aliases.end(),
            [](const Alias& a, const Alias& b) { return a.name < b.name; });
  check_references(cat, unloaded_chips, problems);
  detail::resolve_full_rate_parts(cat, problems);
  detail::check_profiles(cat, profile_origins, problems);
  detail::check_policies(cat.policies, cat.chip_ids(), problems);
  detail::check_prices(cat, problems);
  detail::check_switching(cat.switching, problems);
  detail::check_deliveries(cat, problems);
  for (const std::string& id : cat.defaults.compare_systems) {
    if (!cat.find_system(id)) {
      problems.push_back({"defaults.yaml", 0, "compare_systems",
                          fmt::format("unknown system '{}'", id),
                          core::did_you_mean(id, cat.system_ids())});
    }
  }
  if (!problems.empty()) {
    core::Error e = core::make_error(core::ErrorCode::invalid_input,
                                     fmt::format("the catalog has {} problem{}", problems.size(),
                                                 problems.size() == 1 ? "" : "s"));
    e.problems = std::move(problems);
    return e;
  }
  return cat;
}

}  // namespace suanli::catalog
