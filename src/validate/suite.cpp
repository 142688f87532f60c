// Parser of validation suites (JSONL, one measured result per line; format in
// validation/README.md). Strict: every line must carry exactly the documented keys.
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <set>
#include <sstream>

#include "suanli/api/resource_limits.hpp"
#include "suanli/core/did_you_mean.hpp"
#include "suanli/core/enum_names.hpp"
#include "suanli/model/json_syntax.hpp"
#include "suanli/validate/suite.hpp"

namespace suanli::validate {
namespace {

using core::EnumName;
using nlohmann::json;

constexpr std::array<EnumName<CaseKind>, 3> kind_names{{
    {CaseKind::microbenchmark, ""},
    {CaseKind::inference, "inference"},
    {CaseKind::training, "training"},
}};

constexpr std::array<EnumName<Metric>, 11> metric_names{{
    {Metric::output_tokens_per_s, "output_tokens_per_s"},
    {Metric::input_tokens_per_s, "input_tokens_per_s"},
    {Metric::total_tokens_per_s, "total_tokens_per_s"},
    {Metric::samples_per_s, "samples_per_s"},
    {Metric::ttft_ms, "ttft_ms"},
    {Metric::tpot_ms, "tpot_ms"},
    {Metric::train_tokens_per_s, "train_tokens_per_s"},
    {Metric::step_time_s, "step_time_s"},
    {Metric::mfu, "mfu"},
    {Metric::matmul_tflops, "matmul_tflops"},
    {Metric::mem_bw_gbs, "mem_bw_gbs"},
}};

constexpr std::array<EnumName<Per>, 3> per_names{{
    {Per::system, "system"},
    {Per::chip, "chip"},
    {Per::node, "node"},
}};

std::vector<std::string> metric_list() {
  std::vector<std::string> out;
  for (const EnumName<Metric>& m : metric_names) out.emplace_back(m.name);
  return out;
}

const std::vector<std::string> top_keys{"id",     "source",    "quality",  "kind",      "system",
                                        "model",  "precision", "software", "inference", "training",
                                        "metric", "per",       "value",    "notes"};

struct LineReader {
  int line;
  std::vector<core::Problem>& problems;
  const std::string& origin;

  void fail(const std::string& key, const std::string& message, std::string hint = {}) {
    problems.push_back(core::Problem{origin, line, key, message, std::move(hint)});
  }
  void check_keys(const json& obj, const std::string& path, const std::vector<std::string>& keys) {
    for (const auto& [k, v] : obj.items()) {
      if (std::find(keys.begin(), keys.end(), k) == keys.end()) {
        fail(path + k, fmt::format("unknown key '{}'", k), core::did_you_mean(k, keys));
      }
    }
  }
  std::string str(const json& obj, const std::string& key, bool nullable) {
    if (!obj.contains(key)) {
      fail(key, "required key is missing");
      return {};
    }
    const json& v = obj.at(key);
    if (v.is_null() && nullable) return {};
    if (!v.is_string()) {
      fail(key, fmt::format("expected a string, got {}", v.dump()));
      return {};
    }
    return v.get<std::string>();
  }
  template <class T>
  std::optional<T> num(const json& obj, const std::string& key) {
    if (!obj.contains(key) || obj.at(key).is_null()) return std::nullopt;
    const json& v = obj.at(key);
    if (!v.is_number()) {
      fail(key, fmt::format("expected a number or null, got {}", v.dump()));
      return std::nullopt;
    }
    if constexpr (std::is_integral_v<T>) {
      if (!v.is_number_integer()) {
        fail(key, fmt::format("expected a whole number, got {}", v.dump()));
        return std::nullopt;
      }
    }
    return v.get<T>();
  }
  std::optional<hw::Dtype> dtype(const json& obj, const std::string& key) {
    const std::string s = str(obj, key, true);
    if (s.empty()) return std::nullopt;
    auto d = hw::parse_dtype(s);
    if (!d) fail("precision." + key, fmt::format("unknown precision '{}'", s));
    return d;
  }
};

void read_parallelism(LineReader& r, const json& p, InferenceSpec& s) {
  if (p.is_null()) return;
  if (!p.is_object()) {
    r.fail("inference.parallelism", "expected an object or null");
    return;
  }
  r.check_keys(p, "inference.parallelism.", {"tp", "pp", "ep", "dp"});
  s.tp = r.num<int>(p, "tp");
  s.pp = r.num<int>(p, "pp");
  s.ep = r.num<int>(p, "ep");
  s.dp = r.num<int>(p, "dp");
}

void read_inference(LineReader& r, const json& j, Case& c) {
  if (j.is_null()) return;
  if (!j.is_object()) {
    r.fail("inference", "expected an object or null");
    return;
  }
  r.check_keys(j, "inference.",
               {"scenario", "input_tokens", "output_tokens", "concurrency", "ttft_slo_ms",
                "tpot_slo_ms", "disaggregated", "parallelism", "speculative"});
  InferenceSpec s;
  s.scenario = r.str(j, "scenario", true);
  s.input_tokens = r.num<double>(j, "input_tokens");
  s.output_tokens = r.num<double>(j, "output_tokens");
  s.concurrency = r.num<int>(j, "concurrency");
  s.ttft_slo_ms = r.num<double>(j, "ttft_slo_ms");
  s.tpot_slo_ms = r.num<double>(j, "tpot_slo_ms");
  if (j.contains("disaggregated") && j.at("disaggregated").is_boolean()) {
    s.disaggregated = j.at("disaggregated").get<bool>();
  }
  if (j.contains("parallelism")) read_parallelism(r, j.at("parallelism"), s);
  s.speculative = r.str(j, "speculative", true);
  c.inference = s;
}

void read_training(LineReader& r, const json& j, Case& c) {
  if (j.is_null()) return;
  if (!j.is_object()) {
    r.fail("training", "expected an object or null");
    return;
  }
  r.check_keys(j, "training.",
               {"seq_len", "global_batch_seqs", "micro_batch", "parallelism", "recompute"});
  TrainingSpec t;
  t.seq_len = r.num<int>(j, "seq_len");
  t.global_batch_seqs = r.num<int>(j, "global_batch_seqs");
  t.micro_batch = r.num<int>(j, "micro_batch");
  t.recompute = r.str(j, "recompute", true);
  if (j.contains("parallelism") && j.at("parallelism").is_object()) {
    const json& p = j.at("parallelism");
    r.check_keys(p, "training.parallelism.", {"tp", "pp", "dp", "cp", "ep", "vpp"});
    t.tp = r.num<int>(p, "tp");
    t.pp = r.num<int>(p, "pp");
    t.dp = r.num<int>(p, "dp");
    t.cp = r.num<int>(p, "cp");
    t.ep = r.num<int>(p, "ep");
    t.vpp = r.num<int>(p, "vpp");
  }
  c.training = t;
}

void read_case(LineReader& r, const json& j, Case& c) {
  r.check_keys(j, "", top_keys);
  for (const auto& k : top_keys) {
    if (!j.contains(k)) r.fail(k, "required key is missing");
  }
  c.id = r.str(j, "id", false);
  c.source = r.str(j, "source", false);
  c.quality = r.str(j, "quality", false);
  const std::string kind = r.str(j, "kind", true);
  if (auto k = parse_case_kind(kind)) {
    c.kind = *k;
  } else {
    r.fail("kind", fmt::format("'{}' is not one of: {} (null for a microbenchmark)", kind,
                               core::names_list(kind_names)));
  }
  c.model = r.str(j, "model", true);
  c.software = r.str(j, "software", false);
  const std::string metric = r.str(j, "metric", false);
  const std::string per = r.str(j, "per", false);
  c.notes = r.str(j, "notes", true);
  if (auto v = r.num<double>(j, "value"); v && *v > 0) {
    c.value = *v;
  } else {
    r.fail("value", "expected a number > 0");
  }
  if (c.quality != "high" && c.quality != "medium" && c.quality != "low") {
    r.fail("quality", fmt::format("'{}' is not one of: high, medium, low", c.quality));
  }
  if (auto m = parse_metric(metric)) {
    c.metric = *m;
  } else {
    r.fail("metric", fmt::format("'{}' is not one of: {}", metric, core::names_list(metric_names)),
           core::did_you_mean(metric, metric_list()));
  }
  if (auto s = parse_per(per)) {
    c.per = *s;
  } else {
    r.fail("per", fmt::format("'{}' is not one of: {}", per, core::names_list(per_names)));
  }
  if (j.contains("system") && j.at("system").is_object()) {
    const json& s = j.at("system");
    r.check_keys(s, "system.",
                 {"chip", "chips", "chips_per_node", "scaleup_domain", "scaleout_gbps_per_chip"});
    c.system.chip = r.str(s, "chip", false);
    c.system.chips = r.num<int>(s, "chips").value_or(0);
    if (c.system.chips < 1) r.fail("system.chips", "expected a whole number >= 1");
    c.system.chips_per_node = r.num<int>(s, "chips_per_node");
    c.system.scaleup_domain = r.num<int>(s, "scaleup_domain");
    c.system.scaleout_gbps_per_chip = r.num<double>(s, "scaleout_gbps_per_chip");
  } else {
    r.fail("system", "expected an object");
  }
  if (j.contains("precision") && j.at("precision").is_object()) {
    const json& p = j.at("precision");
    r.check_keys(p, "precision.", {"weights", "compute", "kv_cache"});
    c.precision.weights = r.dtype(p, "weights");
    c.precision.compute = r.dtype(p, "compute");
    c.precision.kv_cache = r.dtype(p, "kv_cache");
  }
  if (j.contains("inference")) read_inference(r, j.at("inference"), c);
  if (j.contains("training")) read_training(r, j.at("training"), c);
}

}  // namespace

std::string_view to_string(CaseKind k) {
  return core::name_of(kind_names, k);
}

std::string_view to_string(Metric m) {
  return core::name_of(metric_names, m);
}

std::string_view to_string(Per p) {
  return core::name_of(per_names, p);
}

bool lower_is_better(Metric metric) {
  return metric == Metric::ttft_ms || metric == Metric::tpot_ms || metric == Metric::step_time_s;
}

std::optional<CaseKind> parse_case_kind(std::string_view text) {
  return core::value_of(kind_names, text);
}

std::optional<Metric> parse_metric(std::string_view text) {
  return core::value_of(metric_names, text);
}

std::optional<Per> parse_per(std::string_view text) {
  return core::value_of(per_names, text);
}

std::string source_family(const std::string& case_id) {
  const auto dash = case_id.find('-');
  return dash == std::string::npos ? case_id : case_id.substr(0, dash);
}

namespace {

// Non-blank lines: the cases a suite text holds before it is parsed.
std::size_t case_lines(std::string_view text) {
  std::size_t n = 0;
  while (!text.empty()) {
    const std::size_t end = std::min(text.find('\n'), text.size());
    if (text.substr(0, end).find_first_not_of(" \t\r") != std::string_view::npos) ++n;
    text.remove_prefix(std::min(end + 1, text.size()));
  }
  return n;
}

}  // namespace

core::Result<std::vector<Case>> parse_suite(std::string_view text, const std::string& origin,
                                            long long max_cases) {
  if (auto st = api::check_suite_size(case_lines(text), max_cases, origin); !st) {
    return st.error();
  }
  std::vector<Case> cases;
  std::vector<core::Problem> problems;
  std::set<std::string> ids;
  std::istringstream in{std::string(text)};
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    LineReader r{number, problems, origin};
    json j = json::parse(line, nullptr, false);
    if (j.is_discarded()) {
      r.fail("", "malformed JSON at " + model::json_syntax_error(line).detail);
      continue;
    }
    if (!j.is_object()) {
      r.fail("", "not a JSON object (each line of a suite is one case: {...})");
      continue;
    }
    Case c;
    c.line = number;
    const std::size_t before = problems.size();
    read_case(r, j, c);
    if (!c.id.empty() && !ids.insert(c.id).second)
      r.fail("id", fmt::format("duplicate id '{}'", c.id));
    if (problems.size() == before) cases.push_back(std::move(c));
  }
  if (!problems.empty()) {
    core::Error e = core::make_error(core::ErrorCode::invalid_input,
                                     fmt::format("{}: {} problem{} in the suite", origin,
                                                 problems.size(), problems.size() == 1 ? "" : "s"));
    e.problems = std::move(problems);
    return e;
  }
  if (cases.empty()) {
    return core::make_error(
        core::ErrorCode::invalid_input,
        fmt::format("{}: the suite has no cases (one JSON object per line)", origin));
  }
  return cases;
}

}  // namespace suanli::validate
