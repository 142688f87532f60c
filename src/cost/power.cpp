#include "suanli/cost/power.hpp"

#include <fmt/format.h>

namespace suanli::cost {

core::Result<ChipPower> chip_power(std::optional<double> tdp_w,
                                   std::optional<double> system_w_per_chip, const Assumptions& a) {
  ChipPower p;
  if (system_w_per_chip && *system_w_per_chip > 0) {
    p.provisioned_it_w = *system_w_per_chip;
    p.basis = "system power";
  } else if (tdp_w && *tdp_w > 0) {
    p.provisioned_it_w = *tdp_w * (1 + a.node_overhead);
    p.basis = "chip TDP + node overhead";
  } else {
    return core::make_error(core::ErrorCode::invalid_input,
                            "power unknown: neither the system's power nor the chip's TDP is "
                            "in the catalog");
  }
  p.mean_it_w = p.provisioned_it_w * a.utilization;
  p.provisioned_facility_w = p.provisioned_it_w * a.pue;
  p.mean_facility_w = p.mean_it_w * a.pue;
  return p;
}

core::Result<ChipPower> chip_power(const hw::Chip& chip, const hw::System* system,
                                   const Assumptions& a) {
  std::optional<double> tdp;
  if (chip.tdp.known()) tdp = chip.tdp.value.value;
  std::optional<double> sys;
  if (system != nullptr && system->power.known() && system->chips > 0) {
    sys = system->power.value.value / system->chips;
  }
  auto p = chip_power(tdp, sys, a);
  if (!p) {
    core::Error e = p.error();
    e.message = fmt::format("{}: {}", system != nullptr ? system->id : chip.id, e.message);
    e.hints.emplace_back("give the chip a tdp in the catalog (or the system a power)");
    return e;
  }
  p->estimate = sys ? !system->power.estimate.empty() : !chip.tdp.estimate.empty();
  return p;
}

double energy_mwh(const ChipPower& p, double chips, double hours) {
  return p.mean_facility_w * chips * hours / 1e6;
}

double tokens_per_joule(double tokens_per_s_per_chip, const ChipPower& p) {
  return p.mean_facility_w > 0 ? tokens_per_s_per_chip / p.mean_facility_w : 0;
}

}  // namespace suanli::cost
