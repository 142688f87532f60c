// Shared by the policy tests: the built-in catalog (chips + data/policies) loaded once, and
// hand-built chips for cases the catalog does not hold.
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "suanli/catalog/catalog.hpp"
#include "suanli/policy/date.hpp"

namespace suanli::test {

inline const catalog::Catalog& builtin_catalog() {
  static const catalog::Catalog cat = [] {
    auto loaded = catalog::load_catalog({SUANLI_DATA_DIR});
    if (!loaded) {
      ADD_FAILURE() << loaded.error().describe();
      return catalog::Catalog{};
    }
    return std::move(loaded).value();
  }();
  return cat;
}

inline const policy::RuleSet& builtin_rules() {
  return builtin_catalog().policies;
}

inline const hw::Chip& catalog_chip(const std::string& id) {
  auto found = builtin_catalog().find_chip(id);
  if (!found) {
    ADD_FAILURE() << found.error().describe();
    static const hw::Chip empty;
    return empty;
  }
  return *found->item;
}

inline policy::Date day(const char* text) {
  auto d = policy::Date::parse(text);
  EXPECT_TRUE(d.ok()) << text;
  return d ? *d : policy::Date{};
}

// A chip with one dense peak (TFLOP/s at `dtype`), a die area (0 = unknown), DRAM and I/O in GB/s
// (0 = unknown).
inline hw::Chip make_chip(const std::string& id, hw::Dtype dtype, double tflops, double die_mm2,
                          double dram_gbs = 0, double io_gbs = 0, bool datacenter = true) {
  hw::Chip c;
  c.id = id;
  c.vendor = "nvidia";
  c.market = "global";
  c.datacenter = datacenter;
  c.dense_peak[dtype] =
      hw::Figure<units::FlopPerSecond>::of(units::FlopPerSecond(tflops * 1e12), "t");
  if (die_mm2 > 0) c.die_area = hw::Figure<units::Area>::of(units::Area(die_mm2), "t");
  if (dram_gbs > 0) {
    c.memory_bandwidth =
        hw::Figure<units::BytesPerSecond>::of(units::BytesPerSecond(dram_gbs * 1e9), "t");
  }
  if (io_gbs > 0) {
    c.io_bandwidth =
        hw::Figure<units::BytesPerSecond>::of(units::BytesPerSecond(io_gbs * 1e9), "t");
  }
  return c;
}

}  // namespace suanli::test
