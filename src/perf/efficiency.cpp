#include "suanli/perf/efficiency.hpp"

namespace suanli::perf {

Efficiency lookup_efficiency(const std::vector<EfficiencyEntry>& table, const std::string& family,
                             const std::string& software, const std::string& workload) {
  const EfficiencyEntry* best = nullptr;
  int best_score = -1;
  for (const EfficiencyEntry& e : table) {
    if (e.workload != workload) continue;
    const bool family_exact = e.family == family;
    const bool software_exact = e.software == software;
    if (!family_exact && e.family != "*") continue;
    if (!software_exact && e.software != "*") continue;
    const int score = (family_exact ? 2 : 0) + (software_exact ? 1 : 0);
    if (score > best_score) {
      best = &e;
      best_score = score;
    }
  }
  return best != nullptr ? best->values : Efficiency{};
}

}  // namespace suanli::perf
