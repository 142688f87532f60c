// Checks of the fixed fields of a layout search, one field at a time, so that a caller hears
// which field is wrong before any search (docs/models/training.md, "Layouts").
#include <fmt/format.h>

#include <algorithm>
#include <utility>
#include <vector>

#include "detail/rules.hpp"
#include "suanli/perf/train/layout.hpp"
#include "suanli/perf/train/search.hpp"

namespace suanli::perf {

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
  for (auto [key, value] : {std::pair{"tp", c.tp},
                            {"pp", c.pp},
                            {"dp", c.dp},
                            {"cp", c.cp},
                            {"ep", c.ep},
                            {"vpp", c.vpp},
                            {"micro_batch", c.micro_batch}}) {
    if (!value) continue;
    if (*value < 1 || *value > 1'000'000) {
      add(key, fmt::format("{} is outside 1..1000000", *value));
      return core::make_error(core::ErrorCode::invalid_input, "layout not possible",
                              problems.back());
    }
    const std::string_view k = key;
    if (k == "tp" || k == "pp" || k == "dp" || k == "cp") {
      if (n % *value != 0) add(key, fmt::format("{} does not divide the {} chips", *value, n));
      product *= *value;
    }
  }
  if (c.tp && c.pp && c.dp && c.cp && product != n) {
    add("chips", fmt::format("tp*pp*dp*cp = {}*{}*{}*{} = {} but the job has {} chips", *c.tp,
                             *c.pp, *c.dp, *c.cp, product, n));
  } else if (problems.empty() && n % product != 0) {
    add("chips", fmt::format("the fixed degrees multiply to {}, which does not divide {} chips",
                             product, n));
  }
  TrainingLayout l;
  if (c.tp) l.tp = *c.tp, rule("tp", RejectReason::heads, l), l.tp = 1;
  if (c.pp) {
    l.pp = *c.pp, l.vpp = c.vpp.value_or(1);
    l.schedule = c.schedule.value_or(PipelineSchedule::one_f_one_b);
    rule("pp", RejectReason::layers, l);
    l.pp = 1, l.vpp = 1, l.schedule = PipelineSchedule::one_f_one_b;
  } else if (c.schedule == PipelineSchedule::dualpipe && c.vpp && *c.vpp > 1) {
    add("vpp", dualpipe_vpp_problem(*c.vpp));
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
        fmt::format("global batch {} is not divisible by dp*micro_batch = {}",
                    p.workload.global_batch, per_step));
  }
  if (c.zero && (*c.zero < 0 || *c.zero > 3))
    add("zero", fmt::format("ZeRO stage {} is not 0, 1, 2 or 3", *c.zero));
  if (c.zero && *c.zero >= 2 && c.pp && *c.pp > 1) {
    add("zero",
        fmt::format("ZeRO-{} is not combined with pipeline parallelism (pp = {})", *c.zero, *c.pp));
  }
  if (problems.empty()) return core::ok_status();
  core::Error e = core::make_error(core::ErrorCode::invalid_input, "layout not possible");
  e.problems = std::move(problems);
  return e;
}

}  // namespace suanli::perf
