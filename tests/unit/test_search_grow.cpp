// Growing a system unit for compare (search/grow.hpp): a model that does not fit grows until it
// does; from there a larger deployment is kept only where it serves more than 5 % more output
// tokens/s per chip.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>

#include "infer_fixture.hpp"
#include "suanli/search/grow.hpp"

namespace suanli::test {
namespace {

search::Grown grown(const std::string& model, const std::string& system_id,
                    int max_units = search::max_growth_units) {
  const hw::System& system = *infer_catalog().find_system(system_id)->item;
  const hw::Chip& chip = test_chip(system.chip_id);
  perf::InferenceRequest r;
  r.model = &test_model(model);
  r.precision.weights = hw::Dtype::fp8;
  r.software = "vllm";
  r.workload.input_tokens = 2048;
  r.workload.output_tokens = 256;
  return search::grow_and_search(r, system, chip, 1, false, max_units);
}

bool has_note(const perf::InferenceEstimate& e, std::string_view start) {
  return std::any_of(e.notes.begin(), e.notes.end(),
                     [&](const std::string& n) { return n.rfind(start, 0) == 0; });
}

TEST(Grow, ALargerDeploymentIsKeptWhereItServesMorePerChip) {
  // DeepSeek-R1 in fp8 (~671 GB) on 8 x 96 GB H20: one node serves, with little room for the KV
  // cache; more nodes give it room and spread the experts.
  const search::Grown one = grown("deepseek-r1", "hgx-h20", 1);
  const search::Grown g = grown("deepseek-r1", "hgx-h20");
  ASSERT_TRUE(one.best.feasible) << one.best.reason;
  ASSERT_TRUE(g.best.feasible) << g.best.reason;
  EXPECT_EQ(one.units, 1);
  EXPECT_GE(g.units, 2);
  EXPECT_EQ(g.cluster.n_chips, 8 * g.units);
  EXPECT_GT(g.best.output_tokens_per_s_per_chip,
            (1 + search::min_growth_gain) * one.best.output_tokens_per_s_per_chip);
  EXPECT_TRUE(has_note(g.best, fmt::format("{} units ({} chips) serve ", g.units, 8 * g.units)));
}

TEST(Grow, AModelThatDoesNotFitOneUnitGrowsUntilItDoes) {
  // ~671 GB of fp8 weights on 8 x 80 GB H100.
  const search::Grown one = grown("deepseek-r1", "hgx-h100", 1);
  EXPECT_FALSE(one.best.feasible);
  const search::Grown g = grown("deepseek-r1", "hgx-h100", 2);
  ASSERT_TRUE(g.best.feasible) << g.best.reason;
  EXPECT_EQ(g.units, 2);
  EXPECT_TRUE(has_note(g.best, "one 8-chip unit cannot serve the model; 2 units used"));
}

TEST(Grow, AModelWithRoomToSpareStaysOnOneUnit) {
  const search::Grown g = grown("llama-3.1-8b", "hgx-h100");
  ASSERT_TRUE(g.best.feasible) << g.best.reason;
  EXPECT_EQ(g.units, 1);
  EXPECT_EQ(g.cluster.n_chips, 8);
}

}  // namespace
}  // namespace suanli::test
