// Growing a system unit for compare (search/grow.hpp): a model that does not fit grows until it
// does; a model that fits but leaves the KV cache less than half of memory is also tried on two
// units, which a deployment of it would use.
#include <gtest/gtest.h>

#include <algorithm>

#include "infer_fixture.hpp"
#include "suanli/search/grow.hpp"

namespace suanli::test {
namespace {

search::Grown grown(const std::string& model, const std::string& system_id) {
  const hw::System& system = *infer_catalog().find_system(system_id)->item;
  const hw::Chip& chip = test_chip(system.chip_id);
  perf::InferenceRequest r;
  r.model = &test_model(model);
  r.precision.weights = hw::Dtype::fp8;
  r.software = "vllm";
  r.workload.input_tokens = 2048;
  r.workload.output_tokens = 256;
  return search::grow_and_search(r, system, chip, 1, false);
}

bool has_note(const perf::InferenceEstimate& e, std::string_view start) {
  return std::any_of(e.notes.begin(), e.notes.end(),
                     [&](const std::string& n) { return n.rfind(start, 0) == 0; });
}

TEST(Grow, WeightsThatCrowdTheKvCacheAreTriedOnTwoUnits) {
  // DeepSeek-R1 in fp8 (~671 GB) on 8 x 96 GB H20: it fits, with little room for the KV cache.
  const search::Grown g = grown("deepseek-r1", "hgx-h20");
  ASSERT_TRUE(g.best.feasible) << g.best.reason;
  EXPECT_EQ(g.units, 2);
  EXPECT_EQ(g.cluster.n_chips, 16);
  EXPECT_TRUE(has_note(g.best, "the weights fill "));
}

TEST(Grow, AModelWithRoomToSpareStaysOnOneUnit) {
  const search::Grown g = grown("llama-3.1-8b", "hgx-h100");
  ASSERT_TRUE(g.best.feasible) << g.best.reason;
  EXPECT_EQ(g.units, 1);
  EXPECT_EQ(g.cluster.n_chips, 8);
}

}  // namespace
}  // namespace suanli::test
