// Every built-in chip profile (data/profiles/) loads, names a catalog chip and carries its
// provenance; the H200 profile holds the measured points of its source files, value for value.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>

#include "suanli/catalog/catalog.hpp"

using namespace suanli;

namespace {

const catalog::Catalog& builtin() {
  static const auto loaded = catalog::load_catalog({SUANLI_DATA_DIR});
  if (!loaded) ADD_FAILURE() << loaded.error().describe();
  static const catalog::Catalog empty;
  return loaded ? *loaded : empty;
}

const hw::ChipProfile& h200() {
  const hw::ChipProfile* p = builtin().profile_of("nvidia-h200-sxm");
  if (p == nullptr) ADD_FAILURE() << "no profile for nvidia-h200-sxm";
  static const hw::ChipProfile none;
  return p != nullptr ? *p : none;
}

}  // namespace

TEST(BuiltinProfiles, EveryProfileNamesACatalogChipAndSaysWhereItComesFrom) {
  ASSERT_FALSE(builtin().profiles.empty());
  for (const hw::ChipProfile& p : builtin().profiles) {
    SCOPED_TRACE(p.chip_id);
    EXPECT_TRUE(builtin().find_chip(p.chip_id).ok());
    EXPECT_EQ(builtin().profile_of(p.chip_id), &p);
    const hw::ProfileProvenance& v = p.provenance;
    for (const std::string* field :
         {&v.measured_by, &v.device, &v.torch, &v.runtime, &v.date, &v.method, &v.source}) {
      EXPECT_FALSE(field->empty());
    }
    EXPECT_TRUE(std::any_of(p.sources.begin(), p.sources.end(),
                            [&](const hw::SourceRef& s) { return s.key == v.source; }));
    EXPECT_GT(p.n_points(), 0u);
    for (const auto& g : p.gemm) {
      EXPECT_GT(g.time.value, 0);
      EXPECT_GT(g.compute.value, 0);
    }
  }
}

TEST(BuiltinProfiles, ProfileOfAChipNobodyMeasuredIsNull) {
  EXPECT_EQ(builtin().profile_of("nvidia-h800-sxm"), nullptr);
  EXPECT_EQ(builtin().profile_of("no-such-chip"), nullptr);
  EXPECT_EQ(builtin().profile_of("h200"), nullptr);  // an alias is not a profile key
}

TEST(BuiltinProfiles, H200ProvenanceIsTheMeasurementSession) {
  const hw::ProfileProvenance& v = h200().provenance;
  EXPECT_EQ(v.device, "NVIDIA H200");
  EXPECT_EQ(v.torch, "2.11.0+cu130");
  EXPECT_EQ(v.runtime, "CUDA 13.0");
  EXPECT_EQ(v.date, "2026-12-04");
  EXPECT_THAT(v.method, ::testing::HasSubstr("median of 20 runs after 3 warm-ups"));
}

TEST(BuiltinProfiles, H200TablesHoldEveryMeasuredPoint) {
  const hw::ChipProfile& p = h200();
  EXPECT_EQ(p.bandwidth.size(), 2u);
  EXPECT_EQ(p.gemm.size(), 91u);  // 7 shapes x 7 rows x bf16 + fp8 except fp8 at M = 1
  EXPECT_EQ(p.attention_prefill.size(), 3u);
  EXPECT_EQ(p.attention_decode.size(), 5u);
  EXPECT_EQ(p.moe.size(), 24u);  // 2 expert counts x 6 row counts x grouped + loop
}

TEST(BuiltinProfiles, H200PointsKeepTheirMeasuredValues) {
  const hw::ChipProfile& p = h200();
  ASSERT_EQ(p.bandwidth.size(), 2u);
  EXPECT_EQ(p.bandwidth[0].op, "copy");
  EXPECT_DOUBLE_EQ(p.bandwidth[0].bytes.value, 4.0 * (1 << 30));
  EXPECT_NEAR(p.bandwidth[0].time.value, 2.03304e-3, 1e-12);
  EXPECT_NEAR(p.bandwidth[0].achieved.value, 4225.17e9, 1e3);

  const auto gemm = std::find_if(p.gemm.begin(), p.gemm.end(), [](const hw::GemmPoint& g) {
    return g.name == "l70b_gateup" && g.m == 16384 && g.dtype == hw::Dtype::fp8;
  });
  ASSERT_NE(gemm, p.gemm.end());
  EXPECT_EQ(gemm->n, 57344);
  EXPECT_EQ(gemm->k, 8192);
  EXPECT_NEAR(gemm->time.value, 12.4686e-3, 1e-12);
  EXPECT_NEAR(gemm->compute.value, 1234.56e12, 1e6);
  EXPECT_NEAR(gemm->bandwidth.value, 199.143e9, 1e3);

  const auto& prefill = p.attention_prefill.back();
  EXPECT_EQ(prefill.batch, 1);
  EXPECT_EQ(prefill.seq_len, 16384);
  EXPECT_TRUE(prefill.causal);
  EXPECT_EQ(prefill.kv_heads, 8);
  EXPECT_NEAR(prefill.compute.value, 644.636e12, 1e6);

  const auto& decode = p.attention_decode[3];
  EXPECT_EQ(decode.batch, 256);
  EXPECT_EQ(decode.context, 4096);
  EXPECT_NEAR(decode.time.value, 0.969504e-3, 1e-12);

  const auto& moe = p.moe.back();
  EXPECT_EQ(moe.experts, 32);
  EXPECT_EQ(moe.rows_per_expert, 1024);
  EXPECT_EQ(moe.impl, "loop");
  EXPECT_NEAR(moe.time.value, 5.18005e-3, 1e-12);
  EXPECT_NEAR(p.moe[p.moe.size() - 2].weight_bandwidth.value, 593.44e9, 1e3);  // grouped twin
}
