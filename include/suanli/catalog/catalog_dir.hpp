// A catalog directory held in memory: the text of every file the catalog loader reads, by path
// relative to the directory. load_catalog() of directories reads each into one of these and loads
// that, so a catalog given as text (a fuzz input, a test) goes through the same loaders and gets
// the same diagnostics as one on disk.
#pragma once

#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "suanli/catalog/catalog.hpp"
#include "suanli/core/error.hpp"
#include "suanli/core/result.hpp"
#include "suanli/hw/chip.hpp"

namespace suanli::catalog {

struct CatalogDir {
  std::filesystem::path root;                // the directory; diagnostics name root / relative path
  std::map<std::string, std::string> texts;  // "chips/nvidia-h100.yaml" -> the file's text
  std::set<std::string> folders;             // sub-folders present ("prices"), even when empty
  std::vector<core::Problem> unreadable;     // files found but not readable, one problem each

  // The text of a file (relative path), or null when the directory has none.
  const std::string* text(std::string_view relative) const;
  // Whether the folder exists: listed in `folders` or holding a file.
  bool has_folder(std::string_view folder) const;
};

// Reads every file of `dir` that the catalog loader looks at: the YAML files of chips/,
// systems/, policies/, efficiency/, scenarios/, profiles/, prices/ and switching/, aliases.yaml,
// defaults.yaml, and models/ (models.yaml and the config .json files). A file that cannot be
// read becomes a problem in `unreadable`; a `dir` that is not a directory is an error.
core::Result<CatalogDir> read_catalog_dir(const std::filesystem::path& dir);

// Loads a catalog from directories held in memory, as load_catalog() of paths does (which reads
// each with read_catalog_dir() and calls this): the first is the built-in one.
core::Result<Catalog> load_catalog(const std::vector<CatalogDir>& dirs);

// Loads one chip YAML given as text (the data/chips schema, e.g. a hypothetical design for
// `classify --spec`); `name` is the file name shown in diagnostics. load_chip_file() reads the
// file and calls this.
core::Result<hw::Chip> load_chip_text(std::string_view text, const std::string& name);

}  // namespace suanli::catalog
