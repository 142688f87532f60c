// Delivery facts (policy/deliveries.hpp, docs/models/cost.md §deliveries): which facts bear on a
// chip, destination and date; the first delivery and a halted production's restart; a fleet
// against a known volume; the loader's diagnostics; and the plan rows of the built-in catalog.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "suanli/api/plan.hpp"
#include "suanli/catalog/catalog_dir.hpp"
#include "suanli/policy/deliveries.hpp"
#include "suanli/search/deliveries.hpp"
#include "tests/unit/cn_plan_fixture.hpp"
#include "tests/unit/infer_fixture.hpp"

namespace suanli::policy {
namespace {

using ::testing::HasSubstr;

Date day(const char* text) {
  return *Date::parse(text);
}

DeliveryFact fact(DeliveryKind kind, const char* reported, const char* from,
                  std::vector<std::string> countries = {"CN"}) {
  DeliveryFact f;
  f.kind = kind;
  f.chips = {"chip-a"};
  f.countries = std::move(countries);
  f.reported = day(reported);
  f.from = day(from);
  f.text = "t";
  f.file = "f";
  f.source = "s";
  f.source_keys = {"k"};
  return f;
}

std::vector<const DeliveryFact*> of(const std::vector<DeliveryFact>& facts, const char* date,
                                    const char* country = "CN", const char* chip = "chip-a") {
  return deliveries_of(facts, chip, country, day(date));
}

// The problems of the built-in catalog with `text` as data/deliveries/bad.yaml of an extra
// directory ("" when it loads).
std::string problems_with(const std::string& text) {
  auto built_in = catalog::read_catalog_dir(SUANLI_DATA_DIR);
  if (!built_in) return built_in.error().describe();
  catalog::CatalogDir extra;
  extra.root = "extra";
  extra.texts.emplace("deliveries/bad.yaml", text);
  const auto cat = catalog::load_catalog(std::vector<catalog::CatalogDir>{*built_in, extra});
  return cat ? "" : cat.error().describe();
}

}  // namespace

TEST(Deliveries, AFactIsNeverUsedForAQuestionAskedBeforeItWasReported) {
  const std::vector<DeliveryFact> facts{
      fact(DeliveryKind::first_delivery, "2025-12-24", "2026-02-15")};
  EXPECT_TRUE(of(facts, "2025-12-23").empty());
  EXPECT_EQ(of(facts, "2025-12-24").size(), 1U);
}

TEST(Deliveries, AFirstDeliveryBearsOnlyWhileItIsAhead) {
  const std::vector<DeliveryFact> facts{
      fact(DeliveryKind::first_delivery, "2025-12-24", "2026-02-15")};
  const auto before = of(facts, "2026-02-01");
  ASSERT_EQ(before.size(), 1U);
  EXPECT_EQ(first_delivery_after(before, day("2026-02-01")), day("2026-02-15"));
  EXPECT_TRUE(of(facts, "2026-02-15").empty());
}

TEST(Deliveries, AVolumeBearsUntilItsPeriodEndsAndALaterReportSupersedesIt) {
  DeliveryFact y2025 = fact(DeliveryKind::volume, "2025-06-12", "2025-01-01");
  y2025.until = day("2025-12-31");
  DeliveryFact revised = y2025;
  revised.reported = day("2025-09-01");
  revised.text = "revised";
  const std::vector<DeliveryFact> facts{y2025, revised};
  const auto june = of(facts, "2025-07-01");
  ASSERT_EQ(june.size(), 1U);
  EXPECT_EQ(june[0]->text, "t");
  const auto autumn = of(facts, "2025-12-31");
  ASSERT_EQ(autumn.size(), 1U);
  EXPECT_EQ(autumn[0]->text, "revised");
  EXPECT_TRUE(of(facts, "2026-01-01").empty());
}

TEST(Deliveries, CountriesAndChipsSelectTheFacts) {
  const std::vector<DeliveryFact> facts{
      fact(DeliveryKind::shortfall, "2024-09-30", "2024-07-01"),
      fact(DeliveryKind::shortfall, "2024-09-30", "2024-07-01", {})};
  EXPECT_EQ(of(facts, "2025-01-01", "CN").size(), 2U);
  EXPECT_EQ(of(facts, "2025-01-01", "US").size(), 1U);
  EXPECT_EQ(of(facts, "2025-01-01", "").size(), 1U);
  EXPECT_TRUE(of(facts, "2025-01-01", "CN", "chip-b").empty());
}

TEST(Deliveries, AHaltDelaysNewProductionByItsRestartTime) {
  DeliveryFact halt = fact(DeliveryKind::halt, "2025-08-21", "2025-08-21", {});
  halt.restart_months = 9;
  const std::vector<DeliveryFact> facts{halt};
  EXPECT_TRUE(of(facts, "2025-08-20").empty());
  const auto in_force = of(facts, "2026-02-01", "CN");
  ASSERT_EQ(in_force.size(), 1U);
  EXPECT_EQ(production_restart(in_force, day("2026-02-01")), day("2026-11-01"));
  EXPECT_FALSE(first_delivery_after(in_force, day("2026-02-01")));
  halt.restart_months = 0;
  const std::vector<DeliveryFact> unknown{halt};
  EXPECT_FALSE(production_restart(of(unknown, "2026-02-01"), day("2026-02-01")));
}

TEST(Deliveries, AddMonthsClampsTheDayAndCrossesYears) {
  EXPECT_EQ(add_months(day("2026-01-31"), 1), day("2026-02-28"));
  EXPECT_EQ(add_months(day("2024-01-31"), 1), day("2024-02-29"));
  EXPECT_EQ(add_months(day("2025-08-21"), 9), day("2026-05-21"));
  EXPECT_EQ(add_months(day("2025-12-15"), 25), day("2028-01-15"));
}

TEST(Deliveries, AFleetIsMeasuredAgainstBothEndsOfAVolume) {
  DeliveryFact batch = fact(DeliveryKind::volume, "2025-12-24", "2026-02-15");
  batch.chips_low = 40000;
  batch.chips_high = 80000;
  const auto d = search::row_deliveries({batch}, "chip-a", "CN", day("2026-02-01"), 10000);
  ASSERT_TRUE(d);
  ASSERT_EQ(d->shares.size(), 1U);
  ASSERT_TRUE(d->shares[0]);
  EXPECT_DOUBLE_EQ(d->shares[0]->low, 0.125);
  EXPECT_DOUBLE_EQ(d->shares[0]->high, 0.25);
  EXPECT_FALSE(d->exceeds_volume);
  EXPECT_EQ(search::deliveries_text(*d, 10000),
            std::vector<std::string>{"10000 chips are 12%-25% of: t [f: k]"});
  const auto big = search::row_deliveries({batch}, "chip-a", "CN", day("2026-02-01"), 100000);
  ASSERT_TRUE(big);
  EXPECT_TRUE(big->exceeds_volume);
  EXPECT_EQ(search::deliveries_text(*big, 100000),
            std::vector<std::string>{
                "100000 chips are 125%-250% of: t [f: k]; the fleet needs more than it holds"});
  EXPECT_FALSE(search::row_deliveries({batch}, "chip-b", "CN", day("2026-02-01"), 10));
}

TEST(DeliveriesLoader, BadFactsAreNamedWithWhereAndWhat) {
  const std::string text = problems_with(
      "sources:\n  a: \"Reuters, 2025-01-01, a report\"\nfacts:\n"
      "  - kind: volum\n    chips: [nvidia-h2000]\n    countries: [XX]\n"
      "    reported: 2025-13-01\n    from: 2025-01-01\n    text: t\n"
      "    source: b\n"
      "  - kind: volume\n    chips: [nvidia-h20]\n    reported: 2025-01-01\n"
      "    from: 2025-01-01\n    until: 2024-12-31\n    chips_low: 5\n"
      "    chips_high: 4\n    text: t\n    source: a\n    restart_months: 3\n");
  EXPECT_THAT(text, HasSubstr("facts[0].kind: 'volum' is not one of first_delivery, volume, "
                              "halt, shortfall"));
  EXPECT_THAT(text, HasSubstr("did you mean 'volume'"));
  EXPECT_THAT(text, HasSubstr("facts[0].reported: "));
  EXPECT_THAT(text, HasSubstr("facts[0].source: source 'b' is not listed under 'sources'"));
  EXPECT_THAT(text, HasSubstr("facts[1].until: must not be before 'from'"));
  EXPECT_THAT(text, HasSubstr("facts[1].chips_high: must not be below chips_low"));
  EXPECT_THAT(text, HasSubstr("facts[1].restart_months: unknown key 'restart_months'"));
}

TEST(DeliveriesLoader, UnknownChipsAndCountriesHaveDidYouMean) {
  const std::string text = problems_with(
      "sources:\n  a: \"Reuters, 2025-01-01, a report\"\nfacts:\n"
      "  - kind: shortfall\n    chips: [nvidia-h2o]\n    countries: [CM, XQ]\n"
      "    reported: 2025-01-01\n    from: 2025-01-01\n    text: t\n"
      "    source: a\n");
  EXPECT_THAT(text, HasSubstr("deliveries/bad.yaml: chips: unknown chip 'nvidia-h2o'"));
  EXPECT_THAT(text, HasSubstr("did you mean one of 'nvidia-h20'"));
  EXPECT_THAT(text, HasSubstr("countries: unknown country code 'XQ'"));
}

}  // namespace suanli::policy

namespace suanli::api {

TEST(PlanDeliveries, TheH20InventoryAndItsHaltedProductionBearOnAChinaPlan) {
  auto a = plan(test::infer_catalog(), test::cn_h20_atlas_plan());
  ASSERT_TRUE(a) << a.error().describe();
  const search::PlanRow& h20 = test::row_of(*a->serving_result, "hgx-h20");
  ASSERT_TRUE(h20.deliveries);
  const search::RowDeliveries& d = *h20.deliveries;
  ASSERT_EQ(d.facts.size(), 2U);
  EXPECT_EQ(d.facts[0].kind, policy::DeliveryKind::volume);
  EXPECT_EQ(d.facts[1].kind, policy::DeliveryKind::halt);
  ASSERT_TRUE(d.shares[0]);
  const auto chips = static_cast<double>(h20.fleet.chips);
  EXPECT_DOUBLE_EQ(d.shares[0]->low, chips / 700000);
  EXPECT_DOUBLE_EQ(d.shares[0]->high, chips / 600000);
  EXPECT_FALSE(d.first_delivery);
  ASSERT_TRUE(d.production_restart);
  EXPECT_EQ(d.production_restart->to_string(), "2026-11-01");  // 2026-02-01 + 9 months
  const search::PlanRow& atlas = test::row_of(*a->serving_result, "atlas-800t-a2");
  ASSERT_TRUE(atlas.deliveries);  // the 910B: ByteDance's shortfall; the 2025 output has ended
  ASSERT_EQ(atlas.deliveries->facts.size(), 1U);
  EXPECT_EQ(atlas.deliveries->facts[0].kind, policy::DeliveryKind::shortfall);
}

TEST(PlanDeliveries, AnH200ClearedThroughCustomsWaitsForItsFirstDeliveries) {
  PlanRequest req = test::cn_h20_atlas_plan();
  req.systems = {"hgx-h200"};
  req.what_if = {"h200 customs cleared"};
  auto a = plan(test::infer_catalog(), req);
  ASSERT_TRUE(a) << a.error().describe();
  const search::PlanRow& h200 = test::row_of(*a->serving_result, "hgx-h200");
  ASSERT_TRUE(h200.deliveries);
  const search::RowDeliveries& d = *h200.deliveries;
  ASSERT_TRUE(d.first_delivery);
  EXPECT_EQ(d.first_delivery->to_string(), "2026-02-15");
  ASSERT_EQ(d.facts.size(), 3U);  // the shortfall (2026-01-14), the first delivery, the batch
  EXPECT_EQ(d.facts[0].kind, policy::DeliveryKind::shortfall);
  ASSERT_TRUE(d.shares[2]);
  const auto chips = static_cast<double>(h200.fleet.chips);
  EXPECT_DOUBLE_EQ(d.shares[2]->high, chips / 40000);
}

TEST(PlanDeliveries, NoDestinationNoDeliveries) {
  PlanRequest req = test::cn_h20_atlas_plan();
  req.dest.clear();
  req.date.clear();
  auto a = plan(test::infer_catalog(), req);
  ASSERT_TRUE(a) << a.error().describe();
  for (const auto& r : a->serving_result->rows) EXPECT_FALSE(r.deliveries) << r.system;
}

}  // namespace suanli::api
