#include "detail/measured_anchor.hpp"

#include <cmath>

#include "suanli/perf/common/measured_efficiency.hpp"

namespace suanli::validate::detail {
namespace {

struct LogMean {
  double sum = 0;
  int n = 0;
  void add(const std::optional<double>& v) {
    if (!v || *v <= 0) return;
    sum += std::log(*v);
    ++n;
  }
  std::optional<double> value() const {
    if (n == 0) return std::nullopt;
    return std::exp(sum / n);
  }
};

}  // namespace

std::optional<double> MeasuredRates::of(double perf::Efficiency::*member) const {
  if (member == &perf::Efficiency::gemm) return gemm;
  if (member == &perf::Efficiency::narrow_gemm) return narrow_gemm;
  return std::nullopt;
}

std::map<std::string, MeasuredRates> measured_rates_by_family(const catalog::Catalog& cat) {
  std::map<std::string, std::pair<LogMean, LogMean>> sums;
  for (const hw::ChipProfile& profile : cat.profiles) {
    const auto chip = cat.find_chip(profile.chip_id);
    if (!chip) continue;
    const hw::Chip& c = *chip->item;
    if (!c.compute_units.known() || c.unit_matrix_share < 1.0) continue;
    const perf::MeasuredKernels m = perf::measured_kernels(c, profile);
    if (!m.gemm) continue;
    auto& [gemm, narrow] = sums[c.family];
    gemm.add(m.gemm);
    narrow.add(m.narrow_gemm);
  }
  std::map<std::string, MeasuredRates> out;
  for (const auto& [family, s] : sums) out[family] = {s.first.value(), s.second.value()};
  return out;
}

}  // namespace suanli::validate::detail
