// The Pareto front contains no dominated point, and every point left out is dominated by (or
// equal to) a point on the front: on random point sets and on the planner's own output.
#include <gtest/gtest.h>

#include <random>

#include "plan_fixture.hpp"
#include "suanli/search/pareto.hpp"

namespace suanli::search {
namespace {

void check_front(const std::vector<std::vector<double>>& pts) {
  const auto front = pareto_front(pts);
  std::vector<bool> on(pts.size(), false);
  for (std::size_t i : front) on[i] = true;
  for (std::size_t i : front) {
    for (std::size_t j = 0; j < pts.size(); ++j) {
      EXPECT_FALSE(dominates(pts[j], pts[i])) << "front point " << i << " dominated by " << j;
    }
  }
  for (std::size_t j = 0; j < pts.size(); ++j) {
    if (on[j]) continue;
    bool covered = false;
    for (std::size_t i : front) covered = covered || dominates(pts[i], pts[j]) || pts[i] == pts[j];
    EXPECT_TRUE(covered) << "point " << j << " left out but not dominated";
  }
  for (std::size_t k = 1; k < front.size(); ++k) {
    EXPECT_LE(pts[front[k - 1]][0], pts[front[k]][0]);  // ordered by the first objective
  }
}

TEST(ParetoProperty, RandomPointSets) {
  std::mt19937 rng(20260201);
  std::uniform_int_distribution<int> coarse(0, 9);  // coarse values force ties and duplicates
  std::uniform_real_distribution<double> fine(0, 1);
  for (int trial = 0; trial < 300; ++trial) {
    const int n = 1 + trial % 40;
    const int dims = 2 + trial % 2;
    std::vector<std::vector<double>> pts(static_cast<std::size_t>(n));
    for (auto& p : pts) {
      for (int d = 0; d < dims; ++d) p.push_back(trial % 3 == 0 ? coarse(rng) : fine(rng));
    }
    check_front(pts);
  }
}

TEST(ParetoProperty, SmallCases) {
  EXPECT_TRUE(pareto_front({}).empty());
  EXPECT_EQ(pareto_front({{1, 1}}), (std::vector<std::size_t>{0}));
  // (2,2) is dominated by (1,1); the duplicate (1,1) is dropped; (0,3) and (3,0) trade off.
  EXPECT_EQ(pareto_front({{2, 2}, {1, 1}, {1, 1}, {0, 3}, {3, 0}}),
            (std::vector<std::size_t>{3, 1, 4}));
  EXPECT_TRUE(dominates({1, 2}, {1, 3}));
  EXPECT_FALSE(dominates({1, 3}, {1, 3}));
  EXPECT_FALSE(dominates({0, 4}, {1, 3}));
}

TEST(ParetoProperty, PlannerFrontsAreNonDominated) {
  auto req = testing::plan_request("llama-3.1-8b",
                                   {"hgx-h100", "hgx-h20", "l20-8", "mi300x-8", "gaudi2-8"}, 2e5);
  auto res = plan_inference(req);
  ASSERT_TRUE(res.ok()) << res.error().describe();
  ASSERT_FALSE(res->pareto_tpot.empty());
  for (const auto* front : {&res->pareto_tpot, &res->pareto_power}) {
    for (const PlanPoint& a : *front) {
      for (const PlanPoint& b : *front) {
        const bool tpot = front == &res->pareto_tpot;
        const std::vector<double> pa{a.cost_per_m_tokens, tpot ? a.tpot_ms : a.power_mw};
        const std::vector<double> pb{b.cost_per_m_tokens, tpot ? b.tpot_ms : b.power_mw};
        EXPECT_FALSE(dominates(pb, pa)) << b.system << " dominates " << a.system;
      }
    }
  }
  // The cheapest ok row is on the cost-vs-TPOT front (nothing is cheaper).
  ASSERT_EQ(res->rows.front().status, RowStatus::ok);
  EXPECT_DOUBLE_EQ(res->pareto_tpot.front().cost_per_m_tokens,
                   res->rows.front().tokens.usd_per_m_output);
}

}  // namespace
}  // namespace suanli::search
