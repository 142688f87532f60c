// read_catalog_dir(): the only place the catalog loader reads a catalog directory's files.
#include "suanli/catalog/catalog_dir.hpp"

#include <fmt/format.h>

#include <fstream>
#include <sstream>

namespace suanli::catalog {
namespace {

// The folders whose YAML files the loaders read, one file per entity or table.
const std::vector<std::string> yaml_folders{"chips",      "systems",   "policies",
                                            "efficiency", "scenarios", "profiles",
                                            "prices",     "switching", "deliveries"};

bool is_yaml(const std::filesystem::path& p) {
  return p.extension() == ".yaml" || p.extension() == ".yml";
}

// Reads `relative` of `dir` into `into`, or records why it cannot be read.
void read_file(const std::filesystem::path& dir, const std::string& relative, CatalogDir& into) {
  const std::filesystem::path path = dir / relative;
  std::error_code ec;
  std::ifstream in;
  if (std::filesystem::is_regular_file(path, ec)) in.open(path, std::ios::binary);
  std::ostringstream text;
  if (in.is_open()) text << in.rdbuf();
  if (!in.is_open() || in.bad()) {
    into.unreadable.push_back(core::Problem{
        path.string(), 0, "", fmt::format("cannot read file: {}", path.string()), {}});
    return;
  }
  into.texts.emplace(relative, std::move(text).str());
}

// The entries of `folder` (a sub-folder of `dir`) that `keep` accepts, read into `into`.
template <class Keep>
void read_folder(const std::filesystem::path& dir, const std::string& folder, Keep keep,
                 CatalogDir& into) {
  std::error_code ec;
  if (!std::filesystem::is_directory(dir / folder, ec)) return;
  into.folders.insert(folder);
  for (const auto& entry : std::filesystem::directory_iterator(dir / folder, ec)) {
    if (keep(entry)) read_file(dir, folder + "/" + entry.path().filename().string(), into);
  }
}

}  // namespace

const std::string* CatalogDir::text(std::string_view relative) const {
  const auto it = texts.find(std::string(relative));
  return it == texts.end() ? nullptr : &it->second;
}

bool CatalogDir::has_folder(std::string_view folder) const {
  const std::string prefix = std::string(folder) + "/";
  const auto it = texts.lower_bound(prefix);
  return folders.contains(std::string(folder)) ||
         (it != texts.end() && it->first.starts_with(prefix));
}

core::Result<CatalogDir> read_catalog_dir(const std::filesystem::path& dir) {
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) {
    return core::make_error(core::ErrorCode::invalid_input,
                            fmt::format("catalog directory '{}' does not exist", dir.string()));
  }
  CatalogDir out;
  out.root = dir;
  for (const std::string& folder : yaml_folders) {
    read_folder(
        dir, folder,
        [](const std::filesystem::directory_entry& e) {
          return e.is_regular_file() && is_yaml(e.path());
        },
        out);
  }
  // Every model config is read, indexed or not: one missing from models.yaml is a problem.
  read_folder(
      dir, "models",
      [](const std::filesystem::directory_entry& e) {
        return e.path().extension() == ".json" || e.path().filename() == "models.yaml";
      },
      out);
  for (const char* top : {"aliases.yaml", "defaults.yaml"}) {
    if (std::filesystem::exists(dir / top, ec)) read_file(dir, top, out);
  }
  return out;
}

}  // namespace suanli::catalog
