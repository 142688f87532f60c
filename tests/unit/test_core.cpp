#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "suanli/core/did_you_mean.hpp"
#include "suanli/core/error.hpp"
#include "suanli/core/result.hpp"

using namespace suanli::core;

TEST(DidYouMean, EditDistance) {
  EXPECT_EQ(edit_distance("kitten", "sitting"), 3);
  EXPECT_EQ(edit_distance("", "abc"), 3);
  EXPECT_EQ(edit_distance("same", "same"), 0);
}

TEST(DidYouMean, SuggestsNearestCandidates) {
  const std::vector<std::string> keys{"bandwidth", "capacity", "type"};
  EXPECT_EQ(did_you_mean("bandwith", keys), "did you mean 'bandwidth'?");
  EXPECT_EQ(did_you_mean("zzzzzzzz", keys), "");
  const std::vector<std::string> ids{"nvidia-h20", "nvidia-h200-sxm", "nvidia-h100-sxm"};
  EXPECT_THAT(closest_matches("nvidia-h2O", ids), ::testing::ElementsAre("nvidia-h20"));
}

TEST(Errors, ExitCodesAndHttpStatusesFollowThePolicy) {
  EXPECT_EQ(exit_code(ErrorCode::usage), 1);
  EXPECT_EQ(exit_code(ErrorCode::invalid_input), 2);
  EXPECT_EQ(exit_code(ErrorCode::not_found), 2);
  EXPECT_EQ(exit_code(ErrorCode::infeasible), 3);
  EXPECT_EQ(exit_code(ErrorCode::internal), 70);
  EXPECT_EQ(http_status(ErrorCode::not_found), 404);
  EXPECT_EQ(http_status(ErrorCode::infeasible), 422);
}

TEST(Errors, DescribeListsEveryProblemWithLocation) {
  Error e = make_error(ErrorCode::invalid_input, "the catalog has 2 problems");
  e.problems.push_back({"chips/x.yaml", 12, "memory.bandwidth", "'3 TB' has a wrong unit", ""});
  e.problems.push_back(
      {"chips/x.yaml", 3, "vendr", "unknown key 'vendr'", "did you mean 'vendor'?"});
  EXPECT_EQ(e.describe(),
            "the catalog has 2 problems\n"
            "  chips/x.yaml:12: memory.bandwidth: '3 TB' has a wrong unit\n"
            "  chips/x.yaml:3: vendr: unknown key 'vendr' (did you mean 'vendor'?)");
}

TEST(Results, HoldValueOrError) {
  Result<int> ok = 3;
  EXPECT_TRUE(ok.ok());
  EXPECT_EQ(*ok, 3);
  Result<int> bad = make_error(ErrorCode::usage, "no");
  EXPECT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().message, "no");
}
