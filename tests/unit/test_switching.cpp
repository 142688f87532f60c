// Switching cost (docs/models/cost.md §switching): porting = engineer-months x monthly engineer
// cost, the ramp's extra fleet cost, the horizon total and $/M with switching, the overrides and
// the exact diagnostics of bad input; and the plan's switching lines on the built-in catalog.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "suanli/api/plan.hpp"
#include "suanli/cost/currency.hpp"
#include "suanli/cost/switching.hpp"
#include "suanli/policy/what_if.hpp"
#include "suanli/search/switching.hpp"
#include "tests/unit/cn_plan_fixture.hpp"
#include "tests/unit/infer_fixture.hpp"

namespace suanli::cost {
namespace {

SwitchingBook book() {
  SwitchingBook b;
  b.usd_per_engineer_month = Param{16000, "labour source", "an estimate"};
  Stack cann;
  cann.id = "cann";
  cann.vendors = {"huawei"};
  cann.porting_inference = Param{6, "s", "serving estimate"};
  cann.porting_training = Param{24, "s", "training estimate"};
  cann.ramp = {0.6, 0.8, 0.9};
  cann.ramp_basis = Param{0, "s", "ramp estimate"};
  cann.gaps = {{GapWhen::fp8, "no FP8", "src"}, {GapWhen::mla, "no MLA", "src"}};
  Stack cuda;
  cuda.id = "cuda";
  cuda.vendors = {"nvidia"};
  cuda.porting_inference = Param{1, "s", ""};
  cuda.porting_training = Param{2, "s", ""};
  b.stacks = {cann, cuda};
  return b;
}

SwitchingAsk ask_from(const SwitchingBook& b, const std::string& from,
                      const std::vector<std::string>& months = {},
                      const std::string& engineer = "") {
  auto a = resolve_switching(b, from, months, engineer);
  EXPECT_TRUE(a) << (a ? "" : a.error().describe());
  return a ? *a : SwitchingAsk{};
}

}  // namespace

TEST(Switching, PortingIsEngineerMonthsTimesMonthlyCost) {
  const SwitchingBook b = book();
  const SwitchingCost c = switching_cost(b, ask_from(b, "cuda"), b.stacks[0], false, 1e6, 48);
  EXPECT_TRUE(c.switching);
  EXPECT_EQ(c.from, "cuda");
  EXPECT_EQ(c.to, "cann");
  EXPECT_DOUBLE_EQ(c.engineer_months, 6);
  EXPECT_DOUBLE_EQ(c.porting_usd, 96000);
  const SwitchingCost t = switching_cost(b, ask_from(b, "cuda"), b.stacks[0], true, 1e6, 48);
  EXPECT_DOUBLE_EQ(t.porting_usd, 24 * 16000.0);
}

TEST(Switching, RampCostsTheExtraFleetToHoldTheTarget) {
  const SwitchingBook b = book();
  const SwitchingCost c = switching_cost(b, ask_from(b, "cuda"), b.stacks[0], false, 1e6, 48);
  EXPECT_EQ(c.ramp_months, 3);
  // (1/0.6 - 1) + (1/0.8 - 1) + (1/0.9 - 1) = 0.6667 + 0.25 + 0.1111 monthly fleet costs.
  EXPECT_NEAR(c.ramp_usd, 1'027'777.78, 0.01);
  EXPECT_TRUE(c.estimate);
  // A two-month horizon holds two ramp months.
  const SwitchingCost h = switching_cost(b, ask_from(b, "cuda"), b.stacks[0], false, 1e6, 2);
  EXPECT_EQ(h.ramp_months, 2);
  EXPECT_NEAR(h.ramp_usd, 916'666.67, 0.01);
}

TEST(Switching, SameStackCostsNothing) {
  const SwitchingBook b = book();
  const SwitchingCost c = switching_cost(b, ask_from(b, "cann"), b.stacks[0], false, 1e6, 48);
  EXPECT_FALSE(c.switching);
  EXPECT_EQ(c.porting_usd, 0);
  EXPECT_EQ(c.ramp_usd, 0);
  EXPECT_FALSE(c.estimate);
}

TEST(Switching, OverridesReplaceTheEstimates) {
  const SwitchingBook b = book();
  const SwitchingAsk a = ask_from(b, "cuda", {"cann=4"}, "20000 USD");
  const SwitchingCost c = switching_cost(b, a, b.stacks[0], false, 1e6, 48);
  EXPECT_DOUBLE_EQ(c.porting_usd, 80000);
  EXPECT_EQ(c.basis,
            "porting 4 engineer-months from --porting-months; engineer cost from "
            "--engineer-month-cost; ramp on cann is an estimate: ramp estimate");
}

TEST(Switching, BadInputNamesTheFlagAndTheChoices) {
  const SwitchingBook b = book();
  auto unknown = resolve_switching(b, "cnn", {}, "");
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, core::ErrorCode::not_found);
  EXPECT_EQ(unknown.error().message, "--from: no software stack 'cnn' (stacks: cann, cuda)");
  EXPECT_EQ(unknown.error().hints, std::vector<std::string>{"did you mean 'cann'?"});
  auto months = resolve_switching(b, "cuda", {"cann=-2"}, "");
  ASSERT_FALSE(months);
  EXPECT_EQ(months.error().message,
            "--porting-months: '-2' is not a number of engineer-months in (0, 1000]");
  auto form = resolve_switching(b, "cuda", {"cann"}, "");
  ASSERT_FALSE(form);
  EXPECT_EQ(form.error().message, "--porting-months: 'cann' is not STACK=ENGINEER-MONTHS");
  auto rate = resolve_switching(b, "cuda", {}, "5 USD");
  ASSERT_FALSE(rate);
  EXPECT_EQ(rate.error().message,
            "--engineer-month-cost: '5 USD' is outside the plausible range 1000 .. 1e+06 USD");
  auto orphan = resolve_switching(b, "", {"cann=3"}, "");
  ASSERT_FALSE(orphan);
  EXPECT_EQ(orphan.error().message, "--porting-months: give the buyer's current stack with --from");
}

}  // namespace suanli::cost

namespace suanli::search {

TEST(Switching, RowTotalsSpreadOverTheHorizon) {
  const cost::SwitchingBook b = cost::book();
  SwitchingRequest req{&b, cost::ask_from(b, "cuda")};
  const auto& model = test::test_model("deepseek-r1");
  const SwitchingWorkload w{&model, hw::Dtype::fp8, false};
  const RowSwitching s =
      row_switching(req, w, test::test_chip("huawei-ascend-910b"), 12e6, 1000, 12);
  EXPECT_EQ(s.stack, "cann");
  // 12 months of the fleet (12 M$) + porting 96 k$ + ramp (0.6667 + 0.25 + 0.1111) x 1 M$.
  EXPECT_NEAR(s.total_usd, 12e6 + 96000 + 1'027'777.78, 0.01);
  // over 1000 tok/s x 8760 h x 3600 s.
  EXPECT_NEAR(s.usd_per_m_output, s.total_usd / 3.1536e10 * 1e6, 1e-9);
  ASSERT_EQ(s.gaps.size(), 2u);  // fp8 asked; DeepSeek-R1 uses MLA
  EXPECT_EQ(s.gaps[0].text, "no FP8");
  EXPECT_EQ(switching_text(s),
            "switching cuda -> cann: porting 6 engineer-months x $16k = $96k; ramp 3 months "
            "$1.03M (estimates)");
  const RowSwitching none = row_switching(req, w, test::test_chip("amd-mi300x"), 12e6, 1000, 12);
  EXPECT_EQ(none.stack, "");
  EXPECT_EQ(none.total_usd, 0);
}

}  // namespace suanli::search

namespace suanli::api {

TEST(PlanSwitching, FromCudaPricesEveryOtherStack) {
  PlanRequest req = test::cn_h20_atlas_plan();
  req.from = "cuda";
  auto a = api::plan(test::infer_catalog(), req);
  ASSERT_TRUE(a) << a.error().describe();
  for (const auto& r : a->serving_result->rows) {
    ASSERT_TRUE(r.switching) << r.system;
    const auto& s = *r.switching;
    if (r.system == "hgx-h20") {
      EXPECT_EQ(s.stack, "cuda");
      EXPECT_FALSE(s.cost.switching);
      EXPECT_NEAR(s.usd_per_m_output, r.tokens.usd_per_m_output, 1e-9);
    } else {
      EXPECT_EQ(s.stack, "cann");
      EXPECT_TRUE(s.cost.switching);
      EXPECT_DOUBLE_EQ(s.cost.porting_usd, 6 * 16000.0);
      EXPECT_EQ(s.cost.ramp_months, 3);
      EXPECT_GT(s.usd_per_m_output, r.tokens.usd_per_m_output);
    }
  }
}

TEST(PlanSwitching, FromIsRefusedForTraining) {
  PlanRequest req;
  req.model = "llama-3.1-8b";
  req.train = true;
  req.tokens = "1T";
  req.days = "30";
  req.from = "cuda";
  auto a = api::plan(test::infer_catalog(), req);
  ASSERT_FALSE(a);
  EXPECT_EQ(a.error().message, "--from: switching cost is priced for serving plans, not --train");
}

}  // namespace suanli::api

namespace suanli::policy {

TEST(WhatIfPhrase, MapsChipAndEventOntoTheRules) {
  const auto& rules = test::infer_catalog().policies;
  auto p = parse_what_if_phrase("H20 licences revoked 2026-06-01");
  ASSERT_TRUE(p) << p.error().describe();
  EXPECT_EQ(p->chip, "h20");
  EXPECT_EQ(p->event, "licences revoked");
  ASSERT_TRUE(p->date);
  auto edits = what_ifs_of(*p, "nvidia-h20", rules);
  ASSERT_TRUE(edits) << edits.error().describe();
  ASSERT_EQ(edits->size(), 1u);
  EXPECT_EQ((*edits)[0].rule_id, "us-2025-08-h20-licences");
  EXPECT_EQ((*edits)[0].ends->to_string(), "2026-06-01");
  auto cleared = parse_what_if_phrase("h200 customs cleared");
  ASSERT_TRUE(cleared);
  EXPECT_FALSE(cleared->date);
  auto lifted = what_ifs_of(*cleared, "nvidia-h200-sxm", rules);
  ASSERT_TRUE(lifted);
  ASSERT_EQ(lifted->size(), 1u);
  EXPECT_EQ((*lifted)[0].rule_id, "prc-2026-01-h200-customs");
  EXPECT_FALSE((*lifted)[0].ends);
  EXPECT_EQ((*lifted)[0].text,
            "nvidia-h200-sxm customs cleared (lifted): prc-2026-01-h200-customs lifted");
}

TEST(WhatIfPhrase, UnknownPhrasesNameTheAcceptedForms) {
  auto bad = parse_what_if_phrase("h20 licences cancelled 2026-06-01");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().message,
            "what-if 'h20 licences cancelled 2026-06-01' has no event 'licences cancelled': the "
            "accepted forms are RULE=YYYY-MM-DD, RULE=lifted, 'CHIP licences revoked "
            "[YYYY-MM-DD]' and 'CHIP customs cleared [YYYY-MM-DD]'");
  EXPECT_THAT(bad.error().hints,
              ::testing::Contains("e.g. --what-if \"h20 licences revoked 2026-06-01\""));
  auto date = parse_what_if_phrase("h20 licences revoked june");
  ASSERT_FALSE(date);
  EXPECT_THAT(date.error().message, ::testing::HasSubstr("ends in 'june', not a date"));
  auto none = what_ifs_of(*parse_what_if_phrase("h100 licences revoked"), "nvidia-h100-sxm",
                          test::infer_catalog().policies);
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error().message,
            "what-if: no rule in the policy catalog grants licences for nvidia-h100-sxm");
}

}  // namespace suanli::policy

namespace suanli::cost {

TEST(Currency, PicksTheRateOnOrBeforeTheDate) {
  const PriceBook& book = test::infer_catalog().prices;
  auto feb = resolve_currency(book, "CNY", "2026-02-01");
  ASSERT_TRUE(feb);
  EXPECT_DOUBLE_EQ(feb->per_usd, 7.0197);
  EXPECT_EQ(feb->rate_date, "2026-01-08");
  auto sep = resolve_currency(book, "CNY", "2025-09-01");
  ASSERT_TRUE(sep);
  EXPECT_DOUBLE_EQ(sep->per_usd, 7.1287);
  auto usd = resolve_currency(book, "", "2025-09-01");
  ASSERT_TRUE(usd);
  EXPECT_EQ(usd->per_usd, 1);
  auto early = resolve_currency(book, "CNY", "2024-05-01");
  ASSERT_FALSE(early);
  EXPECT_EQ(early.error().message,
            "--currency CNY: no CNY/USD rate on or before 2024-05-01 (the first is of 2025-01-15)");
  auto bad = resolve_currency(book, "CNX", "");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().message, "--currency: 'CNX' is not one of USD, CNY");
  EXPECT_EQ(bad.error().hints, std::vector<std::string>{"did you mean 'CNY'?"});
}

}  // namespace suanli::cost
