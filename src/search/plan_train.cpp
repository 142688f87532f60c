// Training fleet planner (docs/models/cost.md §plan-train): layout search at the smallest
// power-of-two cluster that holds the training state, then the power-of-two cluster that meets
// the days limit (re-searched with the reference layout's degrees, dp free), bought in whole units.
#include "suanli/search/plan_train.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "detail/plan_eval.hpp"
#include "suanli/model/model_stats.hpp"
#include "suanli/perf/common/software_profile.hpp"
#include "suanli/perf/train/search.hpp"
#include "suanli/perf/train/time.hpp"
#include "suanli/search/pareto.hpp"
#include "suanli/search/time_budget.hpp"

namespace suanli::search {
namespace {

constexpr double state_bytes_per_param = 18;  // bf16 weights 2 + fp32 grads 4 + master 4 + Adam 8
constexpr double state_share = 0.8;           // share of memory the state may take when sizing
constexpr int max_doublings = 12;             // growth steps tried before giving up
constexpr double inf = std::numeric_limits<double>::infinity();

std::int64_t pow2_at_least(double x) {
  std::int64_t n = 1;
  while (static_cast<double>(n) < x && n < max_fleet_chips) n *= 2;
  return n;
}

std::string layout_text(const perf::TrainingLayout& l) {
  std::string s = fmt::format("tp{} pp{} dp{}", l.tp, l.pp, l.dp);
  if (l.cp > 1) s += fmt::format(" cp{}", l.cp);
  if (l.ep > 1) s += fmt::format(" ep{}", l.ep);
  if (l.vpp > 1) s += fmt::format(" vpp{}", l.vpp);
  if (l.schedule == perf::PipelineSchedule::dualpipe) s += " dualpipe";
  return s + fmt::format(" mb{} {} zero{}", l.micro_batch, perf::to_string(l.recompute), l.zero);
}

double key(const TrainPlanRow& r, Objective o) {
  if (!r.feasible) return inf;
  switch (o) {
    case Objective::cost:
      return r.priced ? r.run.usd : inf;
    case Objective::latency:
      return r.days;
    case Objective::energy:
      return r.powered ? r.run.energy_mwh : inf;
    case Objective::chips:
      return static_cast<double>(r.chips);
  }
  return inf;
}

core::Result<perf::TrainingEstimate> best_layout(const perf::TrainingProblem& p,
                                                 const perf::LayoutConstraints& c, int threads) {
  perf::SearchOptions opt;
  opt.top_n = 1;
  opt.threads = threads;
  auto found = perf::search_training_layouts(p, c, opt);
  if (!found) return found.error();
  if (found->top.empty()) return core::make_error(core::ErrorCode::infeasible, "no layout fits");
  return found->top.front();
}

// Searches at `n` chips; with `ref`, first with the reference's degrees fixed (dp free).
core::Result<perf::TrainingEstimate> layout_at(const TrainPlanRequest& req, const SystemChoice& sc,
                                               const perf::Efficiency& eff, std::int64_t n,
                                               const perf::TrainingEstimate* ref) {
  auto cluster = perf::make_cluster(*sc.system, *sc.chip, static_cast<int>(n));
  if (!cluster) return cluster.error();
  perf::TrainingProblem p;
  p.model = req.model;
  p.cluster = *cluster;
  p.eff = eff;
  p.workload = req.workload;
  p.pytorch_native = perf::runs_framework_kernels(sc.software.empty() ? req.software : sc.software);
  if (ref != nullptr) {
    const perf::TrainingLayout& l = ref->layout;
    perf::LayoutConstraints c;
    c.tp = l.tp;
    c.pp = l.pp;
    c.cp = l.cp;
    c.ep = l.ep;
    c.vpp = l.vpp;
    c.recompute = l.recompute;
    c.schedule = l.schedule;
    c.zero = l.zero;
    if (auto e = best_layout(p, c, 1)) return e;  // systems run in parallel
  }
  return best_layout(p, {}, 1);
}

TrainPlanRow evaluate(const TrainPlanRequest& req, const SystemChoice& sc) {
  const SystemInputs in = system_inputs(req.destination, req.assumptions, *req.prices, sc);
  auto row = detail::row_from_inputs<TrainPlanRow>(sc, in);
  const auto fail = [&](RowStatus s, std::string why) {
    row.status = row.available ? s : RowStatus::unavailable;
    if (row.available) {
      row.reason = std::move(why);
    } else {
      row.notes.push_back(std::move(why));
    }
    return row;
  };
  const hw::Chip& chip = *sc.chip;
  if (!chip.memory_capacity.known()) return fail(RowStatus::infeasible, "memory capacity unknown");
  const double state = model::count_params(*req.model).total * state_bytes_per_param;
  std::int64_t n = pow2_at_least(state / (chip.device_memory_bytes() * state_share));
  const std::string& software = sc.software.empty() ? req.software : sc.software;
  const perf::Efficiency eff =
      req.efficiency != nullptr
          ? perf::chip_efficiency(*req.efficiency,
                                  req.profiles ? *req.profiles : perf::no_profiles(), chip,
                                  software, "training")
                .values
          : perf::Efficiency{};
  // Reference layout: the smallest power-of-two cluster on which some layout fits.
  core::Result<perf::TrainingEstimate> ref = core::make_error(core::ErrorCode::infeasible, "");
  for (int i = 0; i < 3; ++i, n *= 2) {
    ref = layout_at(req, sc, eff, n, nullptr);
    if (ref) break;
  }
  if (!ref) return fail(RowStatus::infeasible, ref.error().message);
  const double seconds = req.days * 86400;
  const double need = req.tokens / (seconds * ref->tokens_per_s_per_chip);
  std::int64_t size = std::max<std::int64_t>(ref->layout.chips(), pow2_at_least(need));
  perf::TrainingEstimate est = *ref;
  core::Result<perf::TrainingRun> run = perf::time_to_train(est, req.tokens);
  if (!run) return fail(RowStatus::infeasible, run.error().message);
  for (int i = 0; i < max_doublings && run->days > req.days; ++i, size *= 2) {
    if (size > max_fleet_chips) break;
    if (size == ref->layout.chips()) continue;
    auto bigger = layout_at(req, sc, eff, size, &*ref);
    if (!bigger) break;  // the batch cannot spread further: keep the largest that worked
    auto bigger_run = perf::time_to_train(*bigger, req.tokens);
    if (!bigger_run) break;
    est = *bigger;
    run = *bigger_run;
  }
  row.layout = est.layout;
  row.config = layout_text(est.layout);
  row.job_chips = est.layout.chips();
  const int unit = std::max(1, sc.system->chips);
  row.units = (row.job_chips + unit - 1) / unit;
  row.chips = row.units * unit;
  row.days = run->days;
  row.tokens_per_s = est.tokens_per_s;
  row.mfu = est.mfu;
  for (const auto& note : est.notes) row.notes.push_back(note);
  row.run = cost::training_cost(static_cast<int>(row.chips), run->wall_s, row.hour, row.power,
                                req.assumptions.mode == cost::CostMode::own ? &row.capex : nullptr);
  row.power_mw = row.powered ? row.run.facility_mw : 0;
  row.feasible = true;
  if (run->days > req.days) {
    return fail(RowStatus::infeasible,
                fmt::format("{:.0f} days at {} chips, the most the batch and search allow; over "
                            "the {:g}-day limit",
                            run->days, row.job_chips, req.days));
  }
  row.status = RowStatus::ok;
  const Constraints& c = req.constraints;
  const double commitment =
      req.assumptions.mode == cost::CostMode::own ? row.run.cluster_capex_usd : row.run.usd;
  if (!row.available) {
    row.status = RowStatus::unavailable;
  } else if (!row.priced) {
    row.status = RowStatus::no_price;
    row.reason = in.price_error;
  } else if (c.budget_usd && commitment > *c.budget_usd) {
    row.status = RowStatus::over_budget;
    row.reason = fmt::format("needs {}, over the {} budget", detail::money(commitment),
                             detail::money(*c.budget_usd));
  } else if (c.power_w && (!row.powered || row.power_mw * 1e6 > *c.power_w)) {
    row.status = RowStatus::over_power;
    row.reason = row.powered ? fmt::format("needs {:.3g} MW, over the {:.3g} MW limit",
                                           row.power_mw, *c.power_w / 1e6)
                             : "power unknown: cannot check the power limit";
  }
  return row;
}

core::Status check(const TrainPlanRequest& r) {
  const auto bad = [](const char* flag, std::string msg) {
    return core::make_error(core::ErrorCode::invalid_input, fmt::format("{}: {}", flag, msg));
  };
  if (r.model == nullptr || r.prices == nullptr) return bad("--model", "no model or price book");
  if (!(r.tokens > 0) || r.tokens > 1e16) {
    return bad("--tokens", fmt::format("{:g} tokens is outside (0, 1e16]", r.tokens));
  }
  if (!(r.days > 0) || r.days > 3650) {
    return bad("--days", fmt::format("{:g} days is outside (0, 3650]", r.days));
  }
  if (r.workload.seq_len <= 0 || !(r.batch_tokens >= r.workload.seq_len) || r.batch_tokens > 1e9) {
    return bad("--batch-tokens", fmt::format("{:g} tokens per step must be between the sequence "
                                             "length ({}) and 1e9",
                                             r.batch_tokens, r.workload.seq_len));
  }
  PlanRequest shared;  // the budget, power and systems checks of the inference planner
  shared.model = r.model;
  shared.prices = r.prices;
  shared.target_tps = 1;
  shared.systems = r.systems;
  shared.constraints = r.constraints;
  shared.destination = r.destination;
  return check_request(shared);
}

}  // namespace

core::Result<TrainPlanResult> plan_training(const TrainPlanRequest& in) {
  if (auto s = check(in); !s) return s.error();
  if (auto s = check_destination(in.destination); !s) return s.error();
  TrainPlanRequest req = in;
  const double sequences = req.batch_tokens / req.workload.seq_len;
  req.workload.global_batch = static_cast<int>(std::min<std::int64_t>(
      pow2_at_least(std::floor(sequences) >= 1 ? std::floor(sequences) : 1), 1 << 20));
  TrainPlanResult result;
  result.notes = req.assumptions.notes;
  result.notes.push_back(fmt::format("global batch {} sequences of {} tokens (power of two)",
                                     req.workload.global_batch, req.workload.seq_len));
  result.rows.resize(req.systems.size());
  const std::vector<std::size_t> order = largest_first(req.systems.size(), [&](std::size_t i) {
    return static_cast<double>(req.systems[i].system->chips);
  });
  const auto evaluate_one = [&](std::size_t i) { result.rows[i] = evaluate(req, req.systems[i]); };
  if (auto s = evaluate_systems(order, req.threads, req.time_budget_s, req.progress, evaluate_one,
                                {"plan --train", "--systems"});
      !s) {
    return s.error();
  }
  std::stable_sort(result.rows.begin(), result.rows.end(),
                   [&](const TrainPlanRow& a, const TrainPlanRow& b) {
                     if (a.status != b.status) return a.status < b.status;
                     const double ka = key(a, req.objective);
                     const double kb = key(b, req.objective);
                     if (ka != kb) return ka < kb;
                     return a.system < b.system;
                   });
  std::vector<std::vector<double>> pts;
  std::vector<const TrainPlanRow*> ok;
  for (const TrainPlanRow& r : result.rows) {
    if (r.status != RowStatus::ok) continue;
    ++result.n_ok;
    pts.push_back({r.run.usd, r.days});
    ok.push_back(&r);
  }
  for (std::size_t i : pareto_front(pts)) {
    const TrainPlanRow& r = *ok[i];
    result.pareto.push_back(TrainPoint{r.system, r.chips, r.run.usd, r.days, r.power_mw});
  }
  detail::add_deliveries(req.destination, result.rows,
                         [](const TrainPlanRow& r) { return r.chips; });
  detail::supply_notes(req.destination, result.rows, result.notes);
  if (result.n_ok == 0) result.explanation = detail::explain(req.destination, result.rows);
  return result;
}

}  // namespace suanli::search
