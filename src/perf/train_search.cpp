// Exhaustive layout search (docs/models/training.md, "Layout search"). The (tp, cp, pp) triples
// are planned in a fixed order on the calling thread; workers take them in turn and keep their own
// best layouts and rejection counts, merged at the end in a total order, so the result does not
// depend on thread timing unless the time budget cuts the search short.
#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <map>
#include <numeric>
#include <thread>
#include <tuple>

#include "detail/train_eval.hpp"
#include "detail/train_rules.hpp"
#include "suanli/perf/training_search.hpp"

namespace suanli::perf {
namespace {

using Clock = std::chrono::steady_clock;

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

auto order_key(const TrainingLayout& l) {
  return std::make_tuple(l.tp, l.pp, l.dp, l.cp, l.ep, l.vpp, l.micro_batch, l.zero,
                         static_cast<int>(l.recompute), l.recompute_layers);
}

struct Scored {
  double step_time = 0;
  TrainingLayout layout;
  bool operator<(const Scored& o) const {
    if (step_time != o.step_time) return step_time < o.step_time;
    return order_key(layout) < order_key(o.layout);
  }
};

struct Unit {
  int tp = 1, cp = 1, pp = 1;
  std::uint64_t candidates = 0;  // (ep, vpp, micro-batch, zero) combinations
};

// Results of one worker.
struct Tally {
  std::vector<Scored> best;  // sorted, at most top_n
  std::uint64_t evaluated = 0;
  std::array<std::uint64_t, all_reject_reasons.size()> rejected{};
  std::array<std::string, all_reject_reasons.size()> example;
};

class Search {
 public:
  Search(const TrainingProblem& p, const LayoutConstraints& c, const SearchOptions& o)
      : p_(p), c_(c), o_(o), ctx_(detail::make_eval_context(p)) {}

  // Plans the work units (deterministic) and counts the layouts rejected before them.
  std::vector<Unit> plan(Tally& t) const {
    std::vector<Unit> units;
    const int n = p_.cluster.n_chips;
    for (int tp : choices(c_.tp, divisors(n))) {
      TrainingLayout l;
      l.tp = tp;
      if (n % tp != 0) {
        count(t, RejectReason::chips, [&] { return fmt::format("tp = {} does not divide {} chips", tp, n); });
        continue;
      }
      if (reject(t, RejectReason::heads, l)) continue;
      for (int cp : choices(c_.cp, divisors(n / tp))) {
        l.cp = cp;
        if ((n / tp) % cp != 0) {
          count(t, RejectReason::chips, [&] { return fmt::format("tp*cp = {} does not divide {} chips", tp * cp, n); });
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

  void run(const Unit& u, Tally& t) const {
    TrainingLayout l;
    l.tp = u.tp, l.cp = u.cp, l.pp = u.pp;
    l.dp = p_.cluster.n_chips / (u.tp * u.cp * u.pp);
    std::map<std::pair<int, int>, detail::LayerSet> cache;  // (ep, micro_batch)
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
          if (it == cache.end()) it = cache.emplace(std::pair{ep, mb}, detail::layer_set(ctx_, l)).first;
          for (int zero : zeros(l)) {
            l.zero = zero;
            if (reject(t, RejectReason::zero_with_pipeline, l)) continue;
            try_recompute(l, it->second, t);
          }
        }
      }
    }
  }

 private:
  // Counts a rejection; the message is formatted only for the first one of each reason.
  template <class Message>
  static void count(Tally& t, RejectReason r, Message message) {
    const auto i = static_cast<std::size_t>(r);
    if (t.rejected[i]++ == 0) t.example[i] = message();
  }

  // Counts and reports a violation of rule `r`.
  bool reject(Tally& t, RejectReason r, const TrainingLayout& l) const {
    if (!detail::violates(r, p_, l, nullptr)) return false;
    count(t, r, [&] {
      std::string msg;
      detail::violates(r, p_, l, &msg);
      return msg;
    });
    return true;
  }

  void try_recompute(TrainingLayout l, const detail::LayerSet& layers, Tally& t) const {
    const auto fits = [&](const TrainingLayout& x) {
      if (detail::memory_of(ctx_, x, layers).fits()) return true;
      count(t, RejectReason::memory, [&] {
        const TrainingMemory m = detail::memory_of(ctx_, x, layers);
        return fmt::format("tp {} pp {} dp {} cp {} ep {} micro-batch {} ZeRO-{} recompute {} "
                                   "needs {:.1f} GB of {:.1f} GB", x.tp, x.pp, x.dp, x.cp,
                                   x.ep, x.micro_batch, x.zero, to_string(x.recompute),
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
      const int k = detail::min_recompute_layers(ctx_, l, layers);
      const int n = max_layers_per_stage(p_.model->n_layers, l.pp);
      l.recompute_layers = (k == 0 || k >= n) ? 0 : k;
      if (k == 0) {
        fits(l);  // counts the rejection
      } else {
        score(l, layers, t);
      }
    }
  }

  void score(const TrainingLayout& l, const detail::LayerSet& layers, Tally& t) const {
    detail::Outcome out;
    detail::evaluate(ctx_, l, layers, out);
    ++t.evaluated;
    const Scored s{out.step_time, l};
    const auto top = static_cast<std::size_t>(std::max(1, o_.top_n));
    if (t.best.size() >= top && !(s < t.best.back())) return;
    t.best.insert(std::upper_bound(t.best.begin(), t.best.end(), s), s);
    if (t.best.size() > top) t.best.pop_back();
  }

  std::vector<int> eps(const TrainingLayout& l) const {
    if (!p_.model->is_moe()) return choices(c_.ep, {1});
    return choices(c_.ep, divisors(std::gcd(p_.model->n_experts, l.dp * l.cp)));
  }
  std::vector<int> vpps(int pp) const {
    if (pp == 1) return choices(c_.vpp, {1});
    std::vector<int> v;
    for (int k = 1; k <= std::max(1, o_.max_vpp); ++k) v.push_back(k);
    return choices(c_.vpp, v);
  }
  std::vector<int> micro_batches(int dp) const {
    std::vector<int> v;
    const int per_rank = p_.workload.global_batch % dp == 0 ? p_.workload.global_batch / dp : 1;
    for (int k : divisors(per_rank)) {
      if (k <= std::max(1, o_.max_micro_batch)) v.push_back(k);
    }
    return choices(c_.micro_batch, v);
  }
  std::vector<int> zeros(const TrainingLayout& l) const {
    if (c_.zero) return {*c_.zero};
    if (l.dp * l.cp == 1) return {0};  // nothing to shard
    return {0, 1, 2, 3};
  }

  const TrainingProblem& p_;
  const LayoutConstraints& c_;
  const SearchOptions& o_;
  detail::EvalContext ctx_;
};

}  // namespace

core::Status check_constraints(const TrainingProblem& p, const LayoutConstraints& c) {
  if (auto st = check_problem(p); !st) return st.error();
  const int n = p.cluster.n_chips;
  const model::ModelArch& m = *p.model;
  std::vector<core::Problem> problems;
  const auto add = [&](const char* key, std::string msg) {
    problems.push_back(core::Problem{"", 0, key, std::move(msg), ""});
  };
  const auto rule = [&](const char* key, RejectReason r, const TrainingLayout& l) {
    std::string msg;
    if (detail::violates(r, p, l, &msg)) add(key, msg);
  };
  long long product = 1;
  for (auto [key, value] : {std::pair{"tp", c.tp}, {"pp", c.pp}, {"dp", c.dp}, {"cp", c.cp},
                            {"ep", c.ep}, {"vpp", c.vpp}, {"micro_batch", c.micro_batch}}) {
    if (!value) continue;
    if (*value < 1 || *value > 1'000'000) {
      add(key, fmt::format("{} is outside 1..1000000", *value));
      return core::make_error(core::ErrorCode::invalid_input, "layout not possible", problems.back());
    }
    const std::string_view k = key;
    if (k == "tp" || k == "pp" || k == "dp" || k == "cp") {
      if (n % *value != 0) add(key, fmt::format("{} does not divide the {} chips", *value, n));
      product *= *value;
    }
  }
  if (c.tp && c.pp && c.dp && c.cp && product != n) {
    add("chips", fmt::format("tp*pp*dp*cp = {}*{}*{}*{} = {} but the job has {} chips", *c.tp, *c.pp,
                             *c.dp, *c.cp, product, n));
  } else if (problems.empty() && n % product != 0) {
    add("chips", fmt::format("the fixed degrees multiply to {}, which does not divide {} chips", product, n));
  }
  TrainingLayout l;
  if (c.tp) l.tp = *c.tp, rule("tp", RejectReason::heads, l), l.tp = 1;
  if (c.pp) {
    l.pp = *c.pp, l.vpp = c.vpp.value_or(1);
    rule("pp", RejectReason::layers, l);
    l.pp = 1, l.vpp = 1;
  } else if (c.vpp && *c.vpp > m.n_layers) {
    add("vpp", fmt::format("{} virtual stages exceed the {} layers", *c.vpp, m.n_layers));
  }
  if (c.cp) l.cp = *c.cp, rule("cp", RejectReason::sequence, l), l.cp = 1;
  if (c.ep) {
    if (*c.ep > 1 && !m.is_moe()) add("ep", fmt::format("ep = {} on a dense model", *c.ep));
    if (m.is_moe() && m.n_experts % *c.ep != 0) {
      add("ep", fmt::format("{} experts are not divisible by ep = {}", m.n_experts, *c.ep));
    }
  }
  const long long per_step = static_cast<long long>(c.dp.value_or(1)) * c.micro_batch.value_or(1);
  if ((c.dp || c.micro_batch) && p.workload.global_batch % per_step != 0) {
    add(c.micro_batch ? "micro_batch" : "dp",
        fmt::format("global batch {} is not divisible by dp*micro_batch = {}", p.workload.global_batch, per_step));
  }
  if (c.zero && (*c.zero < 0 || *c.zero > 3)) add("zero", fmt::format("ZeRO stage {} is not 0, 1, 2 or 3", *c.zero));
  if (c.zero && *c.zero >= 2 && c.pp && *c.pp > 1) {
    add("zero", fmt::format("ZeRO-{} is not combined with pipeline parallelism (pp = {})", *c.zero, *c.pp));
  }
  if (problems.empty()) return core::ok_status();
  core::Error e = core::make_error(core::ErrorCode::invalid_input, "layout not possible");
  e.problems = std::move(problems);
  return e;
}

std::string_view to_string(SearchStop s) {
  switch (s) {
    case SearchStop::complete: return "complete";
    case SearchStop::time_budget: return "time_budget";
    case SearchStop::max_evaluations: return "max_evaluations";
  }
  return "complete";
}

core::Result<TrainingSearchResult> search_training_layouts(const TrainingProblem& problem,
                                                           const LayoutConstraints& constraints,
                                                           const SearchOptions& options) {
  if (auto st = check_problem(problem); !st) return st.error();
  const auto start = Clock::now();
  const Search search(problem, constraints, options);
  Tally planned;
  std::vector<Unit> units = search.plan(planned);
  TrainingSearchResult result;
  if (options.max_evaluations > 0) {
    std::uint64_t total = 0;
    std::size_t keep = 0;
    while (keep < units.size() && total + units[keep].candidates <= options.max_evaluations) {
      total += units[keep++].candidates;
    }
    if (keep < units.size()) {
      units.resize(keep);
      result.stop = SearchStop::max_evaluations;
    }
  }

  const int n_threads = std::clamp(options.threads, 1, 64);
  std::vector<Tally> tallies(static_cast<std::size_t>(n_threads));
  std::atomic<std::size_t> next{0}, done{0};
  std::atomic<bool> out_of_time{false};
  const auto elapsed = [&] { return std::chrono::duration<double>(Clock::now() - start).count(); };
  const auto work = [&](std::size_t id) {
    for (;;) {
      if (options.time_budget_s > 0 && elapsed() > options.time_budget_s) out_of_time = true;
      if (out_of_time) return;
      const std::size_t i = next++;
      if (i >= units.size()) return;
      search.run(units[i], tallies[id]);
      ++done;
      if (id == 0 && options.progress) options.progress(done.load(), units.size(), elapsed());
    }
  };
  std::vector<std::thread> workers;
  for (int k = 1; k < n_threads; ++k) workers.emplace_back(work, static_cast<std::size_t>(k));
  work(0);
  for (std::thread& th : workers) th.join();
  if (options.progress) options.progress(done.load(), units.size(), elapsed());
  if (out_of_time) result.stop = SearchStop::time_budget;

  std::vector<Scored> best;
  tallies.push_back(std::move(planned));
  for (const Tally& t : tallies) {
    result.evaluated += t.evaluated;
    best.insert(best.end(), t.best.begin(), t.best.end());
    for (std::size_t i = 0; i < t.rejected.size(); ++i) {
      result.rejected[i] += t.rejected[i];
      if (result.example[i].empty()) result.example[i] = t.example[i];
    }
  }
  std::sort(best.begin(), best.end());
  if (best.size() > static_cast<std::size_t>(std::max(1, options.top_n))) {
    best.resize(static_cast<std::size_t>(std::max(1, options.top_n)));
  }
  for (const Scored& s : best) {
    auto est = estimate_training(problem, s.layout);
    if (!est) return est.error();
    result.top.push_back(std::move(est).value());
  }
  result.elapsed_s = elapsed();
  if (result.top.empty()) {
    core::Error e = core::make_error(core::ErrorCode::infeasible,
                                     "no layout is valid and fits in memory");
    for (std::size_t i = 0; i < result.rejected.size(); ++i) {
      if (result.rejected[i] == 0) continue;
      e.problems.push_back(core::Problem{"", 0, std::string(to_string(all_reject_reasons[i])),
                                         fmt::format("{} rejected, e.g. {}", result.rejected[i],
                                                     result.example[i]),
                                         ""});
    }
    if (result.stop != SearchStop::complete) e.hints.push_back("the search stopped early; raise its limits");
    return e;
  }
  return result;
}

}  // namespace suanli::perf
