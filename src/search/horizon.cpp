#include "suanli/search/horizon.hpp"

#include <fmt/format.h>

#include "suanli/search/plan.hpp"

namespace suanli::search {
namespace {

// Months from `a` to `b`: calendar months plus the leftover days at 365.25 / 12 days a month.
double months_between(const policy::Date& a, const policy::Date& b) {
  return 12.0 * (b.year() - a.year()) + (b.month() - a.month()) + (b.day() - a.day()) / 30.4375;
}

// The row's supply changes dated within the horizon.
std::vector<HorizonEvent> events_of(const PlanRequest& req, const PlanRow& row) {
  std::vector<HorizonEvent> out;
  for (const SupplyChange& c : row.supply_changes) {
    if (months_between(req.destination.date, c.date) >= req.assumptions.horizon_months) break;
    out.push_back(
        HorizonEvent{c.date, c.obtainability, accepted(req.destination, c.obtainability)});
  }
  return out;
}

// True when `row` can be had on `from` and every day after it within the horizon.
bool obtainable_from(const PlanRequest& req, const PlanRow& row, const policy::Date& from) {
  bool ok = row.available;
  for (const HorizonEvent& e : events_of(req, row)) {
    if (e.date <= from) {
      ok = e.obtainable;  // the status on `from`
    } else if (!e.obtainable) {
      return false;
    }
  }
  return ok;
}

// A row that can serve as a replacement: ranked on its merits and priced.
bool serves(const PlanRow& r) {
  return r.feasible && r.priced &&
         (r.status == RowStatus::ok || r.status == RowStatus::over_budget ||
          r.status == RowStatus::over_power);
}

// The port from the stack of `chip` onto the stack of `to`; nullopt when either is unknown.
std::optional<cost::SwitchingCost> port(const PlanRequest& req, const hw::Chip& chip,
                                        const hw::Chip& to) {
  if (req.stacks == nullptr) return std::nullopt;
  const cost::Stack* a = req.stacks->of_vendor(chip.vendor);
  const cost::Stack* b = req.stacks->of_vendor(to.vendor);
  if (a == nullptr || b == nullptr) return std::nullopt;
  cost::SwitchingAsk ask = req.switching.book != nullptr ? req.switching.ask : cost::SwitchingAsk{};
  ask.from = a;
  return cost::switching_cost(*req.stacks, ask, *b, false, 0, 0);
}

std::string compact(double x) {
  if (x >= 1e12) return fmt::format("{:.3g}T", x / 1e12);
  if (x >= 1e9) return fmt::format("{:.3g}B", x / 1e9);
  if (x >= 1e6) return fmt::format("{:.3g}M", x / 1e6);
  if (x >= 1e3) return fmt::format("{:.3g}k", x / 1e3);
  return fmt::format("{:.3g}", x);
}

}  // namespace

void add_horizons(const PlanRequest& req, std::vector<PlanRow>& rows,
                  std::vector<std::string>& notes) {
  if (req.destination.country.empty()) return;
  const double months = req.assumptions.horizon_months;
  bool any = false;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    PlanRow& row = rows[i];
    if (!row.available || !serves(row)) continue;
    RowHorizon h;
    h.events = events_of(req, row);
    double stop = -1;
    double resume = months;
    for (const HorizonEvent& e : h.events) {
      const double at = months_between(req.destination.date, e.date);
      if (stop < 0 && !e.obtainable) {
        stop = at;
        h.stops = e.date;
      } else if (stop >= 0 && e.obtainable) {
        resume = at;
        h.resumes = e.date;
        break;
      }
    }
    if (stop < 0) continue;
    h.horizon_months = months;
    h.failure_rate = req.assumptions.failure_rate;
    cost::HorizonInputs in;
    in.horizon_months = months;
    in.stop_month = stop;
    in.resume_month = resume;
    in.fleet_chips = static_cast<double>(row.fleet.chips);
    in.served_tps = std::min(req.target_tps, row.fleet.capacity_tps);
    in.base_usd = row.switching && !row.switching->stack.empty() ? row.switching->total_usd
                                                                 : row.usd_per_year * months / 12;
    in.failure_rate = h.failure_rate.value;
    const PlanRow* best = nullptr;
    std::size_t best_index = 0;
    for (std::size_t j = 0; j < rows.size(); ++j) {
      const PlanRow& r = rows[j];
      if (j == i || !serves(r) || !obtainable_from(req, r, h.stops)) continue;
      const double k = r.tokens.usd_per_m_output;
      if (best == nullptr || k < best->tokens.usd_per_m_output ||
          (k == best->tokens.usd_per_m_output && r.system < best->system)) {
        best = &r;
        best_index = j;
      }
    }
    if (best != nullptr) {
      h.replacement = best->system;
      h.replacement_usd_per_m = best->tokens.usd_per_m_output;
      in.replacement_usd_per_m = h.replacement_usd_per_m;
      h.port = port(req, *req.systems[i].chip, *req.systems[best_index].chip);
      if (h.port) in.replacement_porting_usd = h.port->porting_usd;
    }
    h.cost = cost::horizon_cost(in);
    row.horizon = std::move(h);
    any = true;
  }
  if (any) {
    notes.push_back(fmt::format(
        "horizon: a chip that stops being obtainable within the {:g}-month horizon is costed and "
        "ranked on its horizon total ($/M horizon): units failing after that day at the failure "
        "rate are replaced by the cheapest system obtainable to the horizon's end "
        "(docs/models/cost.md §horizon)",
        months));
  }
}

std::string horizon_text(const RowHorizon& h, const cost::Currency& cur) {
  const cost::HorizonCost& c = h.cost;
  std::string status = "not obtainable";
  for (const HorizonEvent& e : h.events) {
    if (e.date == h.stops) status = std::string(policy::to_string(e.obtainability));
  }
  std::string text = fmt::format(
      "from {} ({}){}, {:.3g} months without supply: {:.3g}% of the "
      "fleet fails at {:g}%/year{} ({:.0f} chips, {} tok/s stranded)",
      h.stops.to_string(), status, h.resumes ? " to " + h.resumes->to_string() : "",
      c.months_without_supply, c.stranded_fraction * 100, h.failure_rate.value * 100,
      h.failure_rate.estimate.empty() ? "" : " (estimate)", c.stranded_chips,
      compact(c.stranded_tps));
  if (h.replacement.empty()) {
    text += fmt::format("; no obtainable system replaces it: {} tokens not served",
                        compact(c.lost_tokens));
  } else {
    text +=
        fmt::format("; replaced by {} at {}/M: {}", h.replacement,
                    cost::money(h.replacement_usd_per_m, cur), cost::money(c.replacement_usd, cur));
    if (!h.port) {
      text += ", porting cost unknown (no stack for a vendor)";
    } else if (h.port->switching) {
      text += fmt::format(", porting {} -> {} {}", h.port->from, h.port->to,
                          cost::money(h.port->porting_usd, cur));
    }
  }
  return text + fmt::format("; {:g}-month total {}, {}/M", h.horizon_months,
                            cost::money(c.total_usd, cur), cost::money(c.usd_per_m_output, cur));
}

}  // namespace suanli::search
