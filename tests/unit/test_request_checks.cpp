// The one validation layer of requests (api/request_checks.hpp): exact messages, and the same
// refusal whichever front end the request comes through (CLI flags, JSON).
#include <gtest/gtest.h>

#include "apps/cli/request_options.hpp"
#include "suanli/api/compare.hpp"
#include "suanli/api/field_parse.hpp"
#include "suanli/api/infer.hpp"
#include "suanli/api/request_checks.hpp"
#include "suanli/io/request_json.hpp"
#include "suanli/model/json_syntax.hpp"
#include "suanli/perf/infer/speculative.hpp"
#include "suanli/validate/suite.hpp"
#include "tests/unit/infer_fixture.hpp"

namespace suanli::api {
namespace {

const model::ModelArch& llama70() {
  return test::test_model("llama-3.1-70b");
}

std::string message_of(const core::Status& st) {
  return st ? std::string("ok") : st.error().describe();
}

TEST(RequestChecks, TensorParallelismMustDivideTheHeads) {
  std::vector<std::string> notes;
  EXPECT_EQ(message_of(check_parallelism(llama70(), {3, 1, 1, 0}, notes)),
            "--tp 3: the 64 attention heads of llama-3.1-70b are not divisible by 3");
  EXPECT_EQ(message_of(check_parallelism(llama70(), {8, 1, 1, 0}, notes)), "ok");
  EXPECT_TRUE(notes.empty());
}

TEST(RequestChecks, KvHeadsBeyondTpAreReplicatedWithANote) {
  std::vector<std::string> notes;
  EXPECT_EQ(message_of(check_parallelism(llama70(), {16, 1, 1, 0}, notes)), "ok");
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_EQ(notes[0], "--tp 16 over 8 KV heads: each KV head is replicated on 2 ranks");
}

TEST(RequestChecks, ExpertParallelismNeedsExperts) {
  std::vector<std::string> notes;
  EXPECT_EQ(message_of(check_parallelism(llama70(), {1, 1, 8, 8}, notes)),
            "--ep 8: llama-3.1-70b is a dense model (no experts to spread)");
  EXPECT_EQ(message_of(check_parallelism(test::test_model("deepseek-v3"), {8, 1, 1, 8}, notes)),
            "ok");
}

TEST(RequestChecks, LengthsMustFitTheContext) {
  EXPECT_EQ(message_of(check_context(llama70(), 131000, 72)), "ok");
  EXPECT_EQ(message_of(check_context(llama70(), 131000, 73)),
            "--input 131000 + --output 73 = 131073 tokens exceed the 131072-token context of "
            "llama-3.1-70b (max_position_embeddings)\n"
            "  hint: a longer context needs a model (or config.json) that supports it");
}

// Sliding-window layers bound what a layer attends to, not the context: gpt-oss (every other
// layer slides over 128 tokens) and an all-sliding Mistral-style model are checked against
// max_position_embeddings, far beyond their windows.
TEST(RequestChecks, SlidingWindowsNeitherShortenNorLengthenTheContext) {
  const model::ModelArch& oss = test::test_model("gpt-oss-120b");
  ASSERT_EQ(oss.sliding_window, 128);
  ASSERT_EQ(oss.n_sliding_layers, 18);
  model::ModelArch all_sliding = llama70();
  all_sliding.id = "sliding-70b";
  all_sliding.max_position = 32768;
  all_sliding.sliding_window = 4096;
  all_sliding.n_sliding_layers = all_sliding.n_layers;
  struct Case {
    const model::ModelArch* model;
    double input, output_that_fits;
    std::string refusal;
  };
  const std::vector<Case> cases{
      {&oss, 100'000, 31'072,
       "--input 100000 + --output 31073 = 131073 tokens exceed the 131072-token context of "
       "gpt-oss-120b (max_position_embeddings)\n"
       "  hint: the 128-token sliding window of 18 of its 36 layers does not lengthen the "
       "context"},
      {&all_sliding, 30'000, 2'768,
       "--input 30000 + --output 2769 = 32769 tokens exceed the 32768-token context of "
       "sliding-70b (max_position_embeddings)\n"
       "  hint: the 4096-token sliding window of 80 of its 80 layers does not lengthen the "
       "context"}};
  for (const Case& c : cases) {
    EXPECT_EQ(message_of(check_context(*c.model, c.input, c.output_that_fits)), "ok");
    EXPECT_EQ(
        message_of(check_context(*c.model, c.input, c.output_that_fits + 1)),
        c.refusal + "\n  hint: a longer context needs a model (or config.json) that supports it");
  }
}

TEST(RequestChecks, MtpNeedsMtpModules) {
  perf::SpecDecode spec;
  spec.draft_tokens = 2;
  EXPECT_EQ(message_of(perf::check_draft_head(llama70(), spec)),
            "--mtp 2: llama-3.1-70b has no multi-token-prediction modules "
            "(num_nextn_predict_layers)\n"
            "  hint: draft with an EAGLE head instead: --speculative eagle3 (or eagle)");
  EXPECT_EQ(message_of(perf::check_draft_head(test::test_model("deepseek-v3"), spec)), "ok");
  spec.method = perf::SpecMethod::eagle3;
  EXPECT_EQ(message_of(perf::check_draft_head(llama70(), spec)), "ok");
  spec.draft_tokens = 0;
  spec.method = perf::SpecMethod::mtp;
  EXPECT_EQ(message_of(perf::check_draft_head(llama70(), spec)), "ok");
}

TEST(RequestChecks, ServingStackKnownAndOnItsVendor) {
  const hw::Chip& ascend = test::test_chip("huawei-ascend-910b");
  EXPECT_EQ(message_of(check_serving_stack("tensorrt-llm", ascend)),
            "--software tensorrt-llm runs on nvidia chips only, not on huawei-ascend-910b "
            "(huawei)");
  EXPECT_EQ(message_of(check_serving_stack("mindie", ascend)), "ok");
  EXPECT_EQ(message_of(check_serving_stack("vllm", ascend)), "ok");
  EXPECT_EQ(message_of(check_serving_stack("pytorch", ascend)), "ok");  // torch_npu
  EXPECT_EQ(message_of(check_serving_stack("sglangg", ascend)),
            "--software: unknown serving stack 'sglangg' (one of tensorrt-llm, vllm, "
            "vllm-ascend, sglang, mindie, lmdeploy, pytorch, other)\n"
            "  hint: did you mean 'sglang'?\n"
            "  hint: 'other' models an in-house or unlisted stack");
}

TEST(RequestChecks, AGivenLayoutMustUseEveryChip) {
  InferRequest r = test::system_request("llama-3-8b", "hgx-h100", 0, 100, 10);
  r.parallelism.tp = 4;
  r.parallelism.dp = 4;
  auto a = predict_inference(test::infer_catalog(), r);
  ASSERT_FALSE(a);
  EXPECT_EQ(a.error().code, core::ErrorCode::invalid_input);
  EXPECT_EQ(a.error().describe(), "tp 4 x pp 1 x dp 4 does not equal the 8 chips");
  r.parallelism.dp = 0;
  r.parallelism.pp = 3;  // dp derived from the rest: none fits
  auto b = predict_inference(test::infer_catalog(), r);
  ASSERT_FALSE(b);
  EXPECT_EQ(b.error().describe(), "tp 4 x pp 3 x dp ? does not equal the 8 chips");
  r.parallelism.pp = 2;
  EXPECT_TRUE(predict_inference(test::infer_catalog(), r));
}

// compare --software: a row whose chip the stack does not run on stays, with the reason; a
// stack nobody knows is still refused.
TEST(RequestChecks, CompareMarksRowsTheStackCannotRunOn) {
  CompareRequest r;
  r.model = "llama-3-8b";
  r.systems = {"hgx-h100", "atlas-800t-a2"};
  r.software = "tensorrt-llm";
  r.threads = 1;
  auto a = compare(test::infer_catalog(), r);
  ASSERT_TRUE(a) << a.error().describe();
  ASSERT_EQ(a->rows.size(), 2u);
  EXPECT_TRUE(a->rows[0].estimate.feasible);
  EXPECT_EQ(a->rows[0].request.software, "tensorrt-llm");
  ASSERT_TRUE(a->rows[1].infeasible);
  EXPECT_EQ(a->rows[1].infeasible->limit, Limit::software);
  EXPECT_EQ(a->rows[1].infeasible->reason,
            "--software tensorrt-llm runs on nvidia chips only, not on huawei-ascend-910b "
            "(huawei)");
  r.software = "tensorrt";
  auto unknown = compare(test::infer_catalog(), r);
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, core::ErrorCode::usage);
  EXPECT_EQ(unknown.error().hints.at(0), "did you mean 'tensorrt-llm'?");
}

TEST(RequestChecks, RepeatedIdsAreKeptOnceWithANote) {
  std::vector<std::string> notes;
  EXPECT_EQ(unique_ids({"a", "b", "a", "a", "c", "b"}, "--systems", notes),
            (std::vector<std::string>{"a", "b", "c"}));
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_EQ(notes[0], "--systems: a, b repeated; each is evaluated once (3 of 6 ids kept)");
  notes.clear();
  EXPECT_EQ(unique_ids({"a", "b"}, "--systems", notes).size(), 2u);
  EXPECT_TRUE(notes.empty());
}

TEST(RequestChecks, TrainingTokensNeedAUnitBelowAMillion) {
  EXPECT_DOUBLE_EQ(*training_tokens("15T", "--tokens"), 15e12);
  EXPECT_DOUBLE_EQ(*training_tokens("2000000", "--tokens"), 2e6);
  auto bad = training_tokens("15", "--tokens");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, core::ErrorCode::usage);
  EXPECT_EQ(bad.error().describe(),
            "--tokens 15: 15 tokens is too few to train on; give a unit suffix (k, M, B/G, T)\n"
            "  hint: did you mean 15T (trillion) or 15B (billion)?");
  EXPECT_FALSE(training_tokens("-5T", "--tokens"));
}

// The same request refused the same way through CLI flags and through JSON.
TEST(RequestChecks, EveryFrontEndGetsTheSameRefusal) {
  CLI::App app;
  cli::RequestOptions<InferRequest> opts;
  opts.add_to(app);
  const std::vector<std::string> args{
      "--model", "llama-3.1-70b", "--chip", "h100",     "--chips", "3", "--tp",
      "3",       "--input",       "1000",   "--output", "100"};
  std::vector<std::string> reversed(args.rbegin(), args.rend());  // CLI11 reads from the back
  app.parse(reversed);
  auto from_cli = opts.request();
  ASSERT_TRUE(from_cli);
  auto from_json = io::request_from_json<InferRequest>(nlohmann::json::parse(
      R"({"model": "llama-3.1-70b", "chip": "h100", "chips": 3, "tp": 3, "input": 1000,
          "output": 100})"));
  ASSERT_TRUE(from_json);
  auto a = predict_inference(test::infer_catalog(), *from_cli);
  auto b = predict_inference(test::infer_catalog(), *from_json);
  ASSERT_FALSE(a);
  ASSERT_FALSE(b);
  EXPECT_EQ(a.error().describe(), b.error().describe());
  EXPECT_EQ(a.error().describe(),
            "--tp 3: the 64 attention heads of llama-3.1-70b are not divisible by 3");
}

TEST(RequestChecks, ListsThatNameNothingAreRefused) {
  auto empty = io::request_from_json<CompareRequest>(
      nlohmann::json::parse(R"({"model": "llama-3-8b", "systems": ",,,"})"));
  ASSERT_FALSE(empty);
  EXPECT_EQ(empty.error().describe(),
            "systems: ',,,' names nothing (give comma-separated ids, or leave the option out "
            "for the default)");
  auto blank = io::request_from_json<CompareRequest>(
      nlohmann::json::parse(R"({"model": "llama-3-8b", "systems": ""})"));
  ASSERT_FALSE(blank);
  EXPECT_EQ(blank.error().code, core::ErrorCode::usage);
}

// Shares (--cache-hit, --acceptance) are fractions or percentages; a number in (1, 100] without
// '%' is refused with both spellings of what it probably meant.
TEST(FieldParse, SharesAreFractionsOrPercentages) {
  const auto value = [](std::string_view t) { return parse::share(t).value(); };
  const auto message = [](std::string_view t) { return parse::share(t).error().message; };
  EXPECT_EQ(value("0.56"), 0.56);
  EXPECT_EQ(value("56%"), 0.56);
  EXPECT_EQ(value(" 12.5 % "), 0.125);
  EXPECT_EQ(value("0%"), 0.0);
  EXPECT_EQ(value("100%"), 1.0);
  EXPECT_EQ(value("1"), 1.0);
  EXPECT_EQ(message("56"), "56 is outside 0..1 (a share: 0.56 or 56% for 56 percent)");
  EXPECT_EQ(message("-0.1"), "-0.1 is outside 0..1");
  EXPECT_EQ(message("150"), "150 is outside 0..1");
  EXPECT_EQ(message("101%"), "101% is outside 0%..100%");
  EXPECT_EQ(message("-5%"), "-5% is outside 0%..100%");
  EXPECT_EQ(message("%"), "'%' is not a share (e.g. 0.5 or 50%)");
  EXPECT_EQ(message("half"), "'half' is not a share (e.g. 0.5 or 50%)");
  EXPECT_EQ(message("nan%"), "'nan%' is not a share (e.g. 0.5 or 50%)");
  EXPECT_EQ(message("0.5%%"), "'0.5%%' is not a share (e.g. 0.5 or 50%)");
}

// Counts and lengths are written in full: "2k" could mean 2000 or 2048.
TEST(FieldParse, NumbersWithAMagnitudeSuffixAreRefusedWithTheReason) {
  EXPECT_EQ(parse::number("2k", 0, 1e9).error().message,
            "'2k' is not a number: suffixes are not read here; write the number in full");
  EXPECT_EQ(parse::integer("1.5M", 1, 100).error().message,
            "'1.5M' is not a whole number: suffixes are not read here; write the number in full");
  EXPECT_EQ(parse::number("k", 0, 1).error().message, "'k' is not a number");
  EXPECT_EQ(parse::number("2kb", 0, 1).error().message, "'2kb' is not a number");
}

TEST(ErrorDescribe, EmptyHintsPrintNoLine) {
  core::Error e = core::make_error(core::ErrorCode::usage, "bad");
  e.hints = {"", "look here", ""};
  EXPECT_EQ(e.describe(), "bad\n  hint: look here");
}

TEST(JsonSyntax, LineAndColumnOfTheFirstError) {
  const model::JsonSyntaxError e = model::json_syntax_error("{\"a\": 1,\n \"b\": oops}");
  EXPECT_EQ(e.line, 2);
  EXPECT_EQ(e.detail.rfind("column 7: syntax error", 0), 0u) << e.detail;
}

TEST(SuiteParse, EmptySuiteIsInvalidInput) {
  auto s = validate::parse_suite("\n  \n", "empty.jsonl");
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, core::ErrorCode::invalid_input);
  EXPECT_EQ(s.error().describe(), "empty.jsonl: the suite has no cases (one JSON object per line)");
}

}  // namespace
}  // namespace suanli::api
