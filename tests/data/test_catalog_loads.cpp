// The built-in catalog loads without a single problem and resolves every id a suite may use.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "suanli/catalog/catalog.hpp"

namespace {

const suanli::catalog::Catalog& builtin() {
  static const auto loaded = suanli::catalog::load_catalog({SUANLI_DATA_DIR});
  if (!loaded) ADD_FAILURE() << loaded.error().describe();
  static const suanli::catalog::Catalog empty;
  return loaded ? *loaded : empty;
}

TEST(BuiltinCatalog, LoadsWithoutProblems) {
  const auto loaded = suanli::catalog::load_catalog({SUANLI_DATA_DIR});
  ASSERT_TRUE(loaded.ok()) << loaded.error().describe();
  EXPECT_GE(loaded->chips.size(), 55u);
  EXPECT_GE(loaded->systems.size(), 10u);
  EXPECT_GE(loaded->models.size(), 25u);
}

TEST(BuiltinCatalog, ResolvesEveryChipIdOfTheSuiteFormat) {
  // The chip ids listed in docs/validation.md (suite format).
  for (const char* id :
       {"nvidia-a100-sxm-40gb", "nvidia-a100-sxm-80gb", "nvidia-a100-80gb",   "nvidia-a800-sxm",
        "nvidia-h100-sxm",      "nvidia-h100-pcie",     "nvidia-h100-nvl",    "nvidia-h100",
        "nvidia-h800-sxm",      "nvidia-h20",           "nvidia-h200-sxm",    "nvidia-gh200",
        "nvidia-b200",          "nvidia-gb200",         "nvidia-gb300",       "nvidia-l40s",
        "amd-mi300x",           "amd-mi325x",           "intel-gaudi2",       "google-tpu-v5e",
        "google-tpu-v5p",       "huawei-ascend-910b",   "huawei-ascend-910c", "metax-c500",
        "metax-c550",           "iluvatar-bi-v150"}) {
    SCOPED_TRACE(id);
    EXPECT_TRUE(builtin().find_chip(id).ok());
  }
}

TEST(BuiltinCatalog, VariantUnknownIdsResolveWithANote) {
  const auto h100 = builtin().find_chip("nvidia-h100");
  ASSERT_TRUE(h100.ok());
  EXPECT_EQ(h100->item->id, "nvidia-h100-sxm");
  EXPECT_THAT(h100->note, ::testing::HasSubstr("resolved to 'nvidia-h100-sxm'"));
}

TEST(BuiltinCatalog, ResolvesEveryModelIdOfTheSuiteFormat) {
  for (const char* id :
       {"llama-2-7b",   "llama-2-13b",   "llama-2-70b",       "llama-3-8b",   "llama-3-70b",
        "llama-3.1-8b", "llama-3.3-70b", "llama-3.1-405b",    "mixtral-8x7b", "gpt-j-6b",
        "gpt-3-175b",   "mt-nlg-530b",   "megatron-1t",       "deepseek-v3",  "qwen3-8b",
        "qwen3-32b",    "qwen3-30b-a3b", "qwen3-235b-a22b",   "gpt-oss-120b", "chatglm3-6b",
        "qwen1.5-7b",   "qwen1.5-14b",   "qwen1.5-moe-a2.7b", "baichuan2-7b", "glm-4-9b"}) {
    SCOPED_TRACE(id);
    EXPECT_TRUE(builtin().find_model(id).ok());
  }
}

TEST(BuiltinCatalog, EveryFigureCitesAListedSource) {
  for (const auto& chip : builtin().chips) {
    SCOPED_TRACE(chip.id);
    EXPECT_FALSE(chip.sources.empty());
    std::set<std::string> keys;
    for (const auto& s : chip.sources) keys.insert(s.key);
    for (const auto& [dtype, fig] : chip.dense_peak) {
      if (fig.known()) {
        EXPECT_TRUE(keys.contains(fig.source));
      }
    }
    if (chip.memory_bandwidth.known()) {
      EXPECT_TRUE(keys.contains(chip.memory_bandwidth.source));
    }
    if (chip.memory_capacity.known()) {
      EXPECT_TRUE(keys.contains(chip.memory_capacity.source));
    }
  }
}

TEST(BuiltinCatalog, UnsupportedIsNotUnknown) {
  const auto ascend = builtin().find_chip("huawei-ascend-910b");
  ASSERT_TRUE(ascend.ok());
  const auto& fp8 = ascend->item->dense_peak.find(suanli::hw::Dtype::fp8);
  ASSERT_NE(fp8, ascend->item->dense_peak.end());
  EXPECT_TRUE(fp8->second.unsupported());
  EXPECT_FALSE(ascend->item->supports(suanli::hw::Dtype::fp8));
  EXPECT_TRUE(ascend->item->supports(suanli::hw::Dtype::bf16));
}

TEST(BuiltinCatalog, UnknownIdsSuggestTheNearestOnes) {
  const auto missing = builtin().find_chip("nvidia-h2O");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, suanli::core::ErrorCode::not_found);
  EXPECT_THAT(missing.error().hints.front(), ::testing::HasSubstr("nvidia-h20"));
}

}  // namespace
