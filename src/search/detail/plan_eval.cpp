#include "detail/plan_eval.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "suanli/cost/currency.hpp"
#include "suanli/model/model_stats.hpp"
#include "suanli/perf/common/software_profile.hpp"
#include "suanli/perf/infer/memory.hpp"
#include "suanli/perf/infer/search.hpp"
#include "suanli/policy/access.hpp"

namespace suanli::search::detail {
namespace {

constexpr double inf = std::numeric_limits<double>::infinity();
constexpr double weight_share = 0.85;  // share of device memory the weights may take when sizing

// "1 chip" / "8 chips".
std::string chips_text(int chips) {
  return fmt::format("{} chip{}", chips, chips == 1 ? "" : "s");
}

// "64 chips: tp1 dp20 ep20, 1531 seqs", or with split pools "64 chips: prefill 44 [tp1 dp44
// ep11] + decode 20 [tp1 dp20 ep20], 1531 seqs"; ", set by --max-batch" when the request's
// scheduler setting is what set the batch.
std::string config_text(const perf::InferenceEstimate& e, const perf::InferenceWorkload& w) {
  std::string text = fmt::format("{}: {}, {:.0f} seqs", chips_text(e.chips),
                                 perf::deployment_text(e), e.concurrency);
  const std::string_view setting = perf::batch_set_by_request(w, e);
  if (!setting.empty()) text += fmt::format(", set by {}", setting);
  return text;
}

// Cost, power and constraint status of one sized configuration.
void fill_fleet(const PlanRequest& req, const hw::Chip& chip, PlanRow& row,
                const perf::InferenceEstimate& est) {
  const cost::Assumptions& a = req.assumptions;
  const auto chips = static_cast<double>(row.fleet.chips);
  // Tokens are priced at the load the target implies: the fleet is sized in whole units, so it
  // serves the target, not its full capacity.
  const double served = std::min(req.target_tps, row.fleet.capacity_tps);
  row.target_load = served / row.fleet.capacity_tps;
  row.output_tps_per_chip = served / chips;
  const double in_ratio =
      est.output_tokens_per_s > 0 ? est.input_tokens_per_s / est.output_tokens_per_s : 0;
  row.tokens = cost::token_cost(row.hour, row.output_tps_per_chip,
                                row.output_tps_per_chip * in_ratio, row.power);
  const double per_year = chips * row.hour.total() * cost::hours_per_year;
  row.usd_per_year = per_year;
  if (a.mode == cost::CostMode::own) {
    row.capex_usd = row.priced ? chips * row.capex.total_usd() : 0;
    row.commitment_usd = row.capex_usd;
  } else {
    row.commitment_usd = per_year * a.amortization_years;
  }
  row.power_mw = row.powered ? chips * row.power.provisioned_facility_w / 1e6 : 0;
  row.energy_mwh_year = row.powered ? cost::energy_mwh(row.power, chips, cost::hours_per_year) : 0;
  if (req.switching.book != nullptr && row.priced) {
    const SwitchingWorkload w{req.model, req.precision.compute.value_or(req.precision.weights),
                              false};
    row.switching = row_switching(req.switching, w, chip, per_year, served, a.horizon_months);
    if (row.switching->stack.empty()) {
      row.notes.push_back(fmt::format(
          "switching cost unknown: no software stack in data/switching lists vendor '{}'",
          chip.vendor));
    }
  }

  row.status = RowStatus::ok;
  const Constraints& c = req.constraints;
  if (c.budget_usd && row.priced && row.commitment_usd > *c.budget_usd) {
    row.status = RowStatus::over_budget;
    row.reason =
        fmt::format("needs {} {}, over the {} budget", money(row.commitment_usd),
                    a.mode == cost::CostMode::own ? "of capex" : "of rent", money(*c.budget_usd));
  } else if (c.power_w && !row.powered) {
    row.status = RowStatus::over_power;
    row.reason = "power unknown: cannot check the power limit";
  } else if (c.power_w && row.power_mw * 1e6 > *c.power_w) {
    row.status = RowStatus::over_power;
    row.reason =
        fmt::format("needs {:.3g} MW, over the {:.3g} MW limit", row.power_mw, *c.power_w / 1e6);
  }
}

bool better(const PlanRow& a, const PlanRow& b, Objective o) {
  const double ka = objective_key(a, o);
  const double kb = objective_key(b, o);
  if (ka != kb) return ka < kb;
  const double ca = objective_key(a, Objective::cost);
  const double cb = objective_key(b, Objective::cost);
  if (ca != cb) return ca < cb;
  return a.fleet.chips < b.fleet.chips;
}

}  // namespace

std::string money(double usd) {
  return cost::money(usd);
}

double objective_key(const PlanRow& row, Objective objective) {
  if (!row.feasible) return inf;
  switch (objective) {
    case Objective::cost:
      if (!row.priced) return inf;
      // With --from, a row whose stack has no switching data ranks after those that have it.
      if (row.switching && row.switching->stack.empty()) return inf;
      return ranked_usd_per_m(row);
    case Objective::latency:
      return row.tpot_ms;
    case Objective::energy:
      return row.powered && row.tokens.output_tokens_per_joule > 0
                 ? 1.0 / row.tokens.output_tokens_per_joule
                 : inf;
    case Objective::chips:
      return static_cast<double>(row.fleet.chips);
  }
  return inf;
}

std::vector<int> deployment_sizes(const PlanRequest& req, const SystemChoice& sc) {
  const hw::Chip& chip = *sc.chip;
  const int unit = std::max(1, sc.system->chips);
  int start = 1;
  if (chip.memory_capacity.known()) {
    const double capacity = chip.device_memory_bytes();
    std::vector<std::string> ignored;
    const auto profile =
        perf::software_profile(sc.software.empty() ? req.software : sc.software, chip);
    const auto precision =
        perf::resolve_precision(chip, *req.model, req.precision, profile, ignored);
    const double weights = perf::stored_weight_bytes(*req.model, precision);
    const double need = std::ceil(weights / (capacity * weight_share));
    while (start < need && start < (1 << 20)) start *= 2;
  }
  std::vector<int> sizes;
  for (int s = start; static_cast<int>(sizes.size()) < req.max_sizes && s <= (1 << 20); s *= 2) {
    sizes.push_back(s);
  }
  if (unit > start && std::find(sizes.begin(), sizes.end(), unit) == sizes.end() && unit <= 1024) {
    sizes.push_back(unit);
  }
  std::sort(sizes.begin(), sizes.end());
  return sizes;
}

PlanRow evaluate_system(const PlanRequest& req, const SystemChoice& sc,
                        std::vector<PlanRow>& configs) {
  const SystemInputs in = system_inputs(req.destination, req.assumptions, *req.prices, sc);
  const std::string& price_error = in.price_error;
  auto base = row_from_inputs<PlanRow>(sc, in);
  const std::string& software = sc.software.empty() ? req.software : sc.software;
  const perf::Efficiency eff =
      req.efficiency != nullptr
          ? perf::chip_efficiency(*req.efficiency,
                                  req.profiles ? *req.profiles : perf::no_profiles(), *sc.chip,
                                  software, "inference")
                .values
          : perf::Efficiency{};
  std::string first_reason;
  for (int size : deployment_sizes(req, sc)) {
    auto cluster = perf::make_cluster(*sc.system, *sc.chip, size);
    if (!cluster) {
      if (first_reason.empty()) first_reason = cluster.error().message;
      continue;
    }
    perf::InferenceRequest ir;
    ir.model = req.model;
    ir.cluster = *cluster;
    ir.precision = req.precision;
    ir.workload = req.workload;
    ir.software = software;
    ir.efficiency = eff;
    perf::InferenceSearchOptions opt;
    opt.threads = 1;  // the planner runs systems in parallel
    opt.max_pipeline = req.max_pipeline;
    // Split prefill/decode pools are searched as compare does (16+ chips): colocated serving
    // under attention DP stalls every rank's decode for the prompts of one.
    opt.try_disaggregation = req.disaggregation && cluster->n_chips >= 16;
    const perf::InferenceSearchResult found = perf::search_inference(ir, opt);
    const perf::InferenceEstimate& est = found.best;
    if (!est.feasible || !(est.output_tokens_per_s > 0)) {
      if (first_reason.empty()) first_reason = fmt::format("{}: {}", chips_text(size), est.reason);
      continue;
    }
    auto fleet = size_fleet(req.target_tps, est.output_tokens_per_s, est.chips, sc.system->chips);
    if (!fleet) {
      if (first_reason.empty()) first_reason = fleet.error().message;
      continue;
    }
    PlanRow row = base;
    row.feasible = true;
    row.layout = est.layout;
    row.disaggregation = est.disaggregation;
    row.replica_chips = est.chips;
    row.concurrency = est.concurrency;
    if (est.step_tokens_searched) row.step_tokens = est.step_tokens;
    row.config = config_text(est, req.workload);
    row.batch_limit = est.batch_limit;
    row.fleet = *fleet;
    row.ttft_ms = est.ttft_p99_s.value_or(est.ttft_s) * 1e3;
    row.tpot_ms = est.tpot_p99_s.value_or(est.tpot_s) * 1e3;
    for (const auto& n : est.notes) {
      if (std::find(row.notes.begin(), row.notes.end(), n) == row.notes.end()) {
        row.notes.push_back(n);
      }
    }
    fill_fleet(req, *sc.chip, row, est);
    configs.push_back(std::move(row));
  }
  if (configs.empty()) {
    const std::string why = first_reason.empty() ? "no deployment fits" : first_reason;
    if (base.available) {
      base.status = RowStatus::infeasible;
      base.reason = why;
    } else {
      base.status = RowStatus::unavailable;
      base.notes.push_back(why);
    }
    return base;
  }
  // Best configuration that meets the constraints, else the best overall.
  const PlanRow* best = nullptr;
  for (const PlanRow& r : configs) {
    const bool r_ok = r.status == RowStatus::ok;
    const bool best_ok = best != nullptr && best->status == RowStatus::ok;
    if (best == nullptr || (r_ok && !best_ok) ||
        (r_ok == best_ok && better(r, *best, req.objective))) {
      best = &r;
    }
  }
  PlanRow row = *best;
  if (!row.available) {
    row.status = RowStatus::unavailable;
    row.reason = base.reason;
  } else if (!row.priced) {
    row.status = RowStatus::no_price;
    row.reason = price_error;
  }
  return row;
}

}  // namespace suanli::search::detail
