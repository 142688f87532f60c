// Strict loader of data/scenarios/*.yaml (one serving preset per file) and the preset lookups.
#include <fmt/format.h>

#include <algorithm>

#include "detail/infer_loaders.hpp"
#include "detail/loaders.hpp"
#include "suanli/catalog/infer_data.hpp"
#include "suanli/core/did_you_mean.hpp"
#include "suanli/units/parse.hpp"

namespace suanli::catalog {
namespace detail {
namespace {

std::optional<perf::ScenarioPreset> load_preset(const SourceFile& file, Problems& problems) {
  const std::size_t before = problems.size();
  const auto doc = read_yaml(file, problems);
  if (!doc) return std::nullopt;
  MapReader r(*doc, "", problems);
  if (!r.valid()) return std::nullopt;
  perf::ScenarioPreset s;
  s.id = r.string("id", true).value_or("");
  if (!s.id.empty()) check_id_matches_file(file.path, s.id, r.get("id"), problems);
  s.name = r.string("name", true).value_or("");
  const std::string mode = r.string("mode", true).value_or("server");
  if (mode == "server") {
    s.mode = perf::Scenario::server;
  } else if (mode == "offline") {
    s.mode = perf::Scenario::offline;
  } else {
    problems.add(r.get("mode"), "mode", fmt::format("'{}' is not one of: server, offline", mode));
  }
  s.input_tokens = r.number("input_tokens", true, 1, 1e7).value_or(0);
  s.output_tokens = r.number("output_tokens", true, 1, 1e7).value_or(0);
  const auto parse = [](std::string_view t) { return units::parse_seconds(t); };
  if (auto t = r.quantity<units::Seconds>("ttft_slo", false, parse, 1e-4, 3600)) {
    s.ttft_slo_s = t->value;
  }
  if (auto t = r.quantity<units::Seconds>("tpot_slo", false, parse, 1e-5, 60)) {
    s.tpot_slo_s = t->value;
  }
  if (auto cv = r.number("answer_cv", false, 0, perf::max_length_cv)) s.spread = {*cv};
  s.rationale = r.string("rationale", true).value_or("");
  read_sources(r);
  r.finish();
  if (problems.size() != before) return std::nullopt;
  return s;
}

}  // namespace

void load_scenario_dir(const CatalogDir& dir, std::vector<perf::ScenarioPreset>& into,
                       std::vector<core::Problem>& problems) {
  for (const auto& file : yaml_files(dir, "scenarios")) {
    Problems p(file.path.string());
    if (auto s = load_preset(file, p)) {
      const bool duplicate = std::any_of(
          into.begin(), into.end(), [&](const perf::ScenarioPreset& o) { return o.id == s->id; });
      if (duplicate) {
        p.add_line(0, "id", fmt::format("duplicate scenario id '{}'", s->id));
      } else {
        into.push_back(std::move(*s));
      }
    }
    for (auto& prob : p.take()) problems.push_back(std::move(prob));
  }
  std::sort(
      into.begin(), into.end(),
      [](const perf::ScenarioPreset& a, const perf::ScenarioPreset& b) { return a.id < b.id; });
}

}  // namespace detail

const std::vector<perf::ScenarioPreset>& scenarios(const Catalog& cat) {
  return cat.scenarios;
}

core::Result<const perf::ScenarioPreset*> find_scenario(const Catalog& cat, std::string_view id) {
  std::vector<std::string> ids;
  for (const auto& s : cat.scenarios) {
    if (s.id == id) return &s;
    ids.push_back(s.id);
  }
  core::Error e =
      core::make_error(core::ErrorCode::not_found, fmt::format("unknown scenario '{}'", id));
  const std::string hint = core::did_you_mean(id, ids);
  e.hints.push_back(hint.empty() ? fmt::format("known scenarios: {}", fmt::join(ids, ", ")) : hint);
  return e;
}

}  // namespace suanli::catalog
