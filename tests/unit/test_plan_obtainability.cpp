// A plan ranks only what the buyer can obtain: status per system for the destination, date and
// buyer profile; --include widens; cloud rates are offered only where their region is; tokens
// are priced at the load the target implies.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "suanli/api/plan.hpp"
#include "suanli/io/plan_json.hpp"
#include "tests/unit/infer_fixture.hpp"

namespace suanli::api {
namespace {

using ::testing::HasSubstr;

const search::PlanRow& row_of(const PlanAnswer& a, const std::string& system) {
  for (const auto& r : a.serving_result->rows) {
    if (r.system == system) return r;
  }
  ADD_FAILURE() << "no row for " << system;
  static const search::PlanRow none;
  return none;
}

PlanAnswer run(const PlanRequest& req) {
  auto a = api::plan(test::infer_catalog(), req);
  EXPECT_TRUE(a) << (a ? "" : a.error().describe());
  return a ? std::move(*a) : PlanAnswer{};
}

PlanRequest cn_request() {
  PlanRequest req;
  req.model = "llama-3.1-8b";
  req.systems = {"hgx-h100", "hgx-h20", "hgx-h200", "atlas-800t-a2"};
  req.target = "200k-tok/s";
  req.dest = "CN";
  req.date = "2026-02-01";
  return req;
}

std::string status_of(const search::PlanRow& r) {
  return r.obtainability ? std::string(policy::to_string(*r.obtainability)) : "-";
}

// "<row status>/<obtainability>" of each system, in the order asked.
std::vector<std::string> statuses(const PlanAnswer& a, const std::vector<std::string>& systems) {
  std::vector<std::string> out;
  for (const auto& s : systems) {
    const auto& r = row_of(a, s);
    out.push_back(std::string(search::to_string(r.status)) + "/" + status_of(r));
  }
  return out;
}

const std::vector<std::string> cn_systems{"hgx-h100", "hgx-h200", "hgx-h20", "atlas-800t-a2"};

}  // namespace

TEST(PlanObtainability, RanksOnlyObtainableSystemsByDefault) {
  const PlanAnswer a = run(cn_request());
  EXPECT_EQ(statuses(a, cn_systems),
            (std::vector<std::string>{"unavailable/case_by_case", "unavailable/blocked",
                                      "ok/licensed", "ok/available"}));
  EXPECT_EQ(a.serving_result->n_ok, 2);
}

TEST(PlanObtainability, IncludeWidensTheRanking) {
  PlanRequest req = cn_request();
  req.include = {"case_by_case"};
  const PlanAnswer a = run(req);
  EXPECT_EQ(statuses(a, cn_systems),
            (std::vector<std::string>{"ok/case_by_case", "unavailable/blocked", "ok/licensed",
                                      "ok/available"}));
  EXPECT_EQ(a.serving_result->n_ok, 3);
}

TEST(PlanObtainability, BuyerProfileAppliesItsRules) {
  PlanRequest req = cn_request();
  req.buyer = "state";
  const PlanAnswer a = run(req);
  // State-funded data centres: domestic chips only (2025-11-05); the H20 is blocked for them.
  EXPECT_EQ(status_of(row_of(a, "hgx-h20")), "blocked");
  EXPECT_THAT(row_of(a, "hgx-h20").reason, HasSubstr("state-funded data-centre projects"));
  EXPECT_EQ(status_of(row_of(a, "atlas-800t-a2")), "available");
  req.buyer = "private";
  EXPECT_EQ(status_of(row_of(run(req), "hgx-h20")), "licensed");
}

// "rule (authority[, blocking])" of each risk of a row.
std::vector<std::string> risks_of(const search::PlanRow& r) {
  std::vector<std::string> out;
  for (const auto& k : r.risks) out.push_back(k.rule_id + " (" + policy::risk_label(k) + ")");
  return out;
}

TEST(PlanObtainability, RowsCarryTheRisksThatBindTheBuyer) {
  PlanRequest req = cn_request();
  req.buyer = "operator";
  PlanAnswer a = run(req);
  // Operators: over half of their chips domestic (2025-08); the H20 stays licensed for them.
  EXPECT_EQ(status_of(row_of(a, "hgx-h20")), "licensed");
  EXPECT_EQ(risks_of(row_of(a, "hgx-h20")),
            (std::vector<std::string>{"prc-2025-08-operator-domestic (prc)"}));
  EXPECT_THAT(io::risk_lines(*a.serving_result),
              ::testing::Contains(HasSubstr(
                  "hgx-h20 (prc): operators and public computing hubs: over 50% of chips")));
  // A private buyer is bound by none of the PRC buyer rules.
  req.buyer = "private";
  a = run(req);
  EXPECT_THAT(risks_of(row_of(a, "hgx-h20")),
              ::testing::Not(::testing::Contains(HasSubstr("prc-"))));
  // No buyer: every profile-bound rule is listed, non-blocking, with the profiles it binds.
  req.buyer.clear();
  a = run(req);
  const auto& h20 = row_of(a, "hgx-h20");
  EXPECT_THAT(risks_of(h20), ::testing::Contains("prc-2025-08-operator-domestic (prc)"));
  for (const auto& k : h20.risks) {
    EXPECT_FALSE(k.blocking) << k.rule_id;
    if (k.authority == "prc") {
      EXPECT_THAT(k.text, ::testing::StartsWith("for ")) << k.rule_id;
    }
  }
  // A state buyer cannot have the H20 (blocking rule): its row lists no risk lines.
  req.buyer = "state";
  a = run(req);
  EXPECT_EQ(status_of(row_of(a, "hgx-h20")), "blocked");
  EXPECT_THAT(io::risk_lines(*a.serving_result),
              ::testing::Not(::testing::Contains(HasSubstr("hgx-h20"))));
}

TEST(PlanObtainability, BadIncludeAndBuyerAreUsageErrors) {
  PlanRequest req = cn_request();
  req.include = {"case-by-case"};
  auto a = api::plan(test::infer_catalog(), req);
  ASSERT_FALSE(a);
  EXPECT_EQ(a.error().message,
            "--include: 'case-by-case' is not one of available, licensed, case_by_case, denied, "
            "blocked, not_on_sale, unknown");
  EXPECT_THAT(a.error().hints, ::testing::Contains(HasSubstr("case_by_case")));
  req = cn_request();
  req.buyer = "goverment";
  a = api::plan(test::infer_catalog(), req);
  ASSERT_FALSE(a);
  EXPECT_EQ(a.error().message,
            "--buyer: 'goverment' is not a buyer profile (one of state, soe, operator, internet, "
            "private, foreign)");
  req = cn_request();
  req.dest.clear();
  req.date.clear();
  req.buyer = "state";
  a = api::plan(test::infer_catalog(), req);
  ASSERT_FALSE(a);
  EXPECT_EQ(a.error().message, "--buyer: a buyer profile needs a destination (--dest CC)");
}

TEST(PlanObtainability, CloudRatesServeOnlyWhereOffered) {
  PlanRequest req;
  req.model = "llama-3.1-8b";
  req.systems = {"hgx-h100", "tpu-v5p-512"};
  req.target = "200k-tok/s";
  req.cloud = true;
  req.dest = "CN";
  req.date = "2026-02-01";
  req.include = {"case_by_case"};
  const PlanAnswer a = run(req);
  const auto& tpu = row_of(a, "tpu-v5p-512");
  EXPECT_EQ(tpu.status, search::RowStatus::no_price);
  EXPECT_THAT(tpu.reason, HasSubstr("no cloud offer for google-tpu-v5p in CN"));
  const auto& h100 = row_of(a, "hgx-h100");
  EXPECT_TRUE(h100.priced);
  EXPECT_DOUBLE_EQ(h100.hour.cloud, 1.78);  // the CN rate, not the global one
}

TEST(PlanObtainability, TokensArePricedAtTheTargetLoad) {
  PlanRequest req;
  req.model = "llama-3.1-8b";
  req.systems = {"hgx-h100"};
  req.target = "200k-tok/s";
  const PlanAnswer a = run(req);
  const auto& r = row_of(a, "hgx-h100");
  ASSERT_TRUE(r.feasible && r.priced);
  EXPECT_NEAR(r.target_load, 200e3 / r.fleet.capacity_tps, 1e-12);
  EXPECT_LE(r.target_load, 1.0);
  const double served_per_chip = 200e3 / static_cast<double>(r.fleet.chips);
  EXPECT_NEAR(r.output_tps_per_chip, served_per_chip, 1e-9 * served_per_chip);
  EXPECT_NEAR(r.tokens.usd_per_m_output, r.hour.total() / (3600 * served_per_chip) * 1e6,
              1e-9 * r.tokens.usd_per_m_output);
}

TEST(PlanObtainability, WhatIfRevokedLicencesIsASupplyChangeInTheHorizon) {
  PlanRequest req = cn_request();
  req.what_if = {"us-2025-08-h20-licences=2026-06-01"};
  const PlanAnswer a = run(req);
  const auto& h20 = row_of(a, "hgx-h20");
  EXPECT_EQ(status_of(h20), "licensed");
  ASSERT_FALSE(h20.supply_changes.empty());
  EXPECT_EQ(h20.supply_changes.front().date.to_string(), "2026-06-01");
  EXPECT_EQ(policy::to_string(h20.supply_changes.front().obtainability), "denied");
  EXPECT_THAT(a.notes, ::testing::Contains("what-if: us-2025-08-h20-licences ends 2026-06-01"));
  EXPECT_THAT(a.serving_result->notes,
              ::testing::Contains(HasSubstr("supply: hgx-h20 is licensed on 2026-02-01; from "
                                            "2026-06-01: denied: ")));
  // Without the what-if the H20 stays licensed over the horizon.
  EXPECT_TRUE(row_of(run(cn_request()), "hgx-h20").supply_changes.empty());
}

TEST(PlanObtainability, WhatIfCustomsLiftedLeavesTheLicenceQuestion) {
  PlanRequest req = cn_request();
  req.what_if = {"prc-2026-01-h200-customs=lifted"};
  EXPECT_EQ(status_of(row_of(run(req), "hgx-h200")), "case_by_case");
}

TEST(PlanObtainability, BadWhatIfsNameTheProblem) {
  PlanRequest req = cn_request();
  req.what_if = {"us-2025-08-h20-licence=2026-06-01"};
  auto a = api::plan(test::infer_catalog(), req);
  ASSERT_FALSE(a);
  EXPECT_EQ(a.error().message, "what-if: no rule 'us-2025-08-h20-licence'");
  EXPECT_THAT(a.error().hints, ::testing::Contains(HasSubstr("us-2025-08-h20-licences")));
  req.what_if = {"h200 cleared soon"};
  a = api::plan(test::infer_catalog(), req);
  ASSERT_FALSE(a);
  EXPECT_EQ(a.error().message,
            "what-if 'h200 cleared soon' has no event 'cleared soon': the accepted forms are "
            "RULE=YYYY-MM-DD, RULE=lifted, 'CHIP licences revoked [YYYY-MM-DD]' and 'CHIP "
            "customs cleared [YYYY-MM-DD]'");
  req.what_if = {"prc-2026-01-h200-customs=soon"};
  a = api::plan(test::infer_catalog(), req);
  ASSERT_FALSE(a);
  EXPECT_THAT(a.error().message, ::testing::StartsWith("what-if: "));
}

}  // namespace suanli::api
