// data/profiles is read strictly: a user directory re-measures a chip, a duplicate in one
// directory, a derived rate that disagrees with its shape and time, a zero, non-finite or missing
// figure and a profile without points are all reported with file, line and key path.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "suanli/catalog/catalog.hpp"

using namespace suanli;
using ::testing::HasSubstr;

namespace {

class ProfileDir {
 public:
  explicit ProfileDir(const std::string& name)
      : root_(std::filesystem::temp_directory_path() / ("suanli_profile_" + name)) {
    std::filesystem::remove_all(root_);
    std::filesystem::create_directories(root_ / "profiles");
  }
  ~ProfileDir() { std::filesystem::remove_all(root_); }
  ProfileDir(const ProfileDir&) = delete;
  ProfileDir& operator=(const ProfileDir&) = delete;

  void write(const std::string& file, const std::string& text) const {
    std::ofstream(root_ / "profiles" / file) << text;
  }
  core::Result<catalog::Catalog> load() const {
    return catalog::load_catalog({SUANLI_DATA_DIR, root_});
  }

 private:
  std::filesystem::path root_;
};

// A valid profile of `chip` with one GEMM point: 2 x 16 x 1024 x 1024 FLOP in 0.1 ms.
std::string profile(const std::string& chip, const std::string& gemm_fields,
                    const std::string& device = "Test GPU") {
  return "chip: " + chip +
         "\n"
         "provenance:\n"
         "  measured_by: unit test\n"
         "  device: \"" +
         device +
         "\"\n"
         "  torch: \"2.0.0\"\n"
         "  runtime: CUDA 12.1\n"
         "  date: \"2026-01-02\"\n"
         "  method: test fixture\n"
         "  source: fixture\n"
         "sources:\n"
         "  fixture: \"suanli unit test fixture (2026)\"\n"
         "gemm:\n"
         "  - {name: t, m: 16, n: 1024, k: 1024, dtype: bf16, " +
         gemm_fields + "}\n";
}

const std::string good_gemm = "time: 0.1 ms, compute: 0.33554432 TFLOP/s, bandwidth: 400 GB/s";

// The one problem whose key path is `key_path`, or a failure.
core::Problem problem_at(const core::Result<catalog::Catalog>& loaded,
                         const std::string& key_path) {
  if (loaded.ok()) {
    ADD_FAILURE() << "the catalog loaded";
    return {};
  }
  for (const auto& p : loaded.error().problems) {
    if (p.key_path == key_path) return p;
  }
  ADD_FAILURE() << "no problem at " << key_path << ":\n" << loaded.error().describe();
  return {};
}

}  // namespace

TEST(ProfileLoader, AUserDirectoryReMeasuresABuiltInChip) {
  const ProfileDir dir("override");
  dir.write("nvidia-h200-sxm.yaml", profile("nvidia-h200-sxm", good_gemm, "My H200"));
  const auto loaded = dir.load();
  ASSERT_TRUE(loaded.ok()) << loaded.error().describe();
  const hw::ChipProfile* p = loaded->profile_of("nvidia-h200-sxm");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->provenance.device, "My H200");
  ASSERT_EQ(p->gemm.size(), 1u);
  EXPECT_DOUBLE_EQ(p->gemm[0].time.value, 1e-4);
  EXPECT_DOUBLE_EQ(p->gemm[0].compute.value, 0.33554432e12);
  EXPECT_EQ(p->gemm[0].dtype, hw::Dtype::bf16);
  EXPECT_EQ(std::count_if(loaded->profiles.begin(), loaded->profiles.end(),
                          [](const hw::ChipProfile& x) { return x.chip_id == "nvidia-h200-sxm"; }),
            1);
}

TEST(ProfileLoader, TwoProfilesOfOneChipInOneDirectoryAreAnError) {
  const ProfileDir dir("twice");
  dir.write("nvidia-h100-sxm.yaml", profile("nvidia-h100-sxm", good_gemm));
  dir.write("nvidia-h100-sxm.yml", profile("nvidia-h100-sxm", good_gemm));
  const auto p = problem_at(dir.load(), "chip");
  EXPECT_THAT(p.file, HasSubstr("nvidia-h100-sxm.yml"));
  EXPECT_EQ(p.line, 1);
  EXPECT_THAT(p.message, HasSubstr("a second profile of chip 'nvidia-h100-sxm'"));
}

TEST(ProfileLoader, ARateThatDisagreesWithShapeAndTimeIsRejected) {
  const ProfileDir dir("rate");
  dir.write("nvidia-h100-sxm.yaml",
            profile("nvidia-h100-sxm", "time: 0.1 ms, compute: 0.5 TFLOP/s, bandwidth: 400 GB/s"));
  const auto p = problem_at(dir.load(), "gemm[0].compute");
  EXPECT_EQ(p.line, 13);
  EXPECT_THAT(p.message, HasSubstr("0.5 TFLOP/s disagrees with 2 m n k / time = 335.544 GFLOP/s"));
}

TEST(ProfileLoader, ZeroAndNonFiniteFiguresAreRejected) {
  const ProfileDir dir("finite");
  dir.write("nvidia-h100-sxm.yaml",
            profile("nvidia-h100-sxm", "time: 0 ms, compute: nan TFLOP/s, bandwidth: 400 GB/s"));
  const auto loaded = dir.load();
  EXPECT_THAT(problem_at(loaded, "gemm[0].time").message, HasSubstr("must be positive"));
  EXPECT_THAT(problem_at(loaded, "gemm[0].compute").message, HasSubstr("not a finite number"));
}

TEST(ProfileLoader, AProfileWithoutPointsIsRejected) {
  const ProfileDir dir("empty");
  const std::string text = profile("nvidia-h100-sxm", good_gemm);
  dir.write("nvidia-h100-sxm.yaml", text.substr(0, text.find("gemm:")));
  EXPECT_THAT(problem_at(dir.load(), "(top level)").message, HasSubstr("no measured point"));
}

TEST(ProfileLoader, TheDateIsADay) {
  const ProfileDir dir("date");
  std::string text = profile("nvidia-h100-sxm", good_gemm);
  text.replace(text.find("2026-01-02"), 10, "2026-1-2");
  dir.write("nvidia-h100-sxm.yaml", text);
  EXPECT_EQ(problem_at(dir.load(), "provenance.date").message,
            "'2026-1-2' is not a day (YYYY-MM-DD)");
}

TEST(ProfileLoader, TheFileNameIsTheChipId) {
  const ProfileDir dir("name");
  dir.write("h100.yaml", profile("nvidia-h100-sxm", good_gemm));
  const auto p = problem_at(dir.load(), "chip");
  EXPECT_EQ(p.message, "chip 'nvidia-h100-sxm' does not match the file name 'h100.yaml'");
}
