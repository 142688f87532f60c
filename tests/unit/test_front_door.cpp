// The front door (api/) is the one path from a request to an answer: a validation case (inference
// or training), the same question typed as CLI flags, and the same question as JSON give
// identical predictions; compare's and plan's rows are what `infer` says of the row's
// configuration; field tables round-trip.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "apps/cli/request_options.hpp"
#include "src/validate/detail/case_mapping.hpp"
#include "suanli/api/compare.hpp"
#include "suanli/api/infer.hpp"
#include "suanli/api/plan.hpp"
#include "suanli/api/plan_row.hpp"
#include "suanli/api/policy.hpp"
#include "suanli/api/show.hpp"
#include "suanli/api/train.hpp"
#include "suanli/io/answer_json.hpp"
#include "suanli/io/request_json.hpp"
#include "suanli/io/validation_json.hpp"
#include "suanli/validate/run.hpp"
#include "suanli/validate/suite.hpp"
#include "tests/unit/infer_fixture.hpp"

namespace suanli::api {
namespace {

std::vector<validate::Case> calibration_suite() {
  std::ifstream in(std::string(SUANLI_VALIDATION_DIR) + "/calibration.jsonl");
  std::stringstream text;
  text << in.rdbuf();
  auto suite = validate::parse_suite(text.str(), "calibration.jsonl");
  if (!suite) throw std::runtime_error(suite.error().describe());
  return std::move(suite).value();
}

// The request as the CLI parses it from `args` (the same option table and setters as `suanli`).
template <class Request>
core::Result<Request> parse_cli(const std::vector<std::string>& args) {
  CLI::App app;
  cli::RequestOptions<Request> opts;
  opts.add_to(app);
  std::vector<std::string> reversed(args.rbegin(), args.rend());
  app.parse(reversed);
  return opts.request();
}

std::string json_of(const InferAnswer& a) {
  return io::infer_answer_json(a).dump();
}

TEST(FrontDoor, EverySuiteInferenceLineGivesTheSamePredictionAsItsCliCommand) {
  const catalog::Catalog& cat = test::infer_catalog();
  int compared = 0;
  for (const validate::Case& c : calibration_suite()) {
    if (c.kind != validate::CaseKind::inference || !c.inference) continue;
    const validate::detail::Mapped m = validate::detail::map_case(c, cat);
    if (!m.skip.empty()) continue;
    const std::vector<std::string> args = to_args(m.request);
    auto typed = parse_cli<InferRequest>(args);
    ASSERT_TRUE(typed) << c.id << ": " << typed.error().describe();
    auto from_json = io::request_from_json<InferRequest>(
        nlohmann::json::parse(io::request_to_json(m.request).dump()));
    ASSERT_TRUE(from_json) << c.id << ": " << from_json.error().describe();
    auto suite_answer = predict_inference(cat, m.request);
    auto cli_answer = predict_inference(cat, *typed);
    auto json_answer = predict_inference(cat, *from_json);
    ASSERT_TRUE(suite_answer && cli_answer && json_answer) << c.id;
    EXPECT_EQ(json_of(*suite_answer), json_of(*cli_answer)) << c.id;
    EXPECT_EQ(json_of(*suite_answer), json_of(*json_answer)) << c.id;
    ++compared;
  }
  EXPECT_GT(compared, 80);  // the suite's inference lines that map to a request
}

TEST(FrontDoor, ValidateNamesTheRequestEachCaseWasPredictedFrom) {
  const catalog::Catalog& cat = test::infer_catalog();
  const std::vector<validate::Case> suite = calibration_suite();
  const validate::Case* inference = nullptr;
  const validate::Case* training = nullptr;
  const validate::Case* microbenchmark = nullptr;
  for (const validate::Case& c : suite) {
    if (c.kind == validate::CaseKind::inference && !inference &&
        validate::detail::map_case(c, cat).skip.empty())
      inference = &c;
    if (c.kind == validate::CaseKind::training && !training &&
        validate::detail::map_training_case(c, cat).skip.empty())
      training = &c;
    if (c.kind == validate::CaseKind::microbenchmark && !microbenchmark) microbenchmark = &c;
  }
  ASSERT_TRUE(inference && training && microbenchmark);
  std::vector<validate::CaseResult> results;
  for (const validate::Case* c : {inference, training, microbenchmark})
    results.push_back({c, validate::predict_case(*c, cat, cat.efficiency)});
  const auto json = io::validation_json(results, validate::summarize(results));
  EXPECT_EQ(json["cases"][0]["verb"], "infer");
  EXPECT_EQ(json["cases"][0]["request"].dump(),
            io::request_to_json(validate::detail::map_case(*inference, cat).request).dump());
  EXPECT_EQ(json["cases"][1]["verb"], "train");
  EXPECT_EQ(
      json["cases"][1]["request"].dump(),
      io::request_to_json(validate::detail::map_training_case(*training, cat).request).dump());
  EXPECT_TRUE(json["cases"][2]["verb"].is_null());  // a microbenchmark is no front-door request
  EXPECT_TRUE(json["cases"][2]["request"].is_null());
}

TEST(FrontDoor, AnInferAnswersRequestAsUsedReEstimatesToTheAnswer) {
  // Llama-3.1-70B chat on an HGX H100 through vLLM: the layout search shortens the prefill step
  // to meet the TPOT limit. `used` is the request as evaluated (layout and step), so estimating
  // it again gives the answer, as a client holding the answer's request would.
  const catalog::Catalog& cat = test::infer_catalog();
  InferRequest r = test::system_request("llama-3.1-70b", "hgx-h100", 8, 2048, 256);
  r.software = "vllm";
  r.scenario = perf::Scenario::server;
  r.ttft_slo_s = 2.0;
  r.tpot_slo_s = 0.05;
  auto a = predict_inference(cat, r);
  ASSERT_TRUE(a) << a.error().describe();
  ASSERT_TRUE(a->estimate.feasible) << a->estimate.reason;
  ASSERT_TRUE(a->estimate.step_tokens_searched);
  EXPECT_EQ(a->used.workload.prefill_chunk, a->estimate.step_tokens);
  const perf::InferenceEstimate again = perf::estimate_inference(a->used);
  ASSERT_TRUE(again.feasible) << again.reason;
  EXPECT_EQ(again.step_tokens, a->estimate.step_tokens);
  EXPECT_NEAR(again.output_tokens_per_s_per_chip, a->estimate.output_tokens_per_s_per_chip,
              1e-9 * a->estimate.output_tokens_per_s_per_chip);
}

TEST(FrontDoor, APipelineTakesAPromptBudgetPerMicroBatch) {
  // Llama-3.1-70B on an HGX H100 as one 4-stage pipeline (tp 2), 2,048-token prompts under
  // Poisson arrivals with limits that do not bind: each of the 4 micro-batches of a cycle has its
  // own step budget for prompts (the cycle's prefill rate counts 4), so the prompt queue runs well
  // inside its capacity and a prompt's TTFT stays near its own prefill time. Counted as one budget
  // a cycle, the queue served a quarter of what the cycle takes and ran at its edge: a mean TTFT
  // of 5.9 s against 0.32 s offline.
  const catalog::Catalog& cat = test::infer_catalog();
  InferRequest r = test::system_request("llama-3.1-70b", "hgx-h100", 8, 2048, 256);
  r.parallelism = {2, 4, 1, 1};
  auto offline = predict_inference(cat, r);
  ASSERT_TRUE(offline) << offline.error().describe();
  ASSERT_TRUE(offline->estimate.feasible) << offline->estimate.reason;
  r.scenario = perf::Scenario::server;
  r.ttft_slo_s = 30.0;
  r.tpot_slo_s = 1.0;
  auto server = predict_inference(cat, r);
  ASSERT_TRUE(server) << server.error().describe();
  const perf::InferenceEstimate& e = server->estimate;
  ASSERT_TRUE(e.feasible) << e.reason;
  EXPECT_LT(e.ttft_s, 3.0 * offline->estimate.ttft_s)
      << "server " << e.ttft_s << " s, offline " << offline->estimate.ttft_s << " s";
  EXPECT_GT(e.output_tokens_per_s, 0.9 * offline->estimate.output_tokens_per_s);
}

TEST(FrontDoor, ACompareRowsRequestReEstimatesToTheRowWhenItSplitsPrefillFromDecode) {
  // DeepSeek-R1 chat on an HGX H100: the search serves it from separate prefill and decode
  // pools. The row's request is the one evaluated, both pools included.
  const catalog::Catalog& cat = test::infer_catalog();
  CompareRequest creq;
  creq.model = "deepseek-r1";
  creq.scenario = "chat";
  creq.systems = {"hgx-h100"};
  auto cmp = compare(cat, creq);
  ASSERT_TRUE(cmp) << cmp.error().describe();
  ASSERT_EQ(cmp->rows.size(), 1U);
  const CompareRow& row = cmp->rows.front();
  ASSERT_TRUE(row.estimate.feasible) << row.estimate.reason;
  ASSERT_TRUE(row.estimate.disaggregation.enabled());
  EXPECT_EQ(row.request.disaggregation.prefill_chips, row.estimate.disaggregation.prefill_chips);
  EXPECT_EQ(row.request.disaggregation.decode_chips, row.estimate.disaggregation.decode_chips);
  const perf::InferenceEstimate again = perf::estimate_inference(row.request);
  ASSERT_TRUE(again.feasible) << again.reason;
  EXPECT_NEAR(again.output_tokens_per_s_per_chip, row.estimate.output_tokens_per_s_per_chip,
              1e-9 * row.estimate.output_tokens_per_s_per_chip);
}

TEST(FrontDoor, CompareRowsAreWhatInferSaysOfTheirConfiguration) {
  const catalog::Catalog& cat = test::infer_catalog();
  CompareRequest creq;
  // Llama-3.1-70B in chat: both searches shorten the prefill step to meet the TPOT limit.
  creq.model = "llama-3.1-70b";
  creq.systems = {"hgx-h100", "hgx-h20"};
  creq.disaggregation = false;
  auto cmp = compare(cat, creq);
  ASSERT_TRUE(cmp) << cmp.error().describe();
  ASSERT_EQ(cmp->rows.size(), 2U);
  for (const CompareRow& row : cmp->rows) {
    EXPECT_TRUE(row.estimate.step_tokens_searched) << row.system;
    ASSERT_TRUE(row.estimate.feasible) << row.system;
    const perf::InferenceWorkload& w = row.request.workload;
    InferRequest r = test::system_request(creq.model, row.system, row.request.cluster.n_chips,
                                          w.input_tokens, w.output_tokens);
    r.precision = creq.precision;
    r.scenario = w.scenario;
    r.ttft_slo_s = w.ttft_slo_s;
    r.tpot_slo_s = w.tpot_slo_s;
    r.parallelism = row.request.parallelism;
    // The search shortened the prefill step under the TPOT limit (refine_prefill_chunk): the row's
    // request is the one evaluated, that step included.
    EXPECT_EQ(w.prefill_chunk, row.estimate.step_tokens) << row.system;
    r.step_tokens = w.prefill_chunk;
    auto a = predict_inference(cat, r);
    ASSERT_TRUE(a) << a.error().describe();
    ASSERT_TRUE(a->estimate.feasible) << row.system << ": " << a->estimate.reason;
    EXPECT_NEAR(a->estimate.output_tokens_per_s_per_chip, row.estimate.output_tokens_per_s_per_chip,
                1e-9 * row.estimate.output_tokens_per_s_per_chip)
        << row.system;
  }
}

std::string json_of(const TrainAnswer& a) {
  return io::train_answer_json(a).dump();
}

TEST(FrontDoor, EverySuiteTrainingLineGivesTheSamePredictionAsItsCliCommand) {
  const catalog::Catalog& cat = test::infer_catalog();
  int compared = 0;
  for (const validate::Case& c : calibration_suite()) {
    if (c.kind != validate::CaseKind::training || !c.training) continue;
    const validate::detail::MappedTraining m = validate::detail::map_training_case(c, cat);
    if (!m.skip.empty()) continue;
    const std::vector<std::string> args = to_args(m.request);
    auto typed = parse_cli<TrainRequest>(args);
    ASSERT_TRUE(typed) << c.id << ": " << typed.error().describe();
    EXPECT_EQ(io::request_to_json(*typed).dump(), io::request_to_json(m.request).dump()) << c.id;
    auto suite_answer = predict_training(cat, m.request);
    auto cli_answer = predict_training(cat, *typed);
    ASSERT_EQ(suite_answer.ok(), cli_answer.ok()) << c.id;
    if (!suite_answer) {
      EXPECT_EQ(suite_answer.error().describe(), cli_answer.error().describe()) << c.id;
      continue;
    }
    EXPECT_EQ(json_of(*suite_answer), json_of(*cli_answer)) << c.id;
    ++compared;
  }
  EXPECT_GT(compared, 35);  // the suite's training lines (41) that predict
}

TEST(FrontDoor, PlanRowsAreWhatInferSaysOfTheirConfiguration) {
  const catalog::Catalog& cat = test::infer_catalog();
  int compared = 0;
  int searched = 0;
  // The stack's defaults; with prefix-cache hits; under a stated step budget and batch cap.
  struct Variant {
    double cache_hit;
    int step_tokens;
    int max_batch;
  };
  for (const Variant v : {Variant{0.0, 0, 0}, Variant{0.5, 0, 0}, Variant{0.0, 4096, 16}}) {
    PlanRequest preq;
    preq.model = "llama-3.1-8b";
    preq.systems = {"hgx-h100", "hgx-h20"};
    preq.target = "1M-tok/s";
    preq.cache_hit = v.cache_hit;
    preq.step_tokens = v.step_tokens;
    preq.max_batch = v.max_batch;
    auto plan = api::plan(cat, preq);
    ASSERT_TRUE(plan) << plan.error().describe();
    ASSERT_TRUE(plan->serving && plan->serving_result);
    const search::PlanRequest& sreq = *plan->serving;
    for (const search::PlanRow& row : plan->serving_result->rows) {
      ASSERT_TRUE(row.feasible) << row.system << ": " << row.reason;
      const InferRequest r = plan_row_request(preq, sreq, row);
      auto a = predict_inference(cat, r);
      ASSERT_TRUE(a) << a.error().describe();
      ASSERT_TRUE(a->estimate.feasible) << row.system << ": " << a->estimate.reason;
      // The plan sizes its fleet from one deployment's rate: capacity / replicas on replica_chips.
      const double per_chip =
          row.fleet.capacity_tps / static_cast<double>(row.fleet.replicas) / row.replica_chips;
      // The row hands on the prefill step the search shortened it to, if it did (a stated budget
      // is never shortened).
      const int step = row.step_tokens > 0 ? row.step_tokens : v.step_tokens;
      if (row.step_tokens > 0) ++searched;
      EXPECT_TRUE(row.step_tokens == 0 || v.step_tokens == 0) << row.system;
      EXPECT_EQ(r.step_tokens, step) << row.system;
      EXPECT_NEAR(a->estimate.output_tokens_per_s_per_chip, per_chip, 1e-9 * per_chip)
          << row.system;
      EXPECT_EQ(a->estimate.chips, row.replica_chips) << row.system;
      EXPECT_EQ(a->used.workload.cached_share, v.cache_hit) << row.system;
      EXPECT_EQ(a->used.workload.prefill_chunk, step) << row.system;
      EXPECT_EQ(a->used.workload.max_batch, v.max_batch) << row.system;
      ++compared;
    }
  }
  EXPECT_EQ(compared, 6);
  EXPECT_GT(searched, 0);  // some row's search chose its step budget
}

TEST(FrontDoor, UnknownJsonKeyIsAUsageErrorWithASuggestion) {
  auto r = io::request_from_json<InferRequest>(nlohmann::json{
      {"model", "llama-3.1-8b"}, {"system", "hgx-h100"}, {"input", 100}, {"tpot_sloo", "50ms"}});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, core::ErrorCode::usage);
  EXPECT_EQ(r.error().message, "unknown key 'tpot_sloo'");
  ASSERT_EQ(r.error().hints.size(), 1U);
  EXPECT_EQ(r.error().hints[0], "did you mean one of 'tpot_slo', 'ttft_slo'?");
}

TEST(FrontDoor, JsonValuesAreParsedAsTheCliParsesThem) {
  auto r = io::request_from_json<InferRequest>(nlohmann::json{
      {"model", "llama-3.1-8b"}, {"system", "hgx-h100"}, {"input", 2048}, {"tpot_slo", "50ms"}});
  ASSERT_TRUE(r) << r.error().describe();
  EXPECT_DOUBLE_EQ(r->tpot_slo_s, 0.05);
  EXPECT_DOUBLE_EQ(r->input, 2048);
  auto bad = io::request_from_json<InferRequest>(
      nlohmann::json{{"model", "x"}, {"input", 1}, {"tpot_slo", 50}});
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().message.rfind("tpot_slo: '50' has no unit", 0), 0U) << bad.error().message;
  auto missing = io::request_from_json<InferRequest>(nlohmann::json{{"system", "hgx-h100"}});
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().message, "the request has 2 problems");
}

TEST(FrontDoor, PolicyAndShowRequestsRoundTripThroughJson) {
  auto limits = io::request_from_json<LimitsRequest>(
      nlohmann::json{{"die_area", "608.5mm2"}, {"date", "2024-06-01"}, {"not_datacenter", true}});
  ASSERT_TRUE(limits) << limits.error().describe();
  EXPECT_DOUBLE_EQ(limits->die_area_mm2, 608.5);
  EXPECT_TRUE(limits->not_datacenter);
  auto again = parse_cli<LimitsRequest>(to_args(*limits));
  ASSERT_TRUE(again) << again.error().describe();
  EXPECT_EQ(io::request_to_json(*again).dump(), io::request_to_json(*limits).dump());
  auto bad = io::request_from_json<LimitsRequest>(nlohmann::json{{"die_area", "800"}});
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().message.rfind("die_area: '800' has no unit", 0), 0U) << bad.error().message;
  auto timeline = parse_cli<TimelineRequest>({"--chip", "nvidia-h20", "--dest", "CN"});
  ASSERT_TRUE(timeline) << timeline.error().describe();
  auto answer = api::timeline(test::infer_catalog(), *timeline);
  ASSERT_TRUE(answer) << answer.error().describe();
  EXPECT_NE(answer->chip, nullptr);
  EXPECT_FALSE(answer->entries.empty());
  auto show = api::show(&test::infer_catalog(), ShowRequest{"h20"});
  ASSERT_TRUE(show) << show.error().describe();
  ASSERT_NE(show->chip, nullptr);
  EXPECT_EQ(show->chip->id, "nvidia-h20");
  EXPECT_FALSE(show->notes.empty());  // the alias followed
}

TEST(FrontDoor, LayoutRoundTripsThroughItsParallelism) {
  perf::Layout l;
  l.tp = 4, l.dp = 2, l.ep = 1, l.etp = 8, l.moe_group = 8;
  EXPECT_EQ(l.as_parallelism().ep, 0);  // experts sliced by TP alone: derived again
  l.ep = 8, l.etp = 1;
  EXPECT_EQ(l.as_parallelism().ep, 8);
}

TEST(FrontDoor, InfeasibleAnswersNameTheLimit) {
  InferRequest r = test::chip_request("llama-3.1-405b", "nvidia-l40s", 1, 100, 10);
  r.parallelism.tp = 1;
  auto a = predict_inference(test::infer_catalog(), r);
  ASSERT_TRUE(a);
  ASSERT_TRUE(a->infeasible);
  EXPECT_EQ(a->infeasible->limit, Limit::memory) << a->infeasible->reason;
}

}  // namespace
}  // namespace suanli::api
