// The caps on the work of one request (api/resource_limits.hpp): exact messages, the same cap
// for every front end, and an inference search over its cap evaluates nothing.
#include <gtest/gtest.h>

#include "suanli/api/compare.hpp"
#include "suanli/api/infer.hpp"
#include "suanli/api/resource_limits.hpp"
#include "suanli/perf/infer/search.hpp"
#include "suanli/validate/suite.hpp"
#include "tests/unit/infer_fixture.hpp"

namespace suanli::api {
namespace {

std::string message_of(const core::Status& st) {
  return st ? std::string("ok") : st.error().describe();
}

TEST(ResourceLimits, SuiteSizeNamesTheCountTheLimitAndTheOption) {
  EXPECT_EQ(message_of(check_suite_size(100'000, 0, "big.jsonl")), "ok");
  EXPECT_EQ(message_of(check_suite_size(100'001, 0, "big.jsonl")),
            "big.jsonl: 100001 cases are over the limit of 100000 per suite "
            "(--max-cases)\n"
            "  hint: --max-cases 100001 reads them all; or split the suite");
  EXPECT_EQ(message_of(check_suite_size(100'001, 200'000, "big.jsonl")), "ok");
}

TEST(ResourceLimits, ParseSuiteCountsNonBlankLinesBeforeReading) {
  // Three lines that are not even JSON: refused for their number before any is read.
  auto over = validate::parse_suite("a\n\n  \nb\nc", "t.jsonl", 2);
  ASSERT_FALSE(over);
  EXPECT_EQ(over.error().code, core::ErrorCode::usage);
  EXPECT_EQ(over.error().message,
            "t.jsonl: 3 cases are over the limit of 2 per suite (--max-cases)");
  auto within = validate::parse_suite("a\n\n  \nb\nc", "t.jsonl", 3);
  ASSERT_FALSE(within);  // now read, and malformed
  EXPECT_EQ(within.error().code, core::ErrorCode::invalid_input);
}

TEST(ResourceLimits, LayoutSearchOverItsCapIsRefusedNotCutShort) {
  InferRequest r = test::system_request("llama-3-8b", "hgx-h100", 0, 100, 10);
  r.threads = 1;
  r.max_layouts = 5;
  auto a = predict_inference(test::infer_catalog(), r);
  ASSERT_FALSE(a);
  EXPECT_EQ(a.error().code, core::ErrorCode::usage);
  EXPECT_EQ(a.error().describe(),
            "the layout search of llama-3-8b on 8 chips has 10 candidates, over the limit of 5 "
            "(--max-layouts)\n"
            "  hint: --max-layouts 10 searches them all; giving --tp, --pp or --dp narrows the "
            "search");
  r.max_layouts = 10;
  auto ok = predict_inference(test::infer_catalog(), r);
  ASSERT_TRUE(ok) << ok.error().describe();
  EXPECT_TRUE(ok->estimate.feasible);

  // The engine's search over its cap evaluates nothing and says why.
  auto resolved = resolve_inference(test::infer_catalog(), r);
  ASSERT_TRUE(resolved);
  perf::InferenceSearchOptions opt;
  opt.threads = 1;
  opt.max_candidates = 5;
  const perf::InferenceSearchResult s = perf::search_inference(resolved->used, opt);
  EXPECT_EQ(s.candidates, 10);
  EXPECT_EQ(s.evaluated, 0);
  EXPECT_EQ(s.stop_reason, "over the candidate limit");
  EXPECT_FALSE(s.best.feasible);
  EXPECT_EQ(s.best.reason, "the layout search has 10 candidates, over the limit of 5");
}

TEST(ResourceLimits, AServiceCapBoundsWhatARequestMayAsk) {
  long long cap = 0;
  EXPECT_EQ(message_of(limit_request_cap(cap, "max_layouts", 4096, 0)), "ok");
  EXPECT_EQ(cap, 4096);  // not stated: the service's cap
  cap = 5000;
  EXPECT_EQ(message_of(limit_request_cap(cap, "max_layouts", 4096, 0)),
            "max_layouts: 5000 is over this service's limit of 4096");
  cap = 0;
  EXPECT_EQ(message_of(limit_request_cap(cap, "max_cases", 0, 0)), "ok");
  EXPECT_EQ(cap, 0);  // no service cap: the library default applies later
  int threads = 2;
  EXPECT_EQ(message_of(limit_threads(threads, false, ResourceLimits{1})), "ok");
  EXPECT_EQ(threads, 1);
  threads = 4;
  EXPECT_EQ(message_of(limit_threads(threads, true, ResourceLimits{1})),
            "threads: 4 is over this service's limit of 1");
}

TEST(ResourceLimits, AServiceCapsTheSecondsOfEverySearch) {
  const ResourceLimits five_seconds{0, 5};
  double budget = 0;
  EXPECT_EQ(message_of(limit_time_budget(budget, five_seconds)), "ok");
  EXPECT_EQ(budget, 5);  // not stated: the service's cap
  budget = 3;
  EXPECT_EQ(message_of(limit_time_budget(budget, five_seconds)), "ok");
  EXPECT_EQ(budget, 3);  // less than the cap: kept
  budget = 60;
  EXPECT_EQ(message_of(limit_time_budget(budget, five_seconds)),
            "time_budget: 60 s is over this service's limit of 5 s");
  budget = 0;
  EXPECT_EQ(message_of(limit_time_budget(budget, ResourceLimits{})), "ok");
  EXPECT_EQ(budget, 0);  // no service cap: no limit
  budget = -1;           // what a C++ caller may pass; the front ends' parsers refuse it first
  EXPECT_EQ(message_of(limit_time_budget(budget, five_seconds)),
            "time_budget: -1 is not a number of seconds, 0 or more");
}

TEST(ResourceLimits, ASearchThatSpendsItsBudgetIsRefusedWithHowFarItGot) {
  CompareRequest req;
  req.model = "llama-3.1-8b";
  req.systems = {"hgx-h100", "hgx-h200"};
  req.time_budget = 1e-9;
  auto spent = compare(test::infer_catalog(), req);
  ASSERT_FALSE(spent);
  EXPECT_EQ(spent.error().code, core::ErrorCode::usage);
  EXPECT_EQ(spent.error().message,
            "compare: the search reached its time budget of 1e-09 s with 0 of 2 systems "
            "evaluated (--time-budget)");
  ASSERT_EQ(spent.error().hints.size(), 1U);
  EXPECT_EQ(spent.error().hints[0],
            "a larger --time-budget lets it finish, or narrow the search with --systems");
  req.time_budget = 1e6;
  auto in_time = compare(test::infer_catalog(), req);
  ASSERT_TRUE(in_time) << in_time.error().describe();
  EXPECT_EQ(in_time->rows.size(), 2U);
}

}  // namespace
}  // namespace suanli::api
