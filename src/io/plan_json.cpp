#include "suanli/io/plan_json.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "suanli/io/catalog_json.hpp"
#include "suanli/io/number.hpp"
#include "suanli/io/policy_json.hpp"

namespace suanli::io {
namespace {

using nlohmann::ordered_json;
using search::PlanRow;
using search::RowStatus;

ordered_json num(double x, bool known = true) {
  if (!known) return nullptr;
  return round_sig(x, 6);
}

ordered_json hour_json(const cost::ChipHourCost& h, bool known) {
  if (!known) return nullptr;
  return {{"capex", num(h.capex)},       {"levy", num(h.levy)},   {"energy", num(h.energy)},
          {"facility", num(h.facility)}, {"cloud", num(h.cloud)}, {"total", num(h.total())}};
}

ordered_json notes_json(const std::vector<std::string>& notes) {
  ordered_json out = ordered_json::array();
  for (const auto& n : notes) out.push_back(n);
  return out;
}

std::string cell(double x, bool known, int digits = 4) {
  return known ? format_number(x, digits) : "-";
}

std::string pct(double x) {
  return x > 0 ? format_number(x, 3) : "0";
}

ordered_json obtainability_json(const std::optional<policy::Obtainability>& o) {
  return o ? ordered_json(std::string(policy::to_string(*o))) : ordered_json(nullptr);
}

std::string obtainability_cell(const std::optional<policy::Obtainability>& o) {
  return o ? std::string(policy::to_string(*o)) : "-";
}

// Ranks count only the rows a plan ranks: an unavailable system gets "-".
template <class Row>
std::string rank_cell(const Row& r, int& rank) {
  return r.status == RowStatus::unavailable ? "-" : std::to_string(++rank);
}

// The reason column: every row's reason when a destination was asked (its obtainability and
// why), else only the reason a row is not ok.
template <class Row>
std::string reason_cell(const Row& r) {
  return r.status == RowStatus::ok && !r.obtainability ? "" : r.reason;
}

bool on_front(const std::vector<search::PlanPoint>& front, const PlanRow& r) {
  for (const auto& p : front) {
    if (p.system == r.system && p.config == r.config) return true;
  }
  return false;
}

ordered_json point_json(const search::PlanPoint& p) {
  return {{"system", p.system},        {"config", p.config},
          {"chips", p.chips},          {"cost_per_m_tokens", num(p.cost_per_m_tokens)},
          {"tpot_ms", num(p.tpot_ms)}, {"power_mw", num(p.power_mw)}};
}

// The keys a plan row starts with, inference or training: the system, whether and why it can
// serve, and the configuration it runs (null when infeasible).
template <class Row>
ordered_json row_head_json(const Row& r) {
  ordered_json j;
  j["system"] = r.system;
  j["chip"] = r.chip;
  j["status"] = std::string(search::to_string(r.status));
  j["obtainability"] = obtainability_json(r.obtainability);
  j["available"] = r.available;
  j["reason"] = r.reason;
  ordered_json changes = ordered_json::array();
  for (const auto& c : r.supply_changes) {
    changes.push_back({{"date", c.date.to_string()},
                       {"obtainability", std::string(policy::to_string(c.obtainability))},
                       {"reason", c.reason}});
  }
  j["supply_changes"] = changes;
  j["risks"] = risks_json(r.risks);
  j["config"] = r.feasible ? ordered_json(r.config) : ordered_json(nullptr);
  return j;
}

// The switching lines of a row (--from): null when not asked or the row has no price.
ordered_json switching_json(const std::optional<search::RowSwitching>& s) {
  if (!s) return nullptr;
  const cost::SwitchingCost& c = s->cost;
  const bool known = !s->stack.empty();
  ordered_json gaps = ordered_json::array();
  for (const auto& g : s->gaps) {
    gaps.push_back(
        {{"when", std::string(cost::to_string(g.when))}, {"text", g.text}, {"source", g.source}});
  }
  ordered_json j;
  j["from"] = c.from;
  j["to"] = known ? ordered_json(s->stack) : ordered_json(nullptr);
  j["switching"] = known ? ordered_json(c.switching) : ordered_json(nullptr);
  j["porting"] = {{"engineer_months", num(c.engineer_months, known)},
                  {"usd_per_engineer_month", num(c.usd_per_engineer_month, known)},
                  {"usd", num(c.porting_usd, known)}};
  j["ramp"] = {{"months", known ? ordered_json(c.ramp_months) : ordered_json(nullptr)},
               {"usd", num(c.ramp_usd, known)}};
  j["estimate"] = c.estimate;
  j["basis"] = c.basis;
  j["gaps"] = gaps;
  j["horizon_months"] = num(s->horizon_months);
  j["horizon_usd"] = num(s->total_usd, known);
  j["cost_per_m_tokens"] = num(s->usd_per_m_output, known);
  return j;
}

// The horizon cost of a row whose chip stops being obtainable mid-horizon; null otherwise.
ordered_json horizon_json(const std::optional<search::RowHorizon>& h) {
  if (!h) return nullptr;
  const cost::HorizonCost& c = h->cost;
  ordered_json events = ordered_json::array();
  for (const auto& e : h->events) {
    events.push_back({{"date", e.date.to_string()},
                      {"obtainability", std::string(policy::to_string(e.obtainability))},
                      {"obtainable", e.obtainable}});
  }
  ordered_json j;
  j["events"] = events;
  j["stops"] = h->stops.to_string();
  j["resumes"] = h->resumes ? ordered_json(h->resumes->to_string()) : ordered_json(nullptr);
  j["months_without_supply"] = num(c.months_without_supply);
  j["failure_rate"] = {
      {"value", num(h->failure_rate.value)},
      {"source", h->failure_rate.source},
      {"estimate", h->failure_rate.estimate.empty() ? ordered_json(nullptr)
                                                    : ordered_json(h->failure_rate.estimate)}};
  j["stranded"] = {{"fraction", num(c.stranded_fraction)},
                   {"chips", num(c.stranded_chips)},
                   {"tokens_per_s", num(c.stranded_tps)},
                   {"lost_tokens", num(c.lost_tokens)}};
  const bool replaced = !h->replacement.empty();
  if (replaced) {
    ordered_json port = nullptr;
    if (h->port) {
      port = {{"from", h->port->from},
              {"to", h->port->to},
              {"engineer_months", num(h->port->engineer_months)},
              {"usd", num(h->port->porting_usd)},
              {"estimate", h->port->estimate}};
    }
    j["replacement"] = {{"system", h->replacement},
                        {"cost_per_m_tokens", num(h->replacement_usd_per_m)},
                        {"usd", num(c.replacement_usd)},
                        {"porting", port}};
  } else {
    j["replacement"] = nullptr;
  }
  j["horizon_months"] = num(h->horizon_months);
  j["horizon_usd"] = num(c.total_usd);
  j["cost_per_m_tokens"] = num(c.usd_per_m_output);
  return j;
}

// The delivery facts of a row's chip for the destination and date; null when none bears on it.
ordered_json deliveries_json(const std::optional<search::RowDeliveries>& d) {
  if (!d) return nullptr;
  ordered_json facts = ordered_json::array();
  for (std::size_t i = 0; i < d->facts.size(); ++i) {
    const policy::DeliveryFact& f = d->facts[i];
    ordered_json j;
    j["kind"] = std::string(policy::to_string(f.kind));
    j["reported"] = f.reported.to_string();
    j["from"] = f.from.to_string();
    j["until"] = f.until ? ordered_json(f.until->to_string()) : ordered_json(nullptr);
    const bool volume = f.kind == policy::DeliveryKind::volume;
    j["chips_low"] = num(f.chips_low, volume);
    j["chips_high"] = num(f.chips_high, volume);
    j["fleet_share_low"] = num(d->shares[i] ? d->shares[i]->low : 0, d->shares[i].has_value());
    j["fleet_share_high"] = num(d->shares[i] ? d->shares[i]->high : 0, d->shares[i].has_value());
    j["restart_months"] = f.kind == policy::DeliveryKind::halt && f.restart_months > 0
                              ? ordered_json(f.restart_months)
                              : ordered_json(nullptr);
    j["text"] = f.text;
    j["source"] = f.source;
    j["source_keys"] = f.source_keys;
    j["file"] = fmt::format("deliveries/{}.yaml", f.file);
    j["estimate"] = f.estimate.empty() ? ordered_json(nullptr) : ordered_json(f.estimate);
    facts.push_back(std::move(j));
  }
  ordered_json j;
  j["first_delivery"] =
      d->first_delivery ? ordered_json(d->first_delivery->to_string()) : ordered_json(nullptr);
  j["production_restart"] = d->production_restart ? ordered_json(d->production_restart->to_string())
                                                  : ordered_json(nullptr);
  j["exceeds_volume"] = d->exceeds_volume;
  j["facts"] = facts;
  return j;
}

// One line per fact of every row with deliveries that is not unavailable.
template <class Row, class Chips>
std::vector<std::string> row_deliveries_lines(const std::vector<Row>& rows, Chips chips) {
  std::vector<std::string> out;
  for (const Row& r : rows) {
    if (!r.deliveries || r.status == RowStatus::unavailable) continue;
    for (const std::string& line : search::deliveries_text(*r.deliveries, chips(r))) {
      out.push_back(fmt::format("{}: {}", r.system, line));
    }
  }
  return out;
}

// One line per risk of every row that is not unavailable.
template <class Row>
std::vector<std::string> row_risk_lines(const std::vector<Row>& rows) {
  std::vector<std::string> out;
  for (const Row& r : rows) {
    if (r.status == RowStatus::unavailable) continue;
    for (const policy::Risk& risk : r.risks) {
      out.push_back(risk_line(r.system, risk));
    }
  }
  return out;
}

// A row's money figures in `cur` (null where unknown).
ordered_json in_currency_json(const PlanRow& r, const cost::Currency& cur) {
  const bool priced = r.feasible && r.priced;
  const bool switched = priced && r.switching && !r.switching->stack.empty();
  ordered_json j;
  j["code"] = cur.code;
  j["cost_per_m_tokens"] = num(r.tokens.usd_per_m_output * cur.per_usd, priced);
  j["capex"] = num(r.capex_usd * cur.per_usd, priced);
  j["per_year"] = num(r.usd_per_year * cur.per_usd, priced);
  j["per_chip_hour"] = num(r.hour.total() * cur.per_usd, r.priced);
  if (r.switching) {
    j["porting"] = num(r.switching->cost.porting_usd * cur.per_usd, switched);
    j["ramp"] = num(r.switching->cost.ramp_usd * cur.per_usd, switched);
    j["cost_per_m_tokens_with_switching"] =
        num(r.switching->usd_per_m_output * cur.per_usd, switched);
  }
  if (r.horizon) {
    j["horizon_replacement"] = num(r.horizon->cost.replacement_usd * cur.per_usd);
    j["horizon_porting"] = num(r.horizon->cost.porting_usd * cur.per_usd);
    j["horizon_total"] = num(r.horizon->cost.total_usd * cur.per_usd);
    j["cost_per_m_tokens_over_horizon"] = num(r.horizon->cost.usd_per_m_output * cur.per_usd);
  }
  return j;
}

}  // namespace

ordered_json plan_row_json(const PlanRow& r) {
  const bool f = r.feasible;
  const bool priced = f && r.priced;
  const bool powered = f && r.powered;
  ordered_json j = row_head_json(r);
  j["chips"] = f ? ordered_json(r.fleet.chips) : ordered_json(nullptr);
  j["units"] = f ? ordered_json(r.fleet.units) : ordered_json(nullptr);
  j["replicas"] = f ? ordered_json(r.fleet.replicas) : ordered_json(nullptr);
  j["cost_per_m_tokens"] = num(r.tokens.usd_per_m_output, priced);
  j["cost_per_m_input_tokens"] = num(r.tokens.usd_per_m_input, priced);
  j["capex_usd"] = num(r.capex_usd, priced);
  j["power_mw"] = num(r.power_mw, powered);
  j["tpot_ms"] = num(r.tpot_ms, f);
  j["ttft_ms"] = num(r.ttft_ms, f);
  j["batch_limit"] = f ? ordered_json(perf::to_string(r.batch_limit)) : ordered_json(nullptr);
  j["levy_percent"] = num(r.levy_percent);
  j["output_tokens_per_s"] = num(r.fleet.capacity_tps, f);
  j["output_tokens_per_s_per_chip"] = num(r.output_tps_per_chip, f);
  j["target_load"] = num(r.target_load, f);
  j["tokens_per_joule"] = num(r.tokens.output_tokens_per_joule, powered);
  j["usd_per_chip_hour"] = hour_json(r.hour, r.priced);
  j["usd_per_year"] = num(r.usd_per_year, priced);
  j["switching"] = switching_json(f ? r.switching : std::nullopt);
  j["horizon"] = horizon_json(r.horizon);
  j["deliveries"] = deliveries_json(r.deliveries);
  j["energy_mwh_per_year"] = num(r.energy_mwh_year, powered);
  j["power_basis"] = powered ? ordered_json(r.power.basis) : ordered_json(nullptr);
  j["price_basis"] = r.capex.basis;
  j["price_estimate"] = r.capex.estimate;
  j["notes"] = notes_json(r.notes);
  return j;
}

ordered_json plan_json(const search::PlanResult& res, const cost::Currency& cur) {
  ordered_json j;
  const bool converted = cur.code != "USD";
  if (converted) {
    j["currency"] = {{"code", cur.code},
                     {"per_usd", cur.per_usd},
                     {"rate_date", cur.rate_date},
                     {"source", cur.source}};
  }
  ordered_json rows = ordered_json::array();
  for (const auto& r : res.rows) {
    ordered_json row = plan_row_json(r);
    if (converted) row["in_currency"] = in_currency_json(r, cur);
    rows.push_back(row);
  }
  j["rows"] = rows;
  ordered_json pareto = ordered_json::array();
  for (const auto& p : res.pareto_tpot) pareto.push_back(point_json(p));
  j["pareto"] = pareto;
  ordered_json pareto_power = ordered_json::array();
  for (const auto& p : res.pareto_power) pareto_power.push_back(point_json(p));
  j["pareto_power"] = pareto_power;
  j["explanation"] = res.explanation;
  j["notes"] = notes_json(res.notes);
  return j;
}

Table plan_table(const search::PlanResult& res, const cost::Currency& cur) {
  const bool usd = cur.code == "USD";
  const double k = cur.per_usd;
  const bool switching = std::any_of(res.rows.begin(), res.rows.end(),
                                     [](const PlanRow& r) { return r.switching.has_value(); });
  const bool horizon = std::any_of(res.rows.begin(), res.rows.end(),
                                   [](const PlanRow& r) { return r.horizon.has_value(); });
  Table t;
  t.headers = {"#",       "system", "status", "obtainability", "chips",  "config",
               "$/M out", "capex",  "MW",     "TPOT ms",       "levy %", "reason"};
  if (!usd) {
    t.headers[6] = cur.code + "/M out";
    t.headers[7] = "capex " + cur.code;
  }
  t.right_align = {true, false, false, false, true, false, true, true, true, true, true, false};
  if (switching) {
    t.headers.insert(t.headers.begin() + 7, usd ? "$/M +switch" : cur.code + "/M +switch");
    t.right_align.insert(t.right_align.begin() + 7, true);
  }
  const std::size_t horizon_at = switching ? 8 : 7;
  if (horizon) {
    t.headers.insert(t.headers.begin() + static_cast<std::ptrdiff_t>(horizon_at),
                     usd ? "$/M horizon" : cur.code + "/M horizon");
    t.right_align.insert(t.right_align.begin() + static_cast<std::ptrdiff_t>(horizon_at), true);
  }
  int rank = 0;
  for (const auto& r : res.rows) {
    const bool f = r.feasible;
    std::vector<std::string> row{
        rank_cell(r, rank),
        r.system,
        std::string(search::to_string(r.status)),
        obtainability_cell(r.obtainability),
        f ? std::to_string(r.fleet.chips) : "-",
        f ? r.config : "-",
        cell(r.tokens.usd_per_m_output * k, f && r.priced, 3),
        f && r.priced && r.capex_usd > 0
            ? fmt::format("{}{}M", usd ? "$" : "", format_number(r.capex_usd * k / 1e6, 4))
            : "-",
        cell(r.power_mw, f && r.powered, 3),
        cell(r.tpot_ms, f, 3),
        pct(r.levy_percent),
        reason_cell(r)};
    if (switching) {
      const bool known = f && r.switching && !r.switching->stack.empty();
      row.insert(row.begin() + 7, cell(known ? r.switching->usd_per_m_output * k : 0, known, 3));
    }
    if (horizon) {
      // The cost the row ranks on: its horizon total, else its cost with switching, else $/M.
      const bool known = f && r.priced && (!r.switching || !r.switching->stack.empty());
      row.insert(row.begin() + static_cast<std::ptrdiff_t>(horizon_at),
                 cell(search::ranked_usd_per_m(r) * k, known, 3));
    }
    t.add_row(std::move(row));
  }
  return t;
}

std::vector<std::string> switching_lines(const search::PlanResult& res, const cost::Currency& cur) {
  std::vector<std::string> out;
  for (const auto& r : res.rows) {
    if (!r.feasible || !r.switching || r.status == RowStatus::unavailable) continue;
    const search::RowSwitching& s = *r.switching;
    if (s.stack.empty()) {
      out.push_back(fmt::format("{}: switching cost unknown (no stack for its vendor)", r.system));
      continue;
    }
    out.push_back(fmt::format("{}: {}", r.system, search::switching_text(s, cur)));
    for (const auto& g : s.gaps)
      out.push_back(fmt::format("{}: gap on {}: {}", r.system, s.stack, g.text));
  }
  return out;
}

std::vector<std::string> deliveries_lines(const search::PlanResult& res) {
  return row_deliveries_lines(res.rows, [](const PlanRow& r) { return r.fleet.chips; });
}

std::vector<std::string> deliveries_lines(const search::TrainPlanResult& res) {
  return row_deliveries_lines(res.rows, [](const search::TrainPlanRow& r) { return r.chips; });
}

std::vector<std::string> risk_lines(const search::PlanResult& res) {
  return row_risk_lines(res.rows);
}

std::vector<std::string> risk_lines(const search::TrainPlanResult& res) {
  return row_risk_lines(res.rows);
}

std::vector<std::string> horizon_lines(const search::PlanResult& res, const cost::Currency& cur) {
  std::vector<std::string> out;
  for (const auto& r : res.rows) {
    if (!r.horizon || r.status == RowStatus::unavailable) continue;
    out.push_back(fmt::format("{}: {}", r.system, search::horizon_text(*r.horizon, cur)));
  }
  return out;
}

Table plan_csv_table(const search::PlanResult& res) {
  Table t;
  t.headers = {"rank",
               "system",
               "chip",
               "status",
               "obtainability",
               "available",
               "chips",
               "units",
               "config",
               "cost_per_m_tokens",
               "cost_per_m_input_tokens",
               "usd_per_chip_hour",
               "capex_usd",
               "power_mw",
               "tpot_ms",
               "ttft_ms",
               "tokens_per_joule",
               "levy_percent",
               "pareto_tpot",
               "pareto_power",
               "reason"};
  int rank = 0;
  for (const auto& r : res.rows) {
    const bool f = r.feasible;
    const bool p = f && r.priced;
    const bool w = f && r.powered;
    t.add_row({std::to_string(++rank),
               r.system,
               r.chip,
               std::string(search::to_string(r.status)),
               r.obtainability ? std::string(policy::to_string(*r.obtainability)) : "",
               r.available ? "true" : "false",
               f ? std::to_string(r.fleet.chips) : "",
               f ? std::to_string(r.fleet.units) : "",
               f ? r.config : "",
               p ? format_number(r.tokens.usd_per_m_output, 6) : "",
               p ? format_number(r.tokens.usd_per_m_input, 6) : "",
               r.priced ? format_number(r.hour.total(), 6) : "",
               p ? format_number(r.capex_usd, 6) : "",
               w ? format_number(r.power_mw, 6) : "",
               f ? format_number(r.tpot_ms, 6) : "",
               f ? format_number(r.ttft_ms, 6) : "",
               w ? format_number(r.tokens.output_tokens_per_joule, 6) : "",
               format_number(r.levy_percent, 6),
               on_front(res.pareto_tpot, r) ? "true" : "false",
               on_front(res.pareto_power, r) ? "true" : "false",
               r.reason});
  }
  return t;
}

ordered_json train_plan_json(const search::TrainPlanResult& res) {
  ordered_json rows = ordered_json::array();
  for (const auto& r : res.rows) {
    const bool f = r.feasible;
    const bool p = f && r.priced;
    const bool w = f && r.powered;
    ordered_json j = row_head_json(r);
    j["chips"] = f ? ordered_json(r.chips) : ordered_json(nullptr);
    j["job_chips"] = f ? ordered_json(r.job_chips) : ordered_json(nullptr);
    j["units"] = f ? ordered_json(r.units) : ordered_json(nullptr);
    j["days"] = num(r.days, f);
    j["tokens_per_s"] = num(r.tokens_per_s, f);
    j["mfu"] = num(r.mfu, f);
    j["cost_usd"] = num(r.run.usd, p);
    j["capex_usd"] = num(r.run.cluster_capex_usd, p);
    j["energy_mwh"] = num(r.run.energy_mwh, w);
    j["power_mw"] = num(r.power_mw, w);
    j["levy_percent"] = num(r.levy_percent);
    j["usd_per_chip_hour"] = hour_json(r.hour, r.priced);
    j["spend_usd"] = hour_json(r.run.spend, p);
    j["deliveries"] = deliveries_json(r.deliveries);
    j["notes"] = notes_json(r.notes);
    rows.push_back(j);
  }
  ordered_json pareto = ordered_json::array();
  for (const auto& p : res.pareto) {
    pareto.push_back({{"system", p.system},
                      {"chips", p.chips},
                      {"cost_usd", num(p.usd)},
                      {"days", num(p.days)},
                      {"power_mw", num(p.power_mw)}});
  }
  ordered_json j;
  j["rows"] = rows;
  j["pareto"] = pareto;
  j["explanation"] = res.explanation;
  j["notes"] = notes_json(res.notes);
  return j;
}

Table train_plan_table(const search::TrainPlanResult& res) {
  Table t;
  t.headers = {"#",     "system", "status", "obtainability", "chips", "layout", "days",
               "MFU %", "cost",   "capex",  "MWh",           "MW",    "levy %", "reason"};
  t.right_align = {true, false, false, false, true, false, true,
                   true, true,  true,  true,  true, true,  false};
  int rank = 0;
  for (const auto& r : res.rows) {
    const bool f = r.feasible;
    const bool p = f && r.priced;
    const bool w = f && r.powered;
    t.add_row({rank_cell(r, rank), r.system, std::string(search::to_string(r.status)),
               obtainability_cell(r.obtainability), f ? std::to_string(r.chips) : "-",
               f ? r.config : "-", cell(r.days, f, 3), cell(r.mfu * 100, f, 3),
               p ? fmt::format("${}M", format_number(r.run.usd / 1e6, 4)) : "-",
               p && r.run.cluster_capex_usd > 0
                   ? fmt::format("${}M", format_number(r.run.cluster_capex_usd / 1e6, 4))
                   : "-",
               cell(r.run.energy_mwh, w, 4), cell(r.power_mw, w, 3), pct(r.levy_percent),
               reason_cell(r)});
  }
  return t;
}

}  // namespace suanli::io
