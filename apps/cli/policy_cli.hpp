// Helpers shared by `suanli classify` and `suanli policy ...`: the rule set and the --date of a
// question through the front door (api/policy.hpp), and the text form of a policy Trace.
#pragma once

#include <optional>
#include <string>

#include "cli_context.hpp"
#include "suanli/io/table.hpp"
#include "suanli/policy/rule_set.hpp"
#include "suanli/policy/trace.hpp"

namespace suanli::cli {

// api::resolve_date, with its note on stderr; nullopt after reporting an error.
std::optional<policy::Date> pick_date(CliContext& ctx, const policy::RuleSet& rules,
                                      const std::string& text);

// The catalog's rule set, or nullptr (after reporting) when no policies are loaded.
const policy::RuleSet* pick_rules(CliContext& ctx);

// A chip by id or alias; reports the error (with "did you mean") and returns nullptr.
const hw::Chip* pick_chip(CliContext& ctx, const std::string& id);

// One row per trace entry: rule, step, metric, value, test, outcome, detail.
io::Table trace_table(const policy::Trace& trace);

}  // namespace suanli::cli
