#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <stdexcept>
#include <vector>

#include "suanli/core/did_you_mean.hpp"
#include "suanli/core/error.hpp"
#include "suanli/core/parallel_for.hpp"
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
  EXPECT_EQ(exit_code(ErrorCode::interrupted), 130);
  EXPECT_EQ(http_status(ErrorCode::not_found), 404);
  EXPECT_EQ(http_status(ErrorCode::infeasible), 422);
  EXPECT_EQ(http_status(ErrorCode::interrupted), 503);
  EXPECT_STREQ(to_string(ErrorCode::interrupted), "interrupted");
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

TEST(ParallelFor, WorkerCountClampsToItems) {
  EXPECT_EQ(worker_count(0, 4), 1);
  EXPECT_EQ(worker_count(3, 8), 3);
  EXPECT_EQ(worker_count(100, 2), 2);
  EXPECT_EQ(worker_count(100, 0), 1);
  EXPECT_EQ(worker_count(100, -3), 1);
}

TEST(ParallelFor, RunsEveryItemOnceWhateverTheThreads) {
  for (int threads : {1, 2, 3, 8}) {
    std::vector<int> runs(1000, 0);
    parallel_for(runs.size(), threads, [&](std::size_t i) { runs[i] += static_cast<int>(i); });
    for (std::size_t i = 0; i < runs.size(); ++i) EXPECT_EQ(runs[i], static_cast<int>(i));
  }
  parallel_for(0, 4, [](std::size_t) { FAIL() << "no item to run"; });
}

TEST(ParallelFor, WorkersAreNumberedAndCanStop) {
  std::vector<int> worker_of(64, -1);
  parallel_for_workers(worker_of.size(), 3, [&](std::size_t i, int worker) {
    worker_of[i] = worker;
    return true;
  });
  for (int w : worker_of) EXPECT_TRUE(w >= 0 && w < 3);
  std::atomic<int> ran{0};
  parallel_for_workers(1000, 1, [&](std::size_t i, int) {
    ++ran;
    return i < 9;
  });
  EXPECT_EQ(ran.load(), 10);
}

TEST(ParallelFor, RethrowsAWorkersException) {
  EXPECT_THROW(parallel_for(100, 2,
                            [](std::size_t i) {
                              if (i == 37) throw std::runtime_error("bug");
                            }),
               std::runtime_error);
}
