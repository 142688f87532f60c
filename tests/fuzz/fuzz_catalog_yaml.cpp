// Fuzz target: catalog data files (chip, system, model index, policy, price or scenario YAML)
// loaded by the strict catalog loader from a catalog directory held in memory
// (catalog/catalog_dir.hpp): the same loaders and checks as a directory on disk, without writing
// a file per input. SUANLI_FUZZ_FILE names the file the input becomes, or several separated by
// commas (the input is then each of them, e.g. every price file); SUANLI_FUZZ_WITH names files of
// SUANLI_FUZZ_WITH_DIR (tests/fuzz/catalog) loaded beside it (a rule needs a country table).
#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "suanli/catalog/catalog_dir.hpp"

#ifndef SUANLI_FUZZ_FILE
#error "SUANLI_FUZZ_FILE (e.g. \"chips/fuzz.yaml\") names the file the input becomes"
#endif
#ifndef SUANLI_FUZZ_WITH
#define SUANLI_FUZZ_WITH ""
#define SUANLI_FUZZ_WITH_DIR ""
#endif

namespace {

std::vector<std::string> split(std::string_view list) {
  std::vector<std::string> out;
  while (!list.empty()) {
    const auto comma = list.find(',');
    out.emplace_back(list.substr(0, comma));
    list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
  }
  return out;
}

// The directory every input is added to: the SUANLI_FUZZ_WITH files, read once.
suanli::catalog::CatalogDir base_dir() {
  suanli::catalog::CatalogDir dir;
  dir.root = "fuzz";
  for (const std::string& relative : split(SUANLI_FUZZ_WITH)) {
    std::ifstream in(std::string(SUANLI_FUZZ_WITH_DIR) + "/" + relative);
    std::ostringstream text;
    text << in.rdbuf();
    dir.texts.emplace(relative, std::move(text).str());
  }
  return dir;
}

}  // namespace

// NOLINTNEXTLINE(readability-identifier-naming): the entry point libFuzzer calls
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const suanli::catalog::CatalogDir base = base_dir();
  static const std::vector<std::string> files = split(SUANLI_FUZZ_FILE);
  std::vector<suanli::catalog::CatalogDir> dirs{base};
  const std::string input(reinterpret_cast<const char*>(data), size);
  for (const std::string& file : files) dirs.front().texts.insert_or_assign(file, input);
  (void)suanli::catalog::load_catalog(dirs);
  return 0;
}
