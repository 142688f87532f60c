// API tests against a real `suanli serve` on a loopback port: every endpoint answers what the
// dispatcher (and so the CLI) answers, every error status with its JSON body, the body cap,
// unknown keys, the method map, path traversal (plain, encoded, backslash, NUL) and symlink
// escape, CORS off by default, SSE progress, the limits, the access log and the OpenAPI
// document walked against the routes.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <mutex>
#include <regex>
#include <set>
#include <thread>

#include "http_client.hpp"
#include "suanli/io/service.hpp"
#include "suanli/server/openapi.hpp"
#include "suanli/server/routes.hpp"
#include "suanli/server/server.hpp"

namespace suanli::server {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using test::http;

const catalog::Catalog& the_catalog() {
  static const catalog::Catalog cat = [] {
    auto loaded = catalog::load_catalog({SUANLI_DATA_DIR});
    if (!loaded) throw std::runtime_error(loaded.error().describe());
    return std::move(loaded).value();
  }();
  return cat;
}

// A web root with a page, a nested file, a symlink inside and one pointing outside it.
fs::path make_web_root() {
  const fs::path top = fs::temp_directory_path() / ("suanli_api_" + std::to_string(getpid()));
  fs::remove_all(top);
  fs::create_directories(top / "root/assets");
  std::ofstream(top / "root/index.html") << "<!doctype html><title>suanli</title>";
  std::ofstream(top / "root/assets/app.js") << "console.log(1);";
  std::ofstream(top / "secret.txt") << "outside the web root";
  fs::create_symlink(top / "secret.txt", top / "root/escape.txt");
  fs::create_symlink(top / "root/assets/app.js", top / "root/inside.js");
  return top / "root";
}

// One running server on a free port.
struct Running {
  std::unique_ptr<Server> server;
  std::thread thread;
  int port = 0;
  std::vector<std::string> log;
  std::mutex log_mutex;

  explicit Running(ServerConfig config) {
    config.port = 0;
    config.threads = 2;
    config.log = [this](const std::string& line) {
      const std::lock_guard lock(log_mutex);
      log.push_back(line);
    };
    server = std::make_unique<Server>(the_catalog(), std::move(config));
    auto bound = server->bind();
    if (!bound) throw std::runtime_error(bound.error().describe());
    port = *bound;
    thread = std::thread([this] { server->serve(); });
  }
  ~Running() {
    server->stop();
    thread.join();
  }
  std::vector<std::string> log_lines() {
    const std::lock_guard lock(log_mutex);
    return log;
  }
};

class Api : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    web_root_ = make_web_root();
    ServerConfig c;
    c.web_root = web_root_;
    c.api.limits = {2, 5, 100'000};
    running_ = new Running(c);
  }
  static void TearDownTestSuite() {
    delete running_;
    fs::remove_all(web_root_.parent_path());
  }
  static int port() { return running_->port; }
  static test::HttpAnswer post(const std::string& target, const json& body) {
    return http(port(), "POST", target, body.dump());
  }
  static json body_of(const test::HttpAnswer& a) { return json::parse(a.body); }

  static fs::path web_root_;
  static Running* running_;
};

fs::path Api::web_root_;
Running* Api::running_ = nullptr;

// The error body: the code of `status`, a message, the problems and hints arrays.
void expect_error(const test::HttpAnswer& a, int status, const std::string& code,
                  const std::string& message_part) {
  EXPECT_EQ(a.status, status) << a.body;
  EXPECT_EQ(a.headers.at("content-type"), "application/json");
  const json j = json::parse(a.body);
  EXPECT_EQ(j["code"], code);
  EXPECT_NE(j["message"].get<std::string>().find(message_part), std::string::npos) << a.body;
  EXPECT_TRUE(j["problems"].is_array());
  EXPECT_TRUE(j["hints"].is_array());
}

// A valid request of every endpoint.
const std::vector<std::pair<std::string, json>> valid_posts{
    {"/api/v1/infer",
     {{"model", "llama-3.1-70b"},
      {"system", "hgx-h100"},
      {"input", 2048},
      {"output", 256},
      {"tpot_slo", "50ms"}}},
    {"/api/v1/compare",
     {{"model", "llama-3-8b"}, {"scenario", "chat"}, {"systems", {"hgx-h100", "hgx-h20"}}}},
    {"/api/v1/train",
     {{"model", "llama-3.1-8b"},
      {"system", "hgx-h100"},
      {"seq", 4096},
      {"global_batch", "256"},
      {"tp", 1}}},
    {"/api/v1/plan",
     {{"model", "llama-3.1-8b"}, {"target", "200k-tok/s"}, {"systems", "hgx-h100,hgx-h20"}}},
    {"/api/v1/classify", {{"chip", "nvidia-h20"}, {"date", "2025-05-01"}}},
    {"/api/v1/policy/access",
     {{"chip", "nvidia-h200-sxm"}, {"dest", "CN"}, {"date", "2026-02-01"}}},
    {"/api/v1/policy/limits", {{"die_area", "800mm2"}}},
    {"/api/v1/policy/timeline", {{"chip", "nvidia-h20"}, {"dest", "CN"}}},
    {"/api/v1/validate", {{"suite", ""}, {"kind", "all"}}},
};

TEST_F(Api, HealthzSaysTheCatalogIsLoaded) {
  const auto a = http(port(), "GET", "/healthz");
  EXPECT_EQ(a.status, 200);
  const json j = body_of(a);
  EXPECT_EQ(j["status"], "ok");
  EXPECT_EQ(j["chips"], the_catalog().chips.size());
}

TEST_F(Api, EveryPostEndpointAnswersWhatTheDispatcherAnswers) {
  std::set<std::string> seen;
  for (auto [path, request] : valid_posts) {
    SCOPED_TRACE(path);
    if (path == "/api/v1/validate") {
      std::ifstream in(std::string(SUANLI_TEST_DIR) + "/golden/suite_two_cases.jsonl");
      request["suite"] = std::string(std::istreambuf_iterator<char>(in), {});
    }
    const auto a = post(path, request);
    ASSERT_EQ(a.status, 200) << a.body;
    EXPECT_EQ(a.headers.at("content-type"), "application/json");
    const Route* route = find_route(path, Method::post, nullptr);
    ASSERT_NE(route, nullptr);
    io::ServiceOptions o;
    o.read_files = false;
    o.limits = {2, 5, 100'000};
    auto expected = io::answer_json(the_catalog(), route->verb, request, o);
    ASSERT_TRUE(expected) << expected.error().describe();
    EXPECT_EQ(a.body, expected->dump(2) + "\n");
    seen.insert(path);
  }
  for (const Route& r : api_routes()) {
    if (r.method == Method::post) {
      EXPECT_TRUE(seen.contains(std::string(r.path))) << r.path;
    }
  }
}

TEST_F(Api, GetEndpointsTakeTheListFiltersAsQueryParameters) {
  const auto chips = http(port(), "GET", "/api/v1/chips?vendor=huawei&sort=bf16_tflops");
  ASSERT_EQ(chips.status, 200) << chips.body;
  auto expected =
      io::answer_json(the_catalog(), "chips", json{{"vendor", "huawei"}, {"sort", "bf16_tflops"}});
  EXPECT_EQ(chips.body, expected->dump(2) + "\n");
  EXPECT_GT(body_of(chips).size(), 1U);
  for (const std::string path : {"/api/v1/systems", "/api/v1/models", "/api/v1/show/nvidia-h20",
                                 "/api/v1/show/cloudmatrix-384", "/api/v1/show/deepseek-v3"}) {
    SCOPED_TRACE(path);
    const auto a = http(port(), "GET", path);
    EXPECT_EQ(a.status, 200) << a.body;
  }
  EXPECT_EQ(body_of(http(port(), "GET", "/api/v1/show/nvidia-h20"))["id"], "nvidia-h20");
}

TEST_F(Api, ErrorsCarryTheirStatusAndTheErrorBody) {
  expect_error(http(port(), "POST", "/api/v1/infer", "{\"model\": "), 400, "usage",
               "not valid JSON");
  expect_error(http(port(), "POST", "/api/v1/infer", "[1, 2]"), 400, "usage", "JSON object");
  const auto unknown_key = post("/api/v1/infer", {{"model", "llama-3.1-8b"},
                                                  {"system", "hgx-h100"},
                                                  {"input", 10},
                                                  {"output", 10},
                                                  {"tpot_sloo", "50ms"}});
  expect_error(unknown_key, 400, "usage", "tpot_sloo");
  EXPECT_NE(unknown_key.body.find("did you mean"), std::string::npos) << unknown_key.body;
  expect_error(post("/api/v1/infer", {{"model", "llama-3.1-8b"}, {"input", "ten"}}), 400, "usage",
               "input");
  expect_error(post("/api/v1/infer", {{"model", "llama-3.1-8b"},
                                      {"chip", "nvidia-h100-sxm"},
                                      {"chips", 1},
                                      {"input", 4096},
                                      {"output", 256},
                                      {"cache_hit", 1}}),
               400, "usage", "--cache-hit: 1 leaves no prompt token to compute");
  expect_error(http(port(), "POST", "/api/v1/infer?model=x", "{}"), 400, "usage",
               "unknown query parameter 'model'");
  expect_error(http(port(), "GET", "/api/v1/chips?vendr=huawei"), 400, "usage", "vendr");
  expect_error(post("/api/v1/infer",
                    {{"model", "llama-9"}, {"system", "hgx-h100"}, {"input", 10}, {"output", 10}}),
               404, "not_found", "llama-9");
  expect_error(http(port(), "GET", "/api/v1/show/nvidia-h2000"), 404, "not_found", "nvidia-h2000");
  expect_error(http(port(), "GET", "/api/v1/nothing"), 404, "not_found", "/api/v1/nothing");
  const auto wrong_method = http(port(), "GET", "/api/v1/infer");
  expect_error(wrong_method, 405, "usage", "POST");
  EXPECT_EQ(wrong_method.headers.at("allow"), "POST");
  expect_error(http(port(), "DELETE", "/api/v1/infer"), 405, "usage", "DELETE");
  expect_error(post("/api/v1/infer", {{"model", "deepseek-v3"},
                                      {"system", "hgx-h20"},
                                      {"precision", "bf16"},
                                      {"input", 1024},
                                      {"output", 256}}),
               422, "infeasible", "");
  expect_error(post("/api/v1/plan", {{"model", "llama-3.1-8b"},
                                     {"target", "200k-tok/s"},
                                     {"systems", "hgx-h100"},
                                     {"dest", "CN"},
                                     {"date", "2025-05-01"}}),
               422, "infeasible", "");
}

TEST_F(Api, ABodyOverTheCapIs413) {
  const std::string big = "{\"model\": \"" + std::string((1 << 20) + 16, 'x') + "\"}";
  const auto a = http(port(), "POST", "/api/v1/infer", big);
  expect_error(a, 413, "usage", "limit");
}

TEST_F(Api, PathsNamingFilesAreUnknownIds) {
  expect_error(http(port(), "GET", "/api/v1/show/%2Fetc%2Fpasswd"), 404, "not_found", "passwd");
  expect_error(post("/api/v1/classify", {{"spec", "/etc/passwd"}}), 400, "usage", "no files");
  expect_error(
      post("/api/v1/infer", {{"model", std::string(SUANLI_DATA_DIR) + "/models/qwen3-8b.json"},
                             {"system", "hgx-h100"},
                             {"input", 10},
                             {"output", 10}}),
      404, "not_found", "qwen3-8b.json");
}

TEST_F(Api, SearchLimitsAreNamed) {
  const json base{
      {"model", "llama-3.1-8b"}, {"system", "hgx-h100"}, {"seq", 4096}, {"global_batch", "256"}};
  json over = base;
  over["max_evaluations"] = 200'000;
  expect_error(post("/api/v1/train", over), 400, "usage", "limit of 100000");
  over = base;
  over["time_budget"] = 3600;
  expect_error(post("/api/v1/train", over), 400, "usage",
               "time_budget: 3600 s is over this service's limit of 5 s");
  expect_error(post("/api/v1/compare", {{"model", "llama-3-8b"}, {"threads", 8}}), 400, "usage",
               "threads: 8 is over this service's limit of 2");
}

TEST_F(Api, StaticFilesComeOnlyFromTheWebRoot) {
  const auto index = http(port(), "GET", "/");
  EXPECT_EQ(index.status, 200);
  EXPECT_EQ(index.headers.at("content-type"), "text/html; charset=utf-8");
  EXPECT_EQ(index.body, "<!doctype html><title>suanli</title>");
  const auto js = http(port(), "GET", "/assets/app.js");
  EXPECT_EQ(js.status, 200);
  EXPECT_EQ(js.headers.at("content-type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(http(port(), "GET", "/inside.js").status, 200);  // a symlink that stays inside
  for (const std::string target :
       {"/../secret.txt", "/assets/../../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E%2Fsecret.txt",
        "/assets/..%2F..%2Fsecret.txt", "/..%5Csecret.txt", "/assets/%2e%2e/%2e%2e/secret.txt",
        "/escape.txt", "/index.html%00.js", "//etc/passwd", "/%2Fetc%2Fpasswd", "/nothing.html"}) {
    SCOPED_TRACE(target);
    const auto a = http(port(), "GET", target);
    EXPECT_EQ(a.status, 404) << a.body;
    EXPECT_EQ(a.body.find("outside the web root"), std::string::npos);
    EXPECT_EQ(a.body.find("root:"), std::string::npos);
  }
}

TEST_F(Api, NoCorsUnlessAnOriginIsGiven) {
  const auto a = http(port(), "GET", "/healthz", "", {{"Origin", "http://example.com"}});
  EXPECT_EQ(a.headers.count("access-control-allow-origin"), 0U);
  expect_error(http(port(), "OPTIONS", "/api/v1/infer"), 405, "usage", "OPTIONS");
  ServerConfig c;
  c.cors_origin = "http://localhost:5173";
  Running cors(c);
  const auto b = http(cors.port, "GET", "/healthz", "", {{"Origin", "http://localhost:5173"}});
  EXPECT_EQ(b.headers.at("access-control-allow-origin"), "http://localhost:5173");
  const auto pre =
      http(cors.port, "OPTIONS", "/api/v1/infer", "",
           {{"Origin", "http://localhost:5173"}, {"Access-Control-Request-Method", "POST"}});
  EXPECT_EQ(pre.status, 204);
  EXPECT_EQ(pre.headers.at("access-control-allow-methods"), "GET, POST, OPTIONS");
}

TEST_F(Api, LongSearchesStreamProgressThenTheSameAnswer) {
  const json request{
      {"model", "llama-3.1-8b"}, {"system", "hgx-h100"}, {"seq", 4096}, {"global_batch", "256"}};
  const auto plain = post("/api/v1/train", request);
  ASSERT_EQ(plain.status, 200) << plain.body;
  const auto streamed = post("/api/v1/train?stream=1", request);
  ASSERT_EQ(streamed.status, 200);
  EXPECT_EQ(streamed.headers.at("content-type"), "text/event-stream");
  const std::string& s = streamed.body;
  EXPECT_EQ(s.find("event: progress\ndata: {\"done\":"), 0U) << s.substr(0, 200);
  const std::size_t result = s.find("event: result\n");
  ASSERT_NE(result, std::string::npos);
  // The data lines joined by newlines are the plain body without its last newline.
  std::string joined;
  std::size_t pos = result + std::string("event: result\n").size();
  while (s.compare(pos, 6, "data: ") == 0) {
    const std::size_t end = s.find('\n', pos);
    joined += (joined.empty() ? "" : "\n") + s.substr(pos + 6, end - pos - 6);
    pos = end + 1;
  }
  EXPECT_EQ(joined + "\n", plain.body);
  for (const std::string verb : {"compare", "plan"}) {
    const auto& [path, body] =
        *std::find_if(valid_posts.begin(), valid_posts.end(),
                      [&](const auto& p) { return p.first.ends_with(verb); });
    const auto a = post(path + "?stream=1", body);
    EXPECT_NE(a.body.find("event: progress\n"), std::string::npos) << verb;
    EXPECT_NE(a.body.find("event: result\n"), std::string::npos) << verb;
  }
  const auto bad =
      post("/api/v1/train?stream=1",
           {{"model", "llama-9"}, {"system", "hgx-h100"}, {"seq", 4096}, {"global_batch", "256"}});
  EXPECT_NE(bad.body.find("event: error\ndata: {"), std::string::npos) << bad.body;
}

TEST_F(Api, EveryRequestGetsOneAccessLogLine) {
  const auto before = running_->log_lines().size();
  http(port(), "GET", "/healthz");
  http(port(), "GET", "/api/v1/nothing");
  std::vector<std::string> lines;
  for (int i = 0; i < 100 && lines.size() < before + 2; ++i) {
    lines = running_->log_lines();  // the log is written after the response
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ASSERT_EQ(lines.size(), before + 2);
  EXPECT_TRUE(std::regex_match(lines[before], std::regex(R"(GET /healthz 200 \d+ \d+\.\d)")))
      << lines[before];
  EXPECT_TRUE(
      std::regex_match(lines[before + 1], std::regex(R"(GET /api/v1/nothing 404 \d+ \d+\.\d)")))
      << lines[before + 1];
}

TEST_F(Api, TheOpenApiDocumentListsExactlyTheRoutes) {
  const auto a = http(port(), "GET", "/api/v1/openapi.json");
  ASSERT_EQ(a.status, 200);
  const json doc = body_of(a);
  EXPECT_EQ(doc["openapi"], "3.1.0");
  std::set<std::pair<std::string, std::string>> documented;
  for (const auto& [path, ops] : doc["paths"].items()) {
    for (const auto& [method, op] : ops.items()) documented.emplace(path, method);
  }
  std::set<std::pair<std::string, std::string>> served{{"/api/v1/openapi.json", "get"},
                                                       {"/healthz", "get"}};
  for (const Route& r : api_routes()) {
    served.emplace(std::string(r.path), r.method == Method::get ? "get" : "post");
    const auto fields = io::verb_fields(r.verb);
    ASSERT_TRUE(fields);
    const json& op = doc["paths"][std::string(r.path)][r.method == Method::get ? "get" : "post"];
    std::set<std::string> keys;
    if (r.method == Method::post) {
      for (const auto& [k, v] :
           op["requestBody"]["content"]["application/json"]["schema"]["properties"].items())
        keys.insert(k);
    } else if (op.contains("parameters")) {
      for (const auto& p : op["parameters"]) keys.insert(p["name"].get<std::string>());
    }
    std::set<std::string> expected;
    for (const auto& f : *fields) expected.insert(f.key);
    EXPECT_EQ(keys, expected) << r.path;
  }
  EXPECT_EQ(documented, served);
  // Walk the document: every operation is served (no 404 for the path, no 405 for the method).
  for (const auto& [path, method] : documented) {
    SCOPED_TRACE(path + " " + method);
    std::string target = path;
    if (const auto brace = target.find('{'); brace != std::string::npos) {
      target = target.substr(0, brace) + "nvidia-h20";
    }
    const auto r = method == "get" ? http(port(), "GET", target) : post(target, json::object());
    EXPECT_NE(r.status, 405);
    if (r.status == 404) {
      EXPECT_EQ(body_of(r)["code"], "not_found");
    }
    EXPECT_EQ(r.body.find("no endpoint"), std::string::npos);
  }
}

}  // namespace
}  // namespace suanli::server

namespace suanli::server {
namespace {

// Every "$ref" of `j`, as JSON pointers.
void collect_refs(const nlohmann::json& j, std::vector<std::string>& out) {
  if (j.is_object()) {
    for (const auto& [k, v] : j.items()) {
      if (k == "$ref" && v.is_string()) out.push_back(v.get<std::string>());
      collect_refs(v, out);
    }
  } else if (j.is_array()) {
    for (const auto& v : j) collect_refs(v, out);
  }
}

// The structure OpenAPI 3.1 requires of the parts the document uses: info, unique operation ids,
// a described response per status, every path template declared as a required path parameter,
// unique parameters, and every $ref resolving inside the document.
TEST(OpenApi, TheDocumentIsStructurallyValid) {
  const nlohmann::json doc = nlohmann::json::parse(openapi_document("test").dump());
  EXPECT_EQ(doc["openapi"], "3.1.0");
  EXPECT_TRUE(doc["info"]["title"].is_string());
  EXPECT_EQ(doc["info"]["version"], "test");
  std::set<std::string> ids;
  for (const auto& [path, ops] : doc["paths"].items()) {
    ASSERT_TRUE(path.starts_with("/")) << path;
    for (const auto& [method, op] : ops.items()) {
      SCOPED_TRACE(path + " " + method);
      EXPECT_TRUE(method == "get" || method == "post");
      EXPECT_TRUE(ids.insert(op["operationId"].get<std::string>()).second);
      ASSERT_FALSE(op["responses"].empty());
      for (const auto& [status, response] : op["responses"].items()) {
        EXPECT_EQ(status.size(), 3U);
        EXPECT_TRUE(response["description"].is_string());
      }
      std::set<std::pair<std::string, std::string>> params;
      if (op.contains("parameters")) {
        for (const auto& p : op["parameters"]) {
          EXPECT_TRUE(params.emplace(p["name"], p["in"]).second) << p;
          EXPECT_TRUE(p["schema"].is_object());
          if (p["in"] == "path") {
            EXPECT_TRUE(p["required"].get<bool>());
          }
        }
      }
      for (std::size_t open = path.find('{'); open != std::string::npos;
           open = path.find('{', open + 1)) {
        const std::string name = path.substr(open + 1, path.find('}', open) - open - 1);
        EXPECT_TRUE(params.contains({name, "path"})) << name;
      }
      if (method == "post") {
        const auto& schema = op["requestBody"]["content"]["application/json"]["schema"];
        EXPECT_EQ(schema["type"], "object");
        EXPECT_EQ(schema["additionalProperties"], false);
        for (const auto& r : schema.value("required", nlohmann::json::array())) {
          EXPECT_TRUE(schema["properties"].contains(r.get<std::string>())) << r;
        }
      }
    }
  }
  std::vector<std::string> refs;
  collect_refs(doc, refs);
  EXPECT_FALSE(refs.empty());
  for (const std::string& ref : refs) {
    ASSERT_TRUE(ref.starts_with("#/")) << ref;
    EXPECT_TRUE(doc.contains(nlohmann::json::json_pointer(ref.substr(1)))) << ref;
  }
}

TEST(HttpQuery, TheQueryStringIsDecoded) {
  const Params q =
      parse_query("/api/v1/chips?vendor=huawei&min_bandwidth=3%20TB%2Fs&sort=a+b&flag");
  const Params expected{
      {"vendor", "huawei"}, {"min_bandwidth", "3 TB/s"}, {"sort", "a b"}, {"flag", ""}};
  EXPECT_EQ(q, expected);
  EXPECT_TRUE(parse_query("/healthz").empty());
  EXPECT_EQ(parse_query("/x?a=%zz%4")[0].second, "%zz%4");
}

TEST(HttpErrors, EveryErrorCodeHasItsStatus) {
  const std::vector<std::pair<core::ErrorCode, int>> map{{core::ErrorCode::usage, 400},
                                                         {core::ErrorCode::invalid_input, 400},
                                                         {core::ErrorCode::not_found, 404},
                                                         {core::ErrorCode::infeasible, 422},
                                                         {core::ErrorCode::internal, 500}};
  for (const auto& [code, status] : map) {
    const HttpResponse r = error_response(core::make_error(code, "m"));
    EXPECT_EQ(r.status, status);
    EXPECT_EQ(nlohmann::json::parse(r.body)["code"], core::to_string(code));
  }
}

}  // namespace
}  // namespace suanli::server
