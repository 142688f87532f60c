// The dispatcher (io/service.hpp) answers every verb with exactly the JSON the CLI prints: each
// golden case run with --format json is asked again as "verb + request JSON" and compared byte for
// byte with the case's expected stdout; every verb has at least one such case. Also: unknown
// verbs and keys, the service limits, files refused when the service reads none.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "apps/cli/request_options.hpp"
#include "suanli/api/chips.hpp"
#include "suanli/api/compare.hpp"
#include "suanli/api/infer.hpp"
#include "suanli/api/plan.hpp"
#include "suanli/api/policy.hpp"
#include "suanli/api/show.hpp"
#include "suanli/api/train.hpp"
#include "suanli/io/request_json.hpp"
#include "suanli/io/service.hpp"
#include "tests/unit/infer_fixture.hpp"

namespace suanli::io {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const fs::path golden_dir = fs::path(SUANLI_TEST_DIR) / "golden";

std::string read_text(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// The request JSON the CLI builds from `args` (its option table, then io::request_to_json).
template <class Request>
json cli_request(const std::vector<std::string>& args) {
  CLI::App app;
  cli::RequestOptions<Request> opts;
  opts.add_to(app);
  std::vector<std::string> reversed(args.rbegin(), args.rend());
  app.parse(reversed);
  auto r = opts.request();
  if (!r) throw std::runtime_error(r.error().describe());
  return json::parse(request_to_json(*r).dump());
}

json request_for(const std::string& verb, const std::vector<std::string>& args) {
  if (verb == "infer") return cli_request<api::InferRequest>(args);
  if (verb == "compare") return cli_request<api::CompareRequest>(args);
  if (verb == "train") return cli_request<api::TrainRequest>(args);
  if (verb == "plan") return cli_request<api::PlanRequest>(args);
  if (verb == "classify") return cli_request<api::ClassifyRequest>(args);
  if (verb == "access") return cli_request<api::AccessRequest>(args);
  if (verb == "limits") return cli_request<api::LimitsRequest>(args);
  if (verb == "timeline") return cli_request<api::TimelineRequest>(args);
  if (verb == "show") return cli_request<api::ShowRequest>(args);
  if (verb == "chips") return cli_request<api::ChipsRequest>(args);
  if (verb == "validate") {
    // The CLI names a suite file; the service takes the suite's text.
    json j{{"suite", read_text(golden_dir / args.at(0))}};
    for (std::size_t i = 1; i + 1 < args.size(); i += 2) j[args[i].substr(2)] = args[i + 1];
    return j;
  }
  return json::object();  // systems, models
}

struct GoldenJsonCase {
  std::string name;
  std::string verb;
  std::vector<std::string> args;  // after the command words, without --format json
  std::string expected;           // the CLI's stdout
};

// Every golden case that prints JSON for one of the service's verbs.
std::vector<GoldenJsonCase> golden_json_cases() {
  std::vector<GoldenJsonCase> out;
  for (const auto& entry : fs::directory_iterator(golden_dir)) {
    if (entry.path().extension() != ".case") continue;
    fs::path out_file = entry.path();
    out_file.replace_extension(".out");
    if (!fs::exists(out_file)) continue;
    std::istringstream lines(read_text(entry.path()));
    std::vector<std::string> words;
    for (std::string line; std::getline(lines, line);) {
      if (!line.starts_with("args: ")) continue;
      std::istringstream w(line.substr(6));
      for (std::string word; w >> word;) words.push_back(word);
    }
    std::vector<std::string> rest;
    bool is_json = false;
    for (std::size_t i = 0; i < words.size(); ++i) {
      if (words[i] == "--format" && i + 1 < words.size()) {
        is_json = words[i + 1] == "json";
        ++i;
        continue;
      }
      rest.push_back(words[i]);
    }
    if (!is_json || rest.empty()) continue;
    std::string verb = rest.front();
    rest.erase(rest.begin());
    if (verb == "policy") {
      verb = rest.front();
      rest.erase(rest.begin());
    }
    if (verb == "chips" && !rest.empty() && rest.front() == "compare") continue;
    out.push_back({entry.path().stem().string(), verb, rest, read_text(out_file)});
  }
  return out;
}

TEST(Service, EveryVerbAnswersWhatTheCliPrintsForItsGoldenCases) {
  const catalog::Catalog& cat = test::infer_catalog();
  const fs::path cwd = fs::current_path();
  fs::current_path(golden_dir);  // the cases name files relative to their folder
  std::set<std::string> covered;
  for (const GoldenJsonCase& c : golden_json_cases()) {
    SCOPED_TRACE(c.name);
    ASSERT_NE(find_verb(c.verb), nullptr) << c.verb;
    ServiceOptions options;
    options.validate_threads = 2;
    auto a = answer(cat, c.verb, request_for(c.verb, c.args), options);
    ASSERT_TRUE(a) << a.error().describe();
    EXPECT_EQ(a->json.dump(2) + "\n", c.expected);
    covered.insert(c.verb);
  }
  fs::current_path(cwd);
  for (const Verb& v : service_verbs())
    EXPECT_TRUE(covered.contains(std::string(v.name))) << v.name;
}

TEST(Service, AnInfeasibleInferenceIsAPrintedAnswerWithAFailure) {
  const json request{{"model", "deepseek-v3"},
                     {"system", "hgx-h20"},
                     {"precision", "bf16"},
                     {"input", 1024},
                     {"output", 256}};
  auto a = answer(test::infer_catalog(), "infer", request);
  ASSERT_TRUE(a);
  ASSERT_TRUE(a->failure);
  EXPECT_EQ(a->failure->code, core::ErrorCode::infeasible);
  EXPECT_EQ(a->failure->message, "weights 1.34 TB exceed 8 x 103 GB");
  EXPECT_EQ(a->json["reason"], a->failure->message);
  auto j = answer_json(test::infer_catalog(), "infer", request);
  ASSERT_FALSE(j);
  EXPECT_EQ(j.error().code, core::ErrorCode::infeasible);
}

TEST(Service, UnknownVerbsAndKeysAreUsageErrorsWithSuggestions) {
  const catalog::Catalog& cat = test::infer_catalog();
  auto v = answer(cat, "infr", json::object());
  ASSERT_FALSE(v);
  EXPECT_EQ(v.error().code, core::ErrorCode::usage);
  EXPECT_EQ(v.error().message, "unknown verb 'infr'");
  ASSERT_EQ(v.error().hints.size(), 1U);
  EXPECT_NE(v.error().hints[0].find("'infer'"), std::string::npos);

  auto k = answer(cat, "show", json{{"idd", "h20"}});
  ASSERT_FALSE(k);
  EXPECT_EQ(k.error().code, core::ErrorCode::usage);
  EXPECT_NE(k.error().describe().find("did you mean"), std::string::npos);

  auto s = answer(cat, "systems", json{{"vendor", "nvidia"}});
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().message, "unknown key 'vendor': this request takes no fields");
}

TEST(Service, LimitsNameTheLimitAndLowerTheDefaults) {
  const catalog::Catalog& cat = test::infer_catalog();
  ServiceOptions o;
  o.limits = {1, 5, 1000};
  const json base{
      {"model", "llama-3.1-8b"}, {"system", "hgx-h100"}, {"seq", 4096}, {"global_batch", "256"}};
  json over = base;
  over["max_evaluations"] = 5000;
  auto e = answer(cat, "train", over, o);
  ASSERT_FALSE(e);
  EXPECT_EQ(e.error().code, core::ErrorCode::usage);
  EXPECT_EQ(e.error().message, "max_evaluations: 5000 is over this service's limit of 1000");
  json slow = base;
  slow["time_budget"] = 60;
  auto t = answer(cat, "train", slow, o);
  ASSERT_FALSE(t);
  EXPECT_EQ(t.error().message, "time_budget: 60 s is over this service's limit of 5 s");
  // The same cap bounds a search over systems.
  auto slow_compare =
      answer(cat, "compare", json{{"model", "llama-3-70b"}, {"time_budget", 60}}, o);
  ASSERT_FALSE(slow_compare);
  EXPECT_EQ(slow_compare.error().message, "time_budget: 60 s is over this service's limit of 5 s");
  auto slow_plan = answer(
      cat, "plan", json{{"model", "llama-3-70b"}, {"target", "1M-tok/s"}, {"time_budget", 60}}, o);
  ASSERT_FALSE(slow_plan);
  EXPECT_EQ(slow_plan.error().message, "time_budget: 60 s is over this service's limit of 5 s");
  json threads{{"model", "llama-3-70b"}, {"threads", 4}};
  auto th = answer(cat, "compare", threads, o);
  ASSERT_FALSE(th);
  EXPECT_EQ(th.error().message, "threads: 4 is over this service's limit of 1");
  o.limits.max_layouts = 4096;
  json layouts{{"model", "llama-3-8b"},
               {"system", "hgx-h100"},
               {"input", 100},
               {"output", 10},
               {"max_layouts", 5000}};
  auto l = answer(cat, "infer", layouts, o);
  ASSERT_FALSE(l);
  EXPECT_EQ(l.error().message, "max_layouts: 5000 is over this service's limit of 4096");
  o.limits.max_suite_cases = 10;
  auto c = answer(cat, "validate", json{{"suite", "{}"}, {"max_cases", 20}}, o);
  ASSERT_FALSE(c);
  EXPECT_EQ(c.error().message, "max_cases: 20 is over this service's limit of 10");
  // Without a stated limit the search runs within the service's.
  auto ok = answer(cat, "train", base, o);
  ASSERT_TRUE(ok) << ok.error().describe();
  EXPECT_LE(ok->json["search"]["evaluated"].get<long long>(), 1000);
}

TEST(Service, AServiceThatReadsNoFilesTreatsPathsAsUnknownIds) {
  const catalog::Catalog& cat = test::infer_catalog();
  ServiceOptions o;
  o.read_files = false;
  const std::string path = std::string(SUANLI_DATA_DIR) + "/models/qwen3-8b.json";
  auto s = answer(cat, "show", json{{"id", path}}, o);
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, core::ErrorCode::not_found);
  auto i = answer(cat, "infer",
                  json{{"model", path}, {"system", "hgx-h100"}, {"input", 10}, {"output", 10}}, o);
  ASSERT_FALSE(i);
  EXPECT_EQ(i.error().code, core::ErrorCode::not_found);
  auto c = answer(cat, "classify", json{{"spec", "/etc/passwd"}}, o);
  ASSERT_FALSE(c);
  EXPECT_EQ(c.error().code, core::ErrorCode::usage);
  EXPECT_EQ(c.error().message, "spec: this service reads no files; name a catalog chip");
}

TEST(Service, VerbFieldsComeFromTheOptionTables) {
  auto f = verb_fields("infer");
  ASSERT_TRUE(f);
  std::map<std::string, bool> required;
  for (const VerbField& x : *f) required[x.key] = x.required;
  EXPECT_TRUE(required.at("model"));
  EXPECT_FALSE(required.at("tpot_slo"));
  EXPECT_EQ(verb_fields("systems")->size(), 0U);
  EXPECT_FALSE(verb_fields("nope"));
}

}  // namespace
}  // namespace suanli::io
