#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "suanli/core/did_you_mean.hpp"
#include "suanli/core/error.hpp"
#include "suanli/core/parallel_for.hpp"
#include "suanli/core/result.hpp"
#include "suanli/core/stopwatch.hpp"

using namespace suanli::core;

TEST(DidYouMean, EditDistance) {
  EXPECT_EQ(edit_distance("kitten", "sitting"), 3);
  EXPECT_EQ(edit_distance("", "abc"), 3);
  EXPECT_EQ(edit_distance("same", "same"), 0);
}

namespace {

// The distance from the whole (|a|+1) x (|b|+1) table: the oracle of the bounded one.
int full_table_distance(const std::string& a, const std::string& b) {
  std::vector<std::vector<int>> d(a.size() + 1, std::vector<int>(b.size() + 1, 0));
  for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = static_cast<int>(i);
  for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = static_cast<int>(j);
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j) {
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1,
                          d[i - 1][j - 1] + static_cast<int>(a[i - 1] != b[j - 1])});
    }
  }
  return d[a.size()][b.size()];
}

}  // namespace

TEST(DidYouMean, BoundedEditDistanceIsExactUpToItsLimit) {
  EXPECT_EQ(edit_distance_within("kitten", "sitting", 3), 3);
  EXPECT_EQ(edit_distance_within("kitten", "sitting", 2), 3);
  EXPECT_EQ(edit_distance_within("kitten", "sitting", 0), 1);
  EXPECT_EQ(edit_distance_within(std::string(4000, 'x'), "bandwidth", 2), 3);  // lengths alone
  EXPECT_EQ(edit_distance_within("same", "same", 0), 0);
  // Random words over a 3-letter alphabet (many near misses), every limit from 0 to 8.
  std::mt19937 rng(20261205);
  const auto word = [&rng] {
    std::string w(rng() % 9, 'a');
    for (char& c : w) c = static_cast<char>('a' + rng() % 3);
    return w;
  };
  for (int n = 0; n < 2000; ++n) {
    const std::string a = word();
    const std::string b = word();
    const int exact = full_table_distance(a, b);
    ASSERT_EQ(edit_distance(a, b), exact) << a << " / " << b;
    for (int limit = 0; limit <= 8; ++limit) {
      ASSERT_EQ(edit_distance_within(a, b, limit), std::min(exact, limit + 1))
          << a << " / " << b << " within " << limit;
    }
  }
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

TEST(Deadline, WithoutABudgetNeverPasses) {
  EXPECT_FALSE(Deadline().limited());
  EXPECT_FALSE(Deadline().passed());
  EXPECT_FALSE(Deadline(0).passed());
  EXPECT_FALSE(Deadline(-1).passed());
}

TEST(Deadline, PassesOnceItsBudgetHasGoneBy) {
  const Deadline soon(1e-9);
  const Deadline later(1e6);
  while (soon.elapsed_s() <= 1e-9) {
  }  // until the clock has moved on
  EXPECT_TRUE(soon.passed());
  EXPECT_TRUE(later.limited());
  EXPECT_FALSE(later.passed());
  EXPECT_EQ(later.budget_s(), 1e6);
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
