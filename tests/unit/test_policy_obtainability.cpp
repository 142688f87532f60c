// Obtainability: one status per chip, destination and date for the dated events of
// data/policies (US licences and levies, PRC customs, sale windows, missing figures).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "suanli/policy/access.hpp"
#include "test_policy_fixture.hpp"

using namespace suanli;
using policy::Obtainability;
using suanli::test::builtin_rules;
using suanli::test::catalog_chip;
using suanli::test::day;
using ::testing::HasSubstr;
using ::testing::StartsWith;

namespace {

struct Case {
  const char* chip;
  const char* dest;
  const char* date;
  Obtainability expected;
};

policy::AccessResult ask(const char* chip, const char* dest, const char* date) {
  auto a = policy::access(builtin_rules(), catalog_chip(chip), dest, day(date));
  EXPECT_TRUE(a.ok()) << (a ? "" : a.error().describe());
  return a ? *a : policy::AccessResult{};
}

}  // namespace

TEST(PolicyObtainability, ChipByDestinationByDate) {
  const Case cases[] = {
      // H20: uncontrolled, then the Apr-2025 licence letters, then licences against 15%.
      {"nvidia-h20", "CN", "2024-06-01", Obtainability::available},
      {"nvidia-h20", "CN", "2025-05-01", Obtainability::denied},
      {"nvidia-h20", "CN", "2025-09-01", Obtainability::licensed},
      {"nvidia-h20", "CN", "2026-02-01", Obtainability::licensed},
      // H200: denied until the Jan-2026 review change; PRC customs block it from 2026-01-14.
      {"nvidia-h200-sxm", "CN", "2025-09-01", Obtainability::denied},
      {"nvidia-h200-sxm", "CN", "2026-01-13", Obtainability::denied},
      {"nvidia-h200-sxm", "CN", "2026-02-01", Obtainability::blocked},
      // Case-by-case review since 2026-01-15 with no licence known issued.
      {"nvidia-h100-sxm", "CN", "2025-09-01", Obtainability::denied},
      {"nvidia-h100-sxm", "CN", "2026-02-01", Obtainability::case_by_case},
      {"amd-mi300x", "CN", "2026-02-01", Obtainability::case_by_case},
      {"nvidia-a100-sxm-80gb", "CN", "2026-02-01", Obtainability::case_by_case},
      {"google-tpu-v5p", "CN", "2026-02-01", Obtainability::case_by_case},
      // Blackwell stays under a presumption of denial.
      {"nvidia-b200", "CN", "2026-02-01", Obtainability::denied},
      // Domestic chips and unrestricted destinations.
      {"huawei-ascend-910c", "CN", "2026-02-01", Obtainability::available},
      {"nvidia-h100-sxm", "US", "2026-02-01", Obtainability::available},
      // Sale window: the RTX PRO 6000D launched 2025-07; its compute is unpublished after.
      {"nvidia-rtx-pro-6000d", "CN", "2025-05-01", Obtainability::not_on_sale},
      {"nvidia-rtx-pro-6000d", "CN", "2025-09-01", Obtainability::unknown},
      // A chip whose classification needs a missing figure is unknown, never available.
      {"nvidia-b30a", "CN", "2026-02-01", Obtainability::unknown},
  };
  for (const Case& c : cases) {
    const auto a = ask(c.chip, c.dest, c.date);
    EXPECT_EQ(policy::to_string(a.obtainability), policy::to_string(c.expected))
        << c.chip << " to " << c.dest << " on " << c.date << ": " << a.reason;
    EXPECT_EQ(a.available, policy::obtainable(c.expected)) << c.chip << " " << c.date;
    EXPECT_THAT(a.reason, StartsWith(std::string(policy::to_string(c.expected)) + ": "));
  }
}

TEST(PolicyObtainability, ReasonsNameWhatDecides) {
  EXPECT_EQ(ask("nvidia-rtx-pro-6000d", "CN", "2025-05-01").reason,
            "not_on_sale: launched 2025-07 (on sale from 2025-07-01), after 2025-05-01");
  EXPECT_THAT(ask("nvidia-b30a", "CN", "2026-02-01").reason,
              StartsWith("unknown: class indeterminate (possible: "));
  EXPECT_EQ(ask("nvidia-h100-sxm", "CN", "2026-02-01").reason,
            "case_by_case: licence required (case by case review), none known issued");
  EXPECT_THAT(
      ask("nvidia-h200-sxm", "CN", "2026-02-01").reason,
      ::testing::AllOf(StartsWith("blocked: PRC customs (2026-01-14)"), HasSubstr("25% levy")));
  EXPECT_EQ(ask("nvidia-h20", "CN", "2025-09-01").reason,
            "licensed: licence required (presumption of approval review); 15% levy");
}

TEST(PolicyObtainability, NamesRoundTripAndLaunchDates) {
  for (const std::string& name : policy::obtainability_names()) {
    const auto o = policy::parse_obtainability(name);
    ASSERT_TRUE(o) << name;
    EXPECT_EQ(policy::to_string(*o), name);
  }
  EXPECT_FALSE(policy::parse_obtainability("case-by-case"));
  hw::Chip chip;
  EXPECT_FALSE(policy::launch_date(chip));
  chip.launch = "2025";
  EXPECT_EQ(policy::launch_date(chip)->to_string(), "2025-01-01");
  chip.launch = "2025-07";
  EXPECT_EQ(policy::launch_date(chip)->to_string(), "2025-07-01");
  chip.launch = "2025-07-15";
  EXPECT_EQ(policy::launch_date(chip)->to_string(), "2025-07-15");
  chip.launch = "mid-2025";
  EXPECT_FALSE(policy::launch_date(chip));
  chip.launch = "2025-13";
  EXPECT_FALSE(policy::launch_date(chip));
}
