// Cost arithmetic against hand-computed values: capex (system price, chip price + server
// overhead, network, levy), power (TDP + node overhead, system power, utilization, PUE), the
// chip-hour cost, $/M tokens, tokens per joule and the cost of a training run.
#include <gtest/gtest.h>

#include "suanli/cost/capex.hpp"
#include "suanli/cost/chip_hour.hpp"
#include "suanli/cost/power.hpp"
#include "suanli/cost/token_cost.hpp"
#include "suanli/cost/training_cost.hpp"

namespace suanli::cost {
namespace {

Assumptions hand_assumptions() {
  Assumptions a;
  a.amortization_years = 2;  // 17520 h
  a.utilization = 0.5;
  a.pue = 1.2;
  a.node_overhead = 0.5;
  a.server_overhead = 0.2;
  a.network_fraction = 0.1;
  a.facility_usd_per_kw_month = 100;
  a.levy_pass_through = 1;
  a.usd_per_kwh = 0.10;
  a.region = "US";
  return a;
}

hw::Chip hand_chip() {
  hw::Chip c;
  c.id = "acme-x1";
  c.tdp = hw::Figure<units::Watts>::of(units::Watts(1000), "ds");
  c.price = hw::Figure<units::Usd>::of(units::Usd(10000), "ds");
  return c;
}

TEST(CostArithmetic, ChipPriceWithServerOverheadNetworkAndLevy) {
  const Assumptions a = hand_assumptions();
  const hw::Chip chip = hand_chip();
  auto capex = capex_per_chip(chip, nullptr, PriceBook{}, a, 25);
  ASSERT_TRUE(capex.ok()) << capex.error().describe();
  EXPECT_DOUBLE_EQ(capex->hardware_usd, 12000.0);  // 10000 x 1.2
  EXPECT_DOUBLE_EQ(capex->network_usd, 1200.0);    // 12000 x 0.1
  EXPECT_DOUBLE_EQ(capex->levy_usd, 3000.0);       // 12000 x 25 %
  EXPECT_DOUBLE_EQ(capex->total_usd(), 16200.0);
  EXPECT_EQ(capex->basis, "chip price (catalog) + server overhead");
  EXPECT_TRUE(capex->estimate);  // the server overhead is an estimate
}

TEST(CostArithmetic, SystemPriceWinsAndIsSplitPerChip) {
  Assumptions a = hand_assumptions();
  hw::System sys;
  sys.id = "acme-pod";
  sys.chips = 8;
  sys.price = hw::Figure<units::Usd>::of(units::Usd(160000), "ds");
  auto capex = capex_per_chip(hand_chip(), &sys, PriceBook{}, a, 0);
  ASSERT_TRUE(capex.ok());
  EXPECT_DOUBLE_EQ(capex->hardware_usd, 20000.0);  // 160000 / 8, no server overhead
  EXPECT_DOUBLE_EQ(capex->levy_usd, 0.0);
  // The price book wins over the catalog figure; a user override wins over both.
  PriceBook book;
  book.systems.push_back(PriceEntry{"acme-pod", units::Usd(240000), "2025", "book", ""});
  EXPECT_DOUBLE_EQ(capex_per_chip(hand_chip(), &sys, book, a, 0)->hardware_usd, 30000.0);
  a.prices["acme-pod"] = 80000;
  EXPECT_DOUBLE_EQ(capex_per_chip(hand_chip(), &sys, book, a, 0)->hardware_usd, 10000.0);
}

TEST(CostArithmetic, LevyPassThroughScalesTheLevy) {
  Assumptions a = hand_assumptions();
  a.levy_pass_through = 0.5;
  auto capex = capex_per_chip(hand_chip(), nullptr, PriceBook{}, a, 15);
  ASSERT_TRUE(capex.ok());
  EXPECT_DOUBLE_EQ(capex->levy_usd, 12000.0 * 0.15 * 0.5);
}

TEST(CostArithmetic, PowerFromTdpAndFromSystem) {
  const Assumptions a = hand_assumptions();
  auto p = chip_power(1000.0, std::nullopt, a);
  ASSERT_TRUE(p.ok());
  EXPECT_DOUBLE_EQ(p->provisioned_it_w, 1500.0);        // 1000 x 1.5
  EXPECT_DOUBLE_EQ(p->mean_it_w, 750.0);                // x 0.5
  EXPECT_DOUBLE_EQ(p->provisioned_facility_w, 1800.0);  // x 1.2
  EXPECT_DOUBLE_EQ(p->mean_facility_w, 900.0);
  auto s = chip_power(1000.0, 2000.0, a);
  EXPECT_DOUBLE_EQ(s->provisioned_it_w, 2000.0);  // reported system power wins
  EXPECT_FALSE(chip_power(std::nullopt, std::nullopt, a).ok());
  EXPECT_DOUBLE_EQ(energy_mwh(*p, 1000, 10), 900.0 * 1000 * 10 / 1e6);  // 9 MWh
}

TEST(CostArithmetic, OwnedChipHourAndTokenCost) {
  const Assumptions a = hand_assumptions();
  auto capex = capex_per_chip(hand_chip(), nullptr, PriceBook{}, a, 25);
  auto p = chip_power(1000.0, std::nullopt, a);
  const ChipHourCost h = owned_chip_hour(*capex, *p, a);
  EXPECT_DOUBLE_EQ(h.capex, 13200.0 / 17520.0);
  EXPECT_DOUBLE_EQ(h.levy, 3000.0 / 17520.0);
  EXPECT_DOUBLE_EQ(h.energy, 0.9 * 0.10);                 // 900 W facility x $0.10/kWh
  EXPECT_DOUBLE_EQ(h.facility, 1.5 * 100 * 12 / 8760.0);  // 1.5 kW IT x $100/kW-month
  const double total = 13200.0 / 17520.0 + 3000.0 / 17520.0 + 0.09 + 1.5 * 100 * 12 / 8760.0;
  EXPECT_DOUBLE_EQ(h.total(), total);
  const TokenCost t = token_cost(h, 1000, 4000, *p);
  EXPECT_DOUBLE_EQ(t.usd_per_m_output, total / 3.6);  // 3.6 M tokens per chip-hour
  EXPECT_DOUBLE_EQ(t.usd_per_m_input, total / 14.4);
  EXPECT_DOUBLE_EQ(t.usd_per_m_total, total / 18.0);
  EXPECT_DOUBLE_EQ(t.output_tokens_per_joule, 1000.0 / 900.0);
  EXPECT_DOUBLE_EQ(token_cost(h, 0, 0, *p).usd_per_m_output, 0.0);
}

TEST(CostArithmetic, RentedChipHourIsTheRateAlone) {
  Assumptions a = hand_assumptions();
  a.mode = CostMode::cloud;
  PriceBook book;
  book.cloud.push_back(CloudRate{"acme-x1", "global", 2.5, "on-demand", "2026", "src", ""});
  book.cloud.push_back(CloudRate{"acme-x1", "US", 2.0, "on-demand", "2026", "src", ""});
  auto rate = cloud_price(book, a, "acme-x1");
  ASSERT_TRUE(rate.ok());
  EXPECT_DOUBLE_EQ(rate->usd_per_chip_hour, 2.0);  // the region's rate before the global one
  a.region = "CN";
  EXPECT_DOUBLE_EQ(cloud_price(book, a, "acme-x1")->usd_per_chip_hour, 2.5);
  a.cloud_rates["acme-x1"] = 1.25;
  EXPECT_DOUBLE_EQ(rented_chip_hour(*cloud_price(book, a, "acme-x1")).total(), 1.25);
  auto none = cloud_price(book, a, "acme-x2");
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.error().code, core::ErrorCode::not_found);
}

TEST(CostArithmetic, TrainingRun) {
  const Assumptions a = hand_assumptions();
  auto capex = capex_per_chip(hand_chip(), nullptr, PriceBook{}, a, 0);
  auto p = chip_power(1000.0, std::nullopt, a);
  const ChipHourCost h = owned_chip_hour(*capex, *p, a);
  const TrainingCost t = training_cost(1024, 86400.0 * 10, h, *p, &*capex);  // 10 days
  EXPECT_DOUBLE_EQ(t.chip_hours, 1024 * 240.0);
  EXPECT_DOUBLE_EQ(t.usd, h.total() * 1024 * 240.0);
  EXPECT_DOUBLE_EQ(t.energy_mwh, 900.0 * 1024 * 240 / 1e6);
  EXPECT_DOUBLE_EQ(t.cluster_capex_usd, 13200.0 * 1024);
  EXPECT_DOUBLE_EQ(t.facility_mw, 1800.0 * 1024 / 1e6);
}

}  // namespace
}  // namespace suanli::cost
