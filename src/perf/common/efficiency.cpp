#include "suanli/perf/common/efficiency.hpp"

#include <algorithm>
#include <cmath>

#include "suanli/perf/common/efficiency_fields.hpp"

namespace suanli::perf {
namespace {

const EfficiencyEntry* find(const std::vector<EfficiencyEntry>& table, const std::string& family,
                            const std::string& software, const std::string& workload) {
  for (const EfficiencyEntry& e : table) {
    if (e.workload == workload && e.family == family && e.software == software) return &e;
  }
  return nullptr;
}

}  // namespace

double Efficiency::gemm_at(double rows) const {
  const double r = std::max(rows, 1.0);
  return gemm * r / (std::ceil(r / gemm_row_tile) * gemm_row_tile);
}

double at_unit_share(double efficiency, double unit_share) {
  const double e = std::clamp(efficiency, 0.0, 1.0);
  const double s = std::max(unit_share, 0.0);
  const double denominator = e + (1.0 - e) * s;
  return denominator > 0 ? e / denominator : 1.0;
}

Efficiency lookup_efficiency(const std::vector<EfficiencyEntry>& table, const std::string& family,
                             const std::string& software, const std::string& workload) {
  if (const auto* e = find(table, family, software, workload)) return e->values;
  const EfficiencyEntry* fam = find(table, family, "*", workload);
  const EfficiencyEntry* sw = find(table, "*", software, workload);
  const EfficiencyEntry* any = find(table, "*", "*", workload);
  // Both effects known but not their combination: the fit is multiplicative per level, so the
  // pair is family x software / global (see docs/validation.md §calibration).
  if (fam != nullptr && sw != nullptr && any != nullptr) {
    Efficiency out = fam->values;
    for (const EfficiencyField& f : efficiency_fields()) {
      const double g = any->values.*(f.member);
      const double v =
          g > 0 ? fam->values.*(f.member) * sw->values.*(f.member) / g : fam->values.*(f.member);
      out.*(f.member) = std::clamp(v, f.min, f.max);
    }
    return out;
  }
  if (fam != nullptr) return fam->values;
  if (sw != nullptr) return sw->values;
  if (any != nullptr) return any->values;
  return Efficiency{};
}

}  // namespace suanli::perf
