// The calibration fit (docs/validation.md §calibration).
#include "suanli/validate/calibrate.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <optional>
#include <span>

#include "detail/calibrate_params.hpp"
#include "detail/case_mapping.hpp"
#include "detail/measured_anchor.hpp"
#include "suanli/core/parallel_for.hpp"

namespace suanli::validate {
namespace {

using detail::Level;
using detail::Param;

struct Group {
  std::string family, software;  // "*" = any
  double ridge = 0;
  unsigned level = Level::global;    // Level bit of this group
  std::vector<double> delta;         // log-multiplier per param
  std::vector<std::size_t> members;  // case indices
};

struct FitCase {
  const Case* c;
  double weight;
  std::array<std::size_t, 4> groups;                // global, family, software, pair
  const detail::MeasuredRates* measured = nullptr;  // the family's measured rates, if any
  double residual = 0;                              // log(pred / measured)
  bool ok = false;
};

double huber(double r, double d) {
  const double a = std::fabs(r);
  return a <= d ? 0.5 * r * r : d * (a - 0.5 * d);
}

// The efficiency of the groups on one path (global, family, software stack, pair; any subset):
// per fitted field, the prior x exp(sum of their deltas), capped. A field the family measured is
// the measurement x exp(the stack's and the pair's deltas): their effect on it, not the family's.
perf::Efficiency path_efficiency(const std::vector<Param>& ps, std::span<const Group* const> path,
                                 const detail::MeasuredRates* measured) {
  perf::Efficiency e;
  for (std::size_t k = 0; k < ps.size(); ++k) {
    double delta = 0;
    double stack_delta = 0;
    for (const Group* g : path) {
      delta += g->delta[k];
      if (g->software != "*") stack_delta += g->delta[k];
    }
    const std::optional<double> m = measured ? measured->of(ps[k].member) : std::nullopt;
    const double v = m ? *m * std::exp(stack_delta) : e.*(ps[k].member) * std::exp(delta);
    e.*(ps[k].member) = std::min(v, ps[k].cap);
  }
  return e;
}

class Fitter {
 public:
  Fitter(std::vector<FitCase> cases, std::vector<Group> groups, const catalog::Catalog& cat,
         const CalibrationOptions& opt, std::map<std::string, detail::MeasuredRates> measured)
      : cases_(std::move(cases)),
        groups_(std::move(groups)),
        cat_(cat),
        opt_(opt),
        params_(detail::calibration_params(opt.workload)),
        measured_(std::move(measured)) {
    for (std::size_t i = 0; i < cases_.size(); ++i) {
      for (std::size_t g : cases_[i].groups) groups_[g].members.push_back(i);
    }
    std::vector<std::size_t> all(cases_.size());
    for (std::size_t i = 0; i < all.size(); ++i) all[i] = i;
    evaluate(all);
  }

  // Sweeps until the stop rules hold; false when options.cancel stopped it.
  bool run(CalibrationFit& fit) {
    const std::size_t n_params = params_.size();
    std::vector<std::vector<double>> step(groups_.size(), std::vector<double>(n_params, 0.4));
    core::ProgressCounter counter(opt_.progress, static_cast<std::size_t>(opt_.max_sweeps));
    double current = objective();
    for (int sweep = 0; sweep < opt_.max_sweeps; ++sweep) {
      const double start = current;
      for (std::size_t g = 0; g < groups_.size(); ++g) {
        for (std::size_t k = 0; k < n_params; ++k) {
          if (core::cancelled(opt_.cancel)) return false;
          current = move(g, k, step[g][k], current);
        }
      }
      fit.sweeps = sweep + 1;
      counter.item_done();
      if (start - current < opt_.tolerance) break;
    }
    fit.objective = current;
    fit.evaluations = evaluations_;
    fit.cases = static_cast<int>(cases_.size());
    return true;
  }

  const std::vector<Group>& groups() const { return groups_; }
  const std::vector<Param>& params() const { return params_; }

 private:
  // Pattern search on one coordinate: try +/- step, keep going while it improves, else shrink.
  double move(std::size_t g, std::size_t k, double& step, double current) {
    if (groups_[g].members.empty() || (params_[k].levels & groups_[g].level) == 0) return current;
    if (const auto m = measured_.find(groups_[g].family);
        m != measured_.end() && m->second.of(params_[k].member)) {
      return current;  // the family's value is measured, not fitted
    }
    for (int dir : {+1, -1}) {
      bool improved = false;
      for (int tries = 0; tries < 4; ++tries) {
        const double before = groups_[g].delta[k];
        groups_[g].delta[k] = before + dir * step;
        const double next = objective_after(g);
        if (next < current - 1e-12) {
          current = next;
          improved = true;
        } else {
          groups_[g].delta[k] = before;
          evaluate(groups_[g].members);
          break;
        }
      }
      if (improved) return current;
    }
    step = std::max(0.02, step * 0.5);
    return current;
  }

  double objective_after(std::size_t g) {
    evaluate(groups_[g].members);
    return objective();
  }

  // MAP objective: quality-weighted Huber on the residual in units of the expected noise, plus
  // Gaussian priors (0.5 ridge z^2) on every group's log-multipliers.
  double objective() const {
    double data = 0;
    for (const FitCase& c : cases_) {
      const double z = c.ok ? c.residual / opt_.noise : 5.0;
      data += c.weight * huber(z, opt_.huber_delta);
    }
    double penalty = 0;
    for (const Group& g : groups_) {
      for (std::size_t k = 0; k < g.delta.size(); ++k) {
        const double z = g.delta[k] / params_[k].sigma;
        penalty += 0.5 * g.ridge * z * z;
      }
    }
    return data + penalty;
  }

  void evaluate(const std::vector<std::size_t>& which) {
    core::parallel_for(which.size(), opt_.threads, [&](std::size_t j) {
      FitCase& fc = cases_[which[j]];
      std::array<const Group*, 4> path{};
      for (std::size_t level = 0; level < path.size(); ++level) {
        path[level] = &groups_[fc.groups[level]];
      }
      const perf::EfficiencyEntry e{"*", "*", opt_.workload,
                                    path_efficiency(params_, path, fc.measured), "fit"};
      const Prediction p = predict_case(*fc.c, cat_, {e});
      fc.ok = p.predicted && p.value > 0;
      fc.residual = fc.ok ? std::log(p.value / fc.c->value) : 0.0;
    });
    evaluations_ += static_cast<int>(which.size());
  }

  std::vector<FitCase> cases_;
  std::vector<Group> groups_;
  const catalog::Catalog& cat_;
  const CalibrationOptions& opt_;
  const std::vector<Param>& params_;
  const std::map<std::string, detail::MeasuredRates> measured_;
  int evaluations_ = 0;
};

std::size_t group_index(std::vector<Group>& groups, const std::string& f, const std::string& s,
                        double ridge, std::size_t n_params) {
  for (std::size_t i = 0; i < groups.size(); ++i) {
    if (groups[i].family == f && groups[i].software == s) return i;
  }
  using enum Level;
  const unsigned level = f == "*" ? (s == "*" ? global : software) : (s == "*" ? family : pair);
  groups.push_back(Group{f, s, ridge, level, std::vector<double>(n_params, 0.0), {}});
  return groups.size() - 1;
}

}  // namespace

KindFilter calibration_filter(const CalibrationOptions& o) {
  return o.workload == "training" ? KindFilter::training : KindFilter::inference;
}

double case_weight(const Case& c, const CalibrationOptions& o) {
  if (c.quality == "high") return o.weight_high;
  if (c.quality == "medium") return o.weight_medium;
  return o.weight_low;
}

CalibrationFit calibrate(const std::vector<const Case*>& cases, const catalog::Catalog& cat,
                         const CalibrationOptions& opt) {
  const std::size_t n_params = detail::calibration_params(opt.workload).size();
  const KindFilter filter = calibration_filter(opt);
  std::vector<Group> groups;
  group_index(groups, "*", "*", opt.ridge_global, n_params);
  std::vector<FitCase> fit_cases;
  const std::map<std::string, detail::MeasuredRates> measured =
      detail::measured_rates_by_family(cat);
  CalibrationFit fit;
  for (const Case* c : cases) {
    if (core::cancelled(opt.cancel)) {
      fit.cancelled = true;
      return fit;
    }
    if (!selected(*c, filter) || case_weight(*c, opt) <= 0) continue;
    auto chip = cat.find_chip(c->system.chip);
    if (!chip) continue;
    if (!predict_case(*c, cat, {}).predicted) continue;  // not predictable with any table
    const std::string& fam = chip->item->family;
    FitCase fc{c, case_weight(*c, opt), {0, 0, 0, 0}};
    if (const auto m = measured.find(fam); m != measured.end()) fc.measured = &m->second;
    fc.groups[1] = group_index(groups, fam, "*", opt.ridge_family, n_params);
    const std::string stack = detail::case_stack(*c);
    fc.groups[2] = group_index(groups, "*", stack, opt.ridge_software, n_params);
    fc.groups[3] = group_index(groups, fam, stack, opt.ridge_pair, n_params);
    fit_cases.push_back(fc);
  }
  // Order: global, families, software stacks, pairs (coarse effects settle first).
  Fitter fitter(std::move(fit_cases), std::move(groups), cat, opt, measured);
  if (!fitter.run(fit)) {
    fit.cancelled = true;
    return fit;
  }
  const auto& gs = fitter.groups();
  auto level = [](const Group& g) {
    return (g.family == "*" ? 0 : 1) + (g.software == "*" ? 0 : 2);
  };
  std::vector<std::size_t> order(gs.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    if (level(gs[a]) != level(gs[b])) return level(gs[a]) < level(gs[b]);
    return std::tie(gs[a].family, gs[a].software) < std::tie(gs[b].family, gs[b].software);
  });
  for (std::size_t i : order) {
    const Group& g = gs[i];
    // Entry value: the multipliers along its path, the group and its ancestors (global, family,
    // software stack), as a case of that family and stack sees them.
    std::vector<const Group*> path{&g};
    for (const Group& other : gs) {
      if (&other == &g) continue;
      const bool ancestor = (other.family == "*" || other.family == g.family) &&
                            (other.software == "*" || other.software == g.software) &&
                            level(other) < level(g) && (level(other) & level(g)) == level(other);
      if (ancestor) path.push_back(&other);
    }
    const auto m = measured.find(g.family);
    const detail::MeasuredRates* rates = m == measured.end() ? nullptr : &m->second;
    fit.table.push_back(perf::EfficiencyEntry{
        g.family, g.software, opt.workload, path_efficiency(fitter.params(), path, rates), "fit"});
    fit.entry_cases.push_back(static_cast<int>(g.members.size()));
  }
  return fit;
}

}  // namespace suanli::validate
