#include "suanli/io/efficiency_yaml.hpp"

#include <fmt/format.h>

#include "suanli/io/number.hpp"
#include "suanli/perf/common/efficiency_fields.hpp"

namespace suanli::io {

std::string efficiency_yaml(const EfficiencyFile& f) {
  std::string out;
  for (const auto& c : f.comments) out += c.empty() ? "#\n" : "# " + c + "\n";
  out += fmt::format("workload: {}\n", f.workload);
  out += fmt::format("suite: {}\n", f.suite);
  out += fmt::format("fit_date: \"{}\"\n", f.fit_date);
  out += fmt::format("procedure: \"{}\"\n", f.procedure);
  out += fmt::format("objective: \"{}\"\n", f.objective);
  out += "entries:\n";
  for (std::size_t i = 0; i < f.entries.size(); ++i) {
    const perf::EfficiencyEntry& e = f.entries[i];
    out += fmt::format("  - family: \"{}\"\n    software: \"{}\"\n", e.family, e.software);
    if (i < f.entry_cases.size()) out += fmt::format("    cases: {}\n", f.entry_cases[i]);
    out += "    values:\n";
    for (const perf::EfficiencyField& field : perf::efficiency_fields()) {
      out += fmt::format("      {}: {}\n", field.key, round_sig(e.values.*(field.member), 4));
    }
  }
  return out;
}

}  // namespace suanli::io
