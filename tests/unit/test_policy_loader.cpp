// data/policies is read strictly: every problem with file:line, unknown keys with "did you mean",
// and references (countries, groups, rules, chips) checked.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "suanli/catalog/catalog.hpp"
#include "test_policy_fixture.hpp"

using namespace suanli;
using ::testing::HasSubstr;

namespace {

class PolicyDir {
 public:
  explicit PolicyDir(const std::string& name)
      : root_(std::filesystem::temp_directory_path() / ("suanli_policy_" + name)) {
    std::filesystem::remove_all(root_);
    std::filesystem::create_directories(root_ / "policies");
    write("countries.yaml",
          "sources: [\"test table\"]\n"
          "countries:\n"
          "  CN: {name: China, groups: [\"D:1\", \"D:5\"], tier: 3}\n"
          "  US: {name: United States, groups: [], tier: 1}\n"
          "  HK: {name: Hong Kong, treated_as: CN, note: \"as China\"}\n");
  }
  ~PolicyDir() { std::filesystem::remove_all(root_); }
  void write(const std::string& file, const std::string& text) {
    std::ofstream(root_ / "policies" / file) << text;
  }
  core::Result<catalog::Catalog> load() const { return catalog::load_catalog({root_}); }
  std::string file(const std::string& name) const { return (root_ / "policies" / name).string(); }

 private:
  std::filesystem::path root_;
};

const char* good_rule =
    "id: r1\n"
    "title: test\n"
    "authority: us\n"
    "kind: classification\n"
    "effective: 2023-11-17\n"
    "summary: s\n"
    "citations: [\"doc\"]\n"
    "paragraphs:\n"
    "  - {eccn: 3A090.a.1, text: t, when: {tpp: {min: 4800}}}\n";

}  // namespace

TEST(PolicyLoader, BuiltinPoliciesLoad) {
  const auto& rules = test::builtin_rules();
  EXPECT_GE(rules.rules.size(), 20u);
  EXPECT_EQ(rules.countries.size(), 249u);
  EXPECT_EQ(rules.modeled_from().to_string(), "2022-01-01");
  for (const auto& r : rules.rules) {
    EXPECT_FALSE(r.citations.empty()) << r.id;
    EXPECT_FALSE(r.summary.empty()) << r.id;
  }
  ASSERT_NE(rules.find("us-2025-01-ai-diffusion"), nullptr);
  EXPECT_EQ(rules.find("us-2025-01-ai-diffusion")->ends->to_string(), "2025-05-13");
}

TEST(PolicyLoader, AGoodFileLoads) {
  PolicyDir dir("good");
  dir.write("r1.yaml", good_rule);
  auto cat = dir.load();
  ASSERT_TRUE(cat.ok()) << cat.error().describe();
  EXPECT_EQ(cat->policies.rules.size(), 1u);
  EXPECT_EQ(cat->policies.rules[0].kind(), "classification");
}

TEST(PolicyLoader, ReportsEveryProblemWithItsLine) {
  PolicyDir dir("bad");
  dir.write("r2.yaml",
            "id: r2\n"
            "title: test\n"
            "authority: us\n"
            "kind: licence_requirement\n"
            "efective: 2023-11-17\n"
            "ends: 2023-13-01\n"
            "end_reason: x\n"
            "summary: s\n"
            "citations: [\"doc\"]\n"
            "chips: {eccn: [3A090.a.3], when: {tp: {min: 1}}}\n"
            "destinations: {countries: [XX], groups: [\"D:9\"]}\n"
            "review:\n"
            "  - {destinations: {all: true}, policy: presumption_of_doubt}\n");
  auto cat = dir.load();
  ASSERT_FALSE(cat.ok());
  const std::string text = cat.error().describe();
  const std::string f = dir.file("r2.yaml");
  EXPECT_THAT(text, HasSubstr(f + ":1: effective: required key is missing"));
  EXPECT_THAT(text,
              HasSubstr(f + ":5: efective: unknown key 'efective' (did you mean 'effective'?)"));
  EXPECT_THAT(
      text, HasSubstr(f + ":6: ends: '2023-13-01' is not a valid date: month 13 is outside 1-12"));
  EXPECT_THAT(text, HasSubstr(f + ":10: chips.eccn: '3A090.a.3' is not one of: 3A090.a.1, "
                                  "3A090.a.2, 3A090.b.1, 3A090.b.2"));
  EXPECT_THAT(text, HasSubstr("chips.when.tp: unknown key 'tp' (did you mean 'tpp'?)"));
  EXPECT_THAT(
      text,
      HasSubstr(f +
                ":11: destinations.countries: unknown country code 'XX' (not in countries.yaml)"));
  EXPECT_THAT(text, HasSubstr("destinations.groups: unknown country group 'D:9'"));
  EXPECT_THAT(text, HasSubstr(f + ":13: review[0].policy: 'presumption_of_doubt' is not one of"));
}

TEST(PolicyLoader, ChecksReferencesBetweenRules) {
  PolicyDir dir("refs");
  dir.write("r1.yaml", good_rule);
  std::string overlapping = good_rule;
  overlapping.replace(overlapping.find("id: r1"), 6, "id: r3");
  overlapping.replace(overlapping.find("2023-11-17"), 10, "2024-01-01");
  dir.write("r3.yaml", overlapping);
  dir.write("r4.yaml",
            "id: r4\ntitle: t\nauthority: us\nkind: amendment\neffective: 2024-01-01\nsummary: s\n"
            "citations: [\"doc\"]\namends: r9\nadd_destinations: {countries: [HK]}\n");
  dir.write(
      "r5.yaml",
      "id: r5\ntitle: t\nauthority: prc\nkind: risk\neffective: 2024-01-01\nsummary: s\n"
      "citations: [\"doc\"]\nchips: {chips: [nvidia-h2000]}\ndestinations: {countries: [CN]}\n"
      "blocking: false\ntext: x\n");
  dir.write("r6.yaml",
            "id: wrong\ntitle: t\nauthority: eu\nkind: rumour\neffective: 2024-01-01\nsummary: s\n"
            "citations: [\"doc\"]\n");
  auto cat = dir.load();
  ASSERT_FALSE(cat.ok());
  const std::string text = cat.error().describe();
  EXPECT_THAT(text,
              HasSubstr("classification rules overlap: 'r1' is still in force on 2024-01-01"));
  EXPECT_THAT(text, HasSubstr("amends: 'r9' is not a licence_requirement rule"));
  EXPECT_THAT(text, HasSubstr("chips: unknown chip 'nvidia-h2000'"));
  EXPECT_THAT(text, HasSubstr("id: id 'wrong' does not match the file name 'r6.yaml'"));
  EXPECT_THAT(text, HasSubstr("authority: 'eu' is not us or prc"));
  EXPECT_THAT(text, HasSubstr("kind: 'rumour' is not one of: classification, licence_requirement"));
}

TEST(PolicyLoader, CountriesMustExistAndTreatedAsMustResolve) {
  PolicyDir dir("countries");
  dir.write("countries.yaml",
            "sources: [\"t\"]\ncountries:\n  CN: {name: China, groups: [], tier: 4}\n"
            "  hk: {name: Hong Kong, treated_as: MO, note: x}\n");
  auto cat = dir.load();
  ASSERT_FALSE(cat.ok());
  const std::string text = cat.error().describe();
  EXPECT_THAT(text, HasSubstr("countries.CN.tier: 4 is outside the allowed range [1, 3]"));
  EXPECT_THAT(text, HasSubstr("countries.hk: 'hk' is not an ISO 3166-1 alpha-2 code"));
  EXPECT_THAT(text, HasSubstr("countries.hk.treated_as: 'MO' must name a country"));
}
