#include "policy_cli.hpp"

#include <fmt/format.h>

#include "suanli/api/policy.hpp"
#include "suanli/io/number.hpp"

namespace suanli::cli {

const policy::RuleSet* pick_rules(CliContext& ctx) {
  const catalog::Catalog* cat = ctx.catalog();
  if (cat == nullptr) return nullptr;
  auto rules = api::policy_rules(*cat);
  if (!rules) {
    ctx.fail(rules.error());
    return nullptr;
  }
  return *rules;
}

io::Table trace_table(const policy::Trace& trace) {
  io::Table t;
  t.headers = {"rule", "step", "metric", "value", "test", "outcome", "detail"};
  t.right_align = {false, false, false, true, false, false, false};
  for (const auto& e : trace) {
    t.add_row({e.rule_id.empty() ? "-" : e.rule_id, e.step, e.metric.empty() ? "-" : e.metric,
               e.metric.empty()
                   ? "-"
                   : io::format_number(e.value, e.metric == "performance_density" ? 4 : 6),
               e.threshold.empty() ? "-" : e.threshold, std::string(policy::to_string(e.outcome)),
               e.detail});
  }
  return t;
}

}  // namespace suanli::cli
