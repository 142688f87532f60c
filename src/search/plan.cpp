#include "suanli/search/plan.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "detail/plan_eval.hpp"
#include "suanli/search/pareto.hpp"
#include "suanli/search/time_budget.hpp"

namespace suanli::search {
namespace {

constexpr std::array status_names{"ok",          "over_budget", "over_power",
                                  "unavailable", "no_price",    "infeasible"};

std::vector<PlanPoint> front(const std::vector<const PlanRow*>& rows, bool vs_power) {
  std::vector<std::vector<double>> pts;
  std::vector<const PlanRow*> used;
  for (const PlanRow* r : rows) {
    if (vs_power && !r->powered) continue;
    pts.push_back({r->tokens.usd_per_m_output, vs_power ? r->power_mw : r->tpot_ms});
    used.push_back(r);
  }
  std::vector<PlanPoint> out;
  for (std::size_t i : pareto_front(pts)) {
    const PlanRow& r = *used[i];
    out.push_back(PlanPoint{r.system, r.config, r.fleet.chips, r.tokens.usd_per_m_output, r.tpot_ms,
                            r.power_mw});
  }
  return out;
}

}  // namespace

double ranked_usd_per_m(const PlanRow& r) {
  if (r.horizon) return r.horizon->cost.usd_per_m_output;
  return r.switching ? r.switching->usd_per_m_output : r.tokens.usd_per_m_output;
}

std::string_view to_string(RowStatus s) {
  return status_names[static_cast<std::size_t>(s)];
}

core::Result<PlanResult> plan_inference(const PlanRequest& req) {
  if (auto s = check_request(req); !s) return s.error();
  if (auto s = check_destination(req.destination); !s) return s.error();
  PlanResult result;
  result.notes = req.assumptions.notes;
  const std::size_t n = req.systems.size();
  std::vector<PlanRow> rows(n);
  std::vector<std::vector<PlanRow>> sized(n);
  const std::vector<std::size_t> order = largest_first(
      n, [&](std::size_t i) { return static_cast<double>(req.systems[i].system->chips); });
  const auto evaluate = [&](std::size_t i) {
    rows[i] = detail::evaluate_system(req, req.systems[i], sized[i]);
  };
  if (auto s = evaluate_systems(order, req.threads, req.time_budget_s, req.progress, evaluate,
                                {"plan", "--systems, --max-sizes or --max-pipeline"});
      !s) {
    return s.error();
  }
  add_horizons(req, rows, result.notes);
  detail::add_deliveries(req.destination, rows, [](const PlanRow& r) { return r.fleet.chips; });
  std::vector<PlanRow> configs;
  for (std::size_t i = 0; i < n; ++i) {
    for (PlanRow& c : sized[i]) {
      if (c.available && c.priced && c.status == RowStatus::ok) configs.push_back(std::move(c));
    }
    result.rows.push_back(std::move(rows[i]));
  }
  std::stable_sort(result.rows.begin(), result.rows.end(), [&](const PlanRow& a, const PlanRow& b) {
    if (a.status != b.status) return a.status < b.status;
    const double ka = detail::objective_key(a, req.objective);
    const double kb = detail::objective_key(b, req.objective);
    if (ka != kb) return ka < kb;
    return a.system < b.system;
  });
  for (const PlanRow& r : result.rows) result.n_ok += r.status == RowStatus::ok ? 1 : 0;
  std::vector<const PlanRow*> points;
  points.reserve(configs.size());
  for (const PlanRow& c : configs) points.push_back(&c);
  result.pareto_tpot = front(points, false);
  result.pareto_power = front(points, true);
  detail::supply_notes(req.destination, result.rows, result.notes);
  if (result.n_ok == 0) result.explanation = detail::explain(req.destination, result.rows);
  return result;
}

}  // namespace suanli::search
