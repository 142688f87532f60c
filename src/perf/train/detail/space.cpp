// Layout search space: enumeration, rule checks and scoring of one work unit.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <numeric>

#include "detail/rules.hpp"
#include "detail/space.hpp"

namespace suanli::perf::detail {
namespace {

std::vector<int> divisors(int n) {
  std::vector<int> out;
  for (int k = 1; static_cast<long long>(k) * k <= n; ++k) {
    if (n % k != 0) continue;
    out.push_back(k);
    if (k != n / k) out.push_back(n / k);
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<int> choices(const std::optional<int>& fixed, const std::vector<int>& all) {
  if (!fixed) return all;
  return {*fixed};
}

// Counts a rejection; the message is formatted only for the first one of each reason in the
// earliest work unit this tally has seen.
template <class Message>
void count(Tally& t, RejectReason r, Message message) {
  const auto i = static_cast<std::size_t>(r);
  ++t.rejected[i];
  if (t.unit < t.example_unit[i]) {
    t.example[i] = message();
    t.example_unit[i] = t.unit;
  }
}

}  // namespace

// Plans the work units (deterministic) and counts the layouts rejected before them.
std::vector<Unit> SearchSpace::plan(Tally& t) const {
  std::vector<Unit> units;
  const int n = p_.cluster.n_chips;
  for (int tp : choices(c_.tp, divisors(n))) {
    TrainingLayout l;
    l.tp = tp;
    if (n % tp != 0) {
      count(t, RejectReason::chips,
            [&] { return fmt::format("tp = {} does not divide {} chips", tp, n); });
      continue;
    }
    if (reject(t, RejectReason::heads, l)) continue;
    for (int cp : choices(c_.cp, divisors(n / tp))) {
      l.cp = cp;
      if ((n / tp) % cp != 0) {
        count(t, RejectReason::chips,
              [&] { return fmt::format("tp*cp = {} does not divide {} chips", tp * cp, n); });
        continue;
      }
      if (reject(t, RejectReason::sequence, l)) continue;
      for (int pp : choices(c_.pp, divisors(n / tp / cp))) {
        l.pp = pp;
        l.dp = n / tp / cp / pp;
        if ((n / tp / cp) % pp != 0) {
          count(t, RejectReason::chips, [&] {
            return fmt::format("tp*cp*pp = {}*{}*{} does not divide {} chips", tp, cp, pp, n);
          });
          continue;
        }
        if (c_.dp && *c_.dp != l.dp) {
          count(t, RejectReason::chips, [&] {
            return fmt::format("tp*cp*pp = {}*{}*{} leaves dp = {}, not the fixed {}", tp, cp, pp,
                               l.dp, *c_.dp);
          });
          continue;
        }
        Unit u{tp, cp, pp, 0};
        u.candidates = static_cast<std::uint64_t>(eps(l).size()) * vpps(pp).size() *
                       micro_batches(l.dp).size() * zeros(l).size();
        units.push_back(u);
      }
    }
  }
  return units;
}

void SearchSpace::run(const Unit& u, Tally& t) const {
  TrainingLayout l;
  l.tp = u.tp, l.cp = u.cp, l.pp = u.pp;
  l.dp = p_.cluster.n_chips / (u.tp * u.cp * u.pp);
  l.schedule = c_.schedule.value_or(PipelineSchedule::one_f_one_b);  // given, never searched
  std::map<std::pair<int, int>, LayerSet> cache;                     // (ep, micro_batch)
  for (int ep : eps(l)) {
    l.ep = ep;
    if (reject(t, RejectReason::experts, l)) continue;
    for (int vpp : vpps(l.pp)) {
      l.vpp = vpp;
      if (reject(t, RejectReason::layers, l)) continue;
      for (int mb : micro_batches(l.dp)) {
        l.micro_batch = mb;
        if (reject(t, RejectReason::batch, l)) continue;
        auto it = cache.find({ep, mb});
        if (it == cache.end()) it = cache.emplace(std::pair{ep, mb}, layer_set(ctx_, l)).first;
        for (int zero : zeros(l)) {
          l.zero = zero;
          if (reject(t, RejectReason::zero_with_pipeline, l)) continue;
          try_recompute(l, it->second, t);
        }
      }
    }
  }
}

// Counts and reports a violation of rule `r`.
bool SearchSpace::reject(Tally& t, RejectReason r, const TrainingLayout& l) const {
  if (!violates(r, p_, l, nullptr)) return false;
  count(t, r, [&] {
    std::string msg;
    violates(r, p_, l, &msg);
    return msg;
  });
  return true;
}

void SearchSpace::try_recompute(TrainingLayout l, const LayerSet& layers, Tally& t) const {
  const auto fits = [&](const TrainingLayout& x) {
    if (memory_of(ctx_, x, layers).fits()) return true;
    count(t, RejectReason::memory, [&] {
      const TrainingMemory m = memory_of(ctx_, x, layers);
      return fmt::format(
          "tp {} pp {} dp {} cp {} ep {} micro-batch {} ZeRO-{} recompute {} "
          "needs {:.1f} GB of {:.1f} GB",
          x.tp, x.pp, x.dp, x.cp, x.ep, x.micro_batch, x.zero, to_string(x.recompute),
          m.total / 1e9, m.capacity / 1e9);
    });
    return false;
  };
  const bool any = !c_.recompute;
  if (any || *c_.recompute == Recompute::none) {
    l.recompute = Recompute::none;
    l.recompute_layers = 0;
    if (fits(l)) {
      score(l, layers, t);
      return;  // recomputing is then only slower
    }
  }
  if (any || *c_.recompute == Recompute::selective) {
    l.recompute = Recompute::selective;
    if (fits(l)) score(l, layers, t);
  }
  if (any || *c_.recompute == Recompute::full) {
    l.recompute = Recompute::full;
    const int k = min_recompute_layers(ctx_, l, layers);
    const int n = max_layers_per_stage(p_.model->n_layers, l.pp);
    l.recompute_layers = (k == 0 || k >= n) ? 0 : k;
    if (k == 0) {
      fits(l);  // counts the rejection
    } else {
      score(l, layers, t);
    }
  }
}

void SearchSpace::score(const TrainingLayout& l, const LayerSet& layers, Tally& t) const {
  Outcome out;
  evaluate(ctx_, l, layers, out);
  ++t.evaluated;
  const Scored s{out.step_time, l};
  const auto top = static_cast<std::size_t>(std::max(1, o_.top_n));
  if (t.best.size() >= top && !(s < t.best.back())) return;
  t.best.insert(std::upper_bound(t.best.begin(), t.best.end(), s), s);
  if (t.best.size() > top) t.best.pop_back();
}

std::vector<int> SearchSpace::eps(const TrainingLayout& l) const {
  if (!p_.model->is_moe()) return choices(c_.ep, {1});
  return choices(c_.ep, divisors(std::gcd(p_.model->n_experts, l.dp * l.cp)));
}
std::vector<int> SearchSpace::vpps(int pp) const {
  if (pp == 1 || c_.schedule == PipelineSchedule::dualpipe) return choices(c_.vpp, {1});
  std::vector<int> v;
  for (int k = 1; k <= std::max(1, o_.max_vpp); ++k) v.push_back(k);
  return choices(c_.vpp, v);
}
std::vector<int> SearchSpace::micro_batches(int dp) const {
  std::vector<int> v;
  const int per_rank = p_.workload.global_batch % dp == 0 ? p_.workload.global_batch / dp : 1;
  for (int k : divisors(per_rank)) {
    if (k <= std::max(1, o_.max_micro_batch)) v.push_back(k);
  }
  return choices(c_.micro_batch, v);
}
std::vector<int> SearchSpace::zeros(const TrainingLayout& l) const {
  if (c_.zero) return {*c_.zero};
  if (l.dp * l.cp == 1) return {0};  // nothing to shard
  return {0, 1, 2, 3};
}

}  // namespace suanli::perf::detail
