// Device memory the engines size against: HBM "GB" on spec sheets are binary, GDDR are decimal.
#include <gtest/gtest.h>

#include "suanli/hw/chip.hpp"

namespace suanli::test {
namespace {

hw::Chip chip_with(const char* type, double published_gb) {
  hw::Chip c;
  c.memory_type = type;
  c.memory_capacity.value = units::Bytes(published_gb * 1e9);
  c.memory_capacity.state = hw::FigureState::known;
  return c;
}

TEST(ChipMemory, HbmGigabytesAreBinary) {
  // nvidia-smi: a "96 GB" H20 reports 97,871 MiB; an "80 GB" H100 81,559 MiB.
  EXPECT_DOUBLE_EQ(chip_with("HBM3", 96).device_memory_bytes(), 96 * 1073741824.0);
  EXPECT_DOUBLE_EQ(chip_with("hbm3e", 80).device_memory_bytes(), 80 * 1073741824.0);
  EXPECT_NEAR(chip_with("HBM3", 96).device_memory_bytes() / (97871 * 1048576.0), 1.0, 0.005);
}

TEST(ChipMemory, GddrIsTakenAsPublished) {
  EXPECT_DOUBLE_EQ(chip_with("GDDR6", 48).device_memory_bytes(), 48e9);
  EXPECT_DOUBLE_EQ(chip_with("", 48).device_memory_bytes(), 48e9);
}

TEST(ChipMemory, UnknownCapacityIsZero) {
  hw::Chip c;
  c.memory_type = "HBM3";
  EXPECT_EQ(c.device_memory_bytes(), 0.0);
}

}  // namespace
}  // namespace suanli::test
