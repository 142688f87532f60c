// A catalog held in memory (catalog/catalog_dir.hpp) goes through the same loaders as one on
// disk: the same catalog, the same diagnostics, named after the given root or file name.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "suanli/catalog/catalog_dir.hpp"

using namespace suanli;

namespace {

// A chip file with a misspelt key (did-you-mean), a missing required key and a bad launch date.
const char* bad_chip =
    "id: test-chip\n"
    "name: Test chip\n"
    "vendr: nvidia\n"
    "family: hopper\n"
    "market: global\n"
    "launch: 2025-13-01\n"
    "sources:\n"
    "  spec: \"Vendor datasheet, 2025\"\n";

std::string slurp(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

class TempDir {
 public:
  explicit TempDir(const std::string& name)
      : root_(std::filesystem::temp_directory_path() / ("suanli_catalog_dir_" + name)) {
    std::filesystem::remove_all(root_);
    std::filesystem::create_directories(root_);
  }
  ~TempDir() { std::filesystem::remove_all(root_); }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  std::filesystem::path write(const std::string& relative, const std::string& text) const {
    std::filesystem::create_directories((root_ / relative).parent_path());
    std::ofstream(root_ / relative) << text;
    return root_ / relative;
  }
  const std::filesystem::path& root() const { return root_; }

 private:
  std::filesystem::path root_;
};

void expect_same_problems(const core::Error& a, const core::Error& b) {
  EXPECT_EQ(a.message, b.message);
  ASSERT_EQ(a.problems.size(), b.problems.size());
  for (std::size_t i = 0; i < a.problems.size(); ++i) {
    EXPECT_EQ(a.problems[i].file, b.problems[i].file);
    EXPECT_EQ(a.problems[i].line, b.problems[i].line);
    EXPECT_EQ(a.problems[i].key_path, b.problems[i].key_path);
    EXPECT_EQ(a.problems[i].message, b.problems[i].message);
    EXPECT_EQ(a.problems[i].hint, b.problems[i].hint);
  }
}

}  // namespace

TEST(CatalogDir, ChipTextHasTheDiagnosticsOfItsFileUnderTheGivenName) {
  const TempDir dir("chip_text");
  const auto path = dir.write("design.yaml", bad_chip);
  const auto from_file = catalog::load_chip_file(path);
  const auto from_text = catalog::load_chip_text(bad_chip, path.string());
  ASSERT_FALSE(from_file);
  ASSERT_FALSE(from_text);
  expect_same_problems(from_file.error(), from_text.error());

  const auto named = catalog::load_chip_text(bad_chip, "posted design");
  ASSERT_FALSE(named);
  EXPECT_EQ(named.error().message, "posted design has 3 problems");
  ASSERT_EQ(named.error().problems.size(), 3u);
  const core::Problem& unknown = named.error().problems[2];
  EXPECT_EQ(unknown.file, "posted design");
  EXPECT_EQ(unknown.line, 3);
  EXPECT_EQ(unknown.key_path, "vendr");
  EXPECT_EQ(unknown.message, "unknown key 'vendr'");
  EXPECT_EQ(unknown.hint, "did you mean 'vendor'?");
  EXPECT_EQ(named.error().problems[0].key_path, "vendor");
  EXPECT_EQ(named.error().problems[0].message, "required key is missing");
  EXPECT_EQ(named.error().problems[1].line, 6);
  EXPECT_EQ(named.error().problems[1].message,
            "'2025-13-01' is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD (month 13 is "
            "outside 1-12)");
}

TEST(CatalogDir, ChipTextOfTheCatalogLoads) {
  const auto path = std::filesystem::path(SUANLI_DATA_DIR) / "chips" / "nvidia-h100-sxm.yaml";
  const auto chip = catalog::load_chip_text(slurp(path), "h100.yaml");
  ASSERT_TRUE(chip) << chip.error().describe();
  EXPECT_EQ(chip->id, "nvidia-h100-sxm");
}

TEST(CatalogDir, InMemoryCatalogHasTheDiagnosticsOfTheDirectory) {
  const TempDir dir("catalog");
  dir.write("chips/test-chip.yaml", bad_chip);
  dir.write("scenarios/chat.yaml", "id: chat\nname: Chat\nmode: serve\n");
  const auto from_disk = catalog::load_catalog(std::vector<std::filesystem::path>{dir.root()});
  const auto read = catalog::read_catalog_dir(dir.root());
  ASSERT_TRUE(read) << read.error().describe();
  EXPECT_EQ(read->texts.size(), 2u);
  EXPECT_EQ(read->texts.at("chips/test-chip.yaml"), bad_chip);
  const auto from_memory = catalog::load_catalog(std::vector<catalog::CatalogDir>{*read});
  ASSERT_FALSE(from_disk);
  ASSERT_FALSE(from_memory);
  expect_same_problems(from_disk.error(), from_memory.error());

  catalog::CatalogDir posted;
  posted.root = "posted";
  posted.texts.emplace("chips/test-chip.yaml", bad_chip);
  const auto loaded = catalog::load_catalog(std::vector<catalog::CatalogDir>{posted});
  ASSERT_FALSE(loaded);
  EXPECT_EQ(loaded.error().message, "the catalog has 3 problems");
  for (const core::Problem& p : loaded.error().problems)
    EXPECT_EQ(p.file, "posted/chips/test-chip.yaml");
}

TEST(CatalogDir, BuiltInCatalogReadIntoMemoryLoadsTheSameEntities) {
  const auto read = catalog::read_catalog_dir(SUANLI_DATA_DIR);
  ASSERT_TRUE(read) << read.error().describe();
  EXPECT_NE(read->text("chips/nvidia-h100-sxm.yaml"), nullptr);
  EXPECT_NE(read->text("models/models.yaml"), nullptr);
  EXPECT_NE(read->text("policies/countries.yaml"), nullptr);
  EXPECT_NE(read->text("defaults.yaml"), nullptr);
  EXPECT_TRUE(read->unreadable.empty());
  const auto from_memory = catalog::load_catalog(std::vector<catalog::CatalogDir>{*read});
  const auto from_disk = catalog::load_catalog(std::vector<std::filesystem::path>{SUANLI_DATA_DIR});
  ASSERT_TRUE(from_memory) << from_memory.error().describe();
  ASSERT_TRUE(from_disk) << from_disk.error().describe();
  EXPECT_EQ(from_memory->chip_ids(), from_disk->chip_ids());
  EXPECT_EQ(from_memory->system_ids(), from_disk->system_ids());
  EXPECT_EQ(from_memory->model_ids(), from_disk->model_ids());
  EXPECT_EQ(from_memory->policies.rules.size(), from_disk->policies.rules.size());
  EXPECT_EQ(from_memory->file_of("nvidia-h100-sxm"), from_disk->file_of("nvidia-h100-sxm"));
}

TEST(CatalogDir, MissingDirectoryIsNamed) {
  const auto read = catalog::read_catalog_dir("/nonexistent/suanli-data");
  ASSERT_FALSE(read);
  EXPECT_EQ(read.error().code, core::ErrorCode::invalid_input);
  EXPECT_EQ(read.error().message, "catalog directory '/nonexistent/suanli-data' does not exist");
}
