// Strict loader of data/profiles/<chip-id>.yaml (format in docs/data-format.md §profiles): the
// provenance of one measurement session on one chip and its tables of measured kernel points.
#include <fmt/format.h>

#include <algorithm>
#include <regex>

#include "detail/loaders.hpp"
#include "detail/profile_points.hpp"
#include "suanli/core/did_you_mean.hpp"

namespace suanli::catalog::detail {
namespace {

// A text that must be present and not empty.
std::string required_text(MapReader& r, const std::string& key) {
  const auto text = r.string(key, true);
  if (text && text->empty()) r.problems().add(r.get(key), r.child_path(key), "must not be empty");
  return text.value_or("");
}

void read_provenance(MapReader& top, const std::set<std::string>& source_keys,
                     hw::ProfileProvenance& p) {
  if (!top.has("provenance")) {
    top.problems().add(top.node(), "provenance",
                       "required key is missing: a profile says who measured it, on which "
                       "device, with which software, when and how");
    return;
  }
  MapReader r(top.get("provenance"), "provenance", top.problems());
  if (!r.valid()) return;
  p.measured_by = required_text(r, "measured_by");
  p.device = required_text(r, "device");
  p.torch = required_text(r, "torch");
  p.runtime = required_text(r, "runtime");
  p.driver = r.string("driver", false).value_or("");
  p.date = required_text(r, "date");
  static const std::regex date_form("^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$");
  if (!p.date.empty() && !std::regex_match(p.date, date_form)) {
    r.problems().add(r.get("date"), "provenance.date",
                     fmt::format("'{}' is not a day (YYYY-MM-DD)", p.date));
  }
  p.method = required_text(r, "method");
  p.command = r.string("command", false).value_or("");
  p.source = required_text(r, "source");
  if (!p.source.empty() && !source_keys.empty() && !source_keys.contains(p.source)) {
    const std::vector<std::string> keys(source_keys.begin(), source_keys.end());
    r.problems().add(r.get("source"), "provenance.source",
                     fmt::format("source '{}' is not listed under 'sources'", p.source),
                     core::did_you_mean(p.source, keys));
  }
  r.finish();
}

std::optional<hw::ChipProfile> load_profile(const SourceFile& file, Problems& problems,
                                            int& chip_line) {
  const std::size_t before = problems.size();
  const auto doc = read_yaml(file, problems);
  if (!doc) return std::nullopt;
  MapReader r(*doc, "", problems);
  if (!r.valid()) return std::nullopt;
  hw::ChipProfile profile;
  profile.sources = read_sources(r);
  profile.chip_id = r.string("chip", true).value_or("");
  chip_line = line_of(r.get("chip"));
  if (!profile.chip_id.empty()) {
    check_id_matches_file(file.path, profile.chip_id, r.get("chip"), problems, "chip");
  }
  read_provenance(r, source_keys(profile.sources), profile.provenance);
  profile.notes = r.string_list("notes");
  read_profile_tables(r, profile);
  r.finish();
  if (problems.size() != before) return std::nullopt;
  if (profile.n_points() == 0) {
    problems.add(r.node(), "(top level)",
                 "no measured point: expected at least one of bandwidth, gemm, attention_prefill, "
                 "attention_decode, moe");
    return std::nullopt;
  }
  return profile;
}

}  // namespace

void load_profile_dir(const CatalogDir& dir, std::vector<hw::ChipProfile>& into,
                      std::vector<ProfileOrigin>& origins, std::vector<core::Problem>& problems) {
  for (const auto& file : yaml_files(dir, "profiles")) {
    Problems p(file.path.string());
    int chip_line = 0;
    if (auto profile = load_profile(file, p, chip_line)) {
      const ProfileOrigin origin{file.path.string(), chip_line, dir.root};
      const auto same = std::find_if(into.begin(), into.end(), [&](const hw::ChipProfile& o) {
        return o.chip_id == profile->chip_id;
      });
      const auto at = static_cast<std::size_t>(same - into.begin());
      if (same == into.end()) {
        into.push_back(std::move(*profile));
        origins.push_back(origin);
      } else if (origins[at].dir == dir.root) {
        p.add_line(chip_line, "chip",
                   fmt::format("a second profile of chip '{}' (also in {})", profile->chip_id,
                               origins[at].file));
      } else {
        // A later catalog directory (--data) re-measures the chip: its profile is the one used.
        *same = std::move(*profile);
        origins[at] = origin;
      }
    }
    for (auto& prob : p.take()) problems.push_back(std::move(prob));
  }
}

void check_profiles(Catalog& cat, const std::vector<ProfileOrigin>& origins,
                    std::vector<core::Problem>& problems) {
  const auto chips = cat.chip_ids();
  for (std::size_t i = 0; i < cat.profiles.size() && i < origins.size(); ++i) {
    const std::string& id = cat.profiles[i].chip_id;
    if (std::binary_search(chips.begin(), chips.end(), id)) continue;
    std::string hint = core::did_you_mean(id, chips);
    for (const Alias& a : cat.aliases) {
      if (a.name == id && std::binary_search(chips.begin(), chips.end(), a.target)) {
        hint = fmt::format("'{}' is an alias: name the catalog id '{}' (file {}.yaml)", id,
                           a.target, a.target);
      }
    }
    problems.push_back(core::Problem{origins[i].file, origins[i].line, "chip",
                                     fmt::format("unknown chip '{}'", id), hint});
  }
  std::sort(
      cat.profiles.begin(), cat.profiles.end(),
      [](const hw::ChipProfile& a, const hw::ChipProfile& b) { return a.chip_id < b.chip_id; });
}

}  // namespace suanli::catalog::detail
