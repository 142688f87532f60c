#include "suanli/search/switching.hpp"

#include <fmt/format.h>

#include "suanli/cost/chip_hour.hpp"

namespace suanli::search {
namespace {

bool concerns(const cost::StackGap& g, const SwitchingWorkload& w) {
  switch (g.when) {
    case cost::GapWhen::always:
      return true;
    case cost::GapWhen::fp8:
      return w.compute == hw::Dtype::fp8;
    case cost::GapWhen::mla:
      return w.model->kv_lora_rank > 0;
    case cost::GapWhen::moe:
      return w.model->is_moe();
    case cost::GapWhen::training:
      return w.training;
  }
  return false;
}

}  // namespace

RowSwitching row_switching(const SwitchingRequest& req, const SwitchingWorkload& w,
                           const hw::Chip& chip, double usd_per_year, double served_tps,
                           double horizon_months) {
  RowSwitching out;
  out.horizon_months = horizon_months;
  const cost::Stack* to = req.book->of_vendor(chip.vendor);
  if (to == nullptr) return out;
  out.stack = to->id;
  out.cost =
      cost::switching_cost(*req.book, req.ask, *to, w.training, usd_per_year / 12, horizon_months);
  if (out.cost.switching) {
    for (const cost::StackGap& g : to->gaps) {
      if (concerns(g, w)) out.gaps.push_back(g);
    }
  }
  const double years = horizon_months / 12;
  out.total_usd = usd_per_year * years + out.cost.porting_usd + out.cost.ramp_usd;
  const double tokens = served_tps * years * cost::hours_per_year * 3600;
  out.usd_per_m_output = tokens > 0 ? out.total_usd / tokens * 1e6 : 0;
  return out;
}

std::string switching_text(const RowSwitching& s, const cost::Currency& cur) {
  const cost::SwitchingCost& c = s.cost;
  if (!c.switching) return fmt::format("stays on {}: no switching cost", c.to);
  std::string text =
      fmt::format("switching {} -> {}: porting {:g} engineer-months x {} = {}; ramp {} month{} {}",
                  c.from, c.to, c.engineer_months, cost::money(c.usd_per_engineer_month, cur),
                  cost::money(c.porting_usd, cur), c.ramp_months, c.ramp_months == 1 ? "" : "s",
                  cost::money(c.ramp_usd, cur));
  if (c.estimate) text += " (estimates)";
  return text;
}

}  // namespace suanli::search
