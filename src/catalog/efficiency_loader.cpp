// Strict loader of data/efficiency/*.yaml (format in docs/validation.md §calibration): a header
// naming the workload, suite and fit date, then entries of (family, software, values).
#include <fmt/format.h>

#include "detail/infer_loaders.hpp"
#include "detail/loaders.hpp"
#include "suanli/perf/common/efficiency_fields.hpp"

namespace suanli::catalog::detail {
namespace {

void read_values(MapReader& entry, perf::Efficiency& values) {
  if (!entry.has("values")) {
    entry.problems().add(entry.node(), entry.child_path("values"), "required key is missing");
    return;
  }
  MapReader v(entry.get("values"), entry.child_path("values"), entry.problems());
  if (!v.valid()) return;
  for (const perf::EfficiencyField& f : perf::efficiency_fields()) {
    if (auto x = v.number(f.key, false, f.min, f.max)) values.*(f.member) = *x;
  }
  v.finish();
}

void read_entry(const YAML::Node& node, const std::string& path, const std::string& workload,
                const std::string& fitted_on, Problems& problems,
                std::vector<perf::EfficiencyEntry>& into) {
  MapReader r(node, path, problems);
  if (!r.valid()) return;
  perf::EfficiencyEntry e;
  e.workload = workload;
  e.fitted_on = fitted_on;
  e.family = r.string("family", true).value_or("");
  e.software = r.string("software", true).value_or("");
  r.integer("cases", false, 0, 1000000);
  read_values(r, e.values);
  r.finish();
  if (e.values.band_low > e.values.band_high) {
    problems.add(node, path + ".values", "band_low is above band_high");
  }
  if (!e.family.empty() && !e.software.empty()) into.push_back(std::move(e));
}

void load_file(const SourceFile& file, std::vector<perf::EfficiencyEntry>& into,
               Problems& problems) {
  const auto doc = read_yaml(file, problems);
  if (!doc) return;
  MapReader r(*doc, "", problems);
  if (!r.valid()) return;
  const std::string workload = r.string("workload", true).value_or("");
  if (!workload.empty() && workload != "inference" && workload != "training") {
    problems.add(r.get("workload"), "workload",
                 fmt::format("'{}' is not one of: inference, training", workload));
  }
  const std::string suite = r.string("suite", true).value_or("");
  const std::string date = r.string("fit_date", true).value_or("");
  r.string("procedure", false);
  r.string("objective", false);
  const std::string fitted_on = suite.empty() ? "default" : fmt::format("{} ({})", suite, date);
  if (r.has("entries")) {
    const YAML::Node entries = r.get("entries");
    if (!entries.IsSequence()) {
      problems.add(entries, "entries", "expected a list of entries");
    } else {
      for (std::size_t i = 0; i < entries.size(); ++i) {
        read_entry(entries[i], fmt::format("entries[{}]", i), workload, fitted_on, problems, into);
      }
    }
  } else {
    problems.add(r.node(), "entries", "required key is missing");
  }
  r.finish();
}

}  // namespace

void load_efficiency_dir(const CatalogDir& dir, std::vector<perf::EfficiencyEntry>& into,
                         std::vector<core::Problem>& problems) {
  for (const auto& file : yaml_files(dir, "efficiency")) {
    Problems p(file.path.string());
    const std::size_t before = into.size();
    load_file(file, into, p);
    // Two entries for the same scope would make the lookup ambiguous.
    for (std::size_t i = before; i < into.size(); ++i) {
      for (std::size_t j = 0; j < i; ++j) {
        if (into[i].family == into[j].family && into[i].software == into[j].software &&
            into[i].workload == into[j].workload) {
          p.add_line(0, "entries",
                     fmt::format("duplicate entry for family '{}', software '{}' ({})",
                                 into[i].family, into[i].software, into[i].workload));
        }
      }
    }
    for (auto& prob : p.take()) problems.push_back(std::move(prob));
  }
}

}  // namespace suanli::catalog::detail
