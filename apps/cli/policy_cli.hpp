// Helpers shared by `suanli classify` and `suanli policy ...`: the rule set through the front
// door (api/policy.hpp), and the text form of a policy Trace.
#pragma once

#include "cli_context.hpp"
#include "suanli/io/table.hpp"
#include "suanli/policy/rule_set.hpp"
#include "suanli/policy/trace.hpp"

namespace suanli::cli {

// The catalog's rule set, or nullptr (after reporting) when no policies are loaded.
const policy::RuleSet* pick_rules(CliContext& ctx);

// One row per trace entry: rule, step, metric, value, test, outcome, detail.
io::Table trace_table(const policy::Trace& trace);

}  // namespace suanli::cli
