// JSON form of the policy engine's answers (classification, access, design limits, timeline,
// countries). Field names are part of the CLI/HTTP contract (docs/policy.md); numbers are rounded
// through io/number.hpp so golden outputs are stable.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>
#include <vector>

#include "suanli/policy/access.hpp"
#include "suanli/policy/classify.hpp"
#include "suanli/policy/limits.hpp"
#include "suanli/policy/rule_set.hpp"
#include "suanli/policy/timeline.hpp"

namespace suanli::io {

nlohmann::ordered_json trace_json(const policy::Trace& trace);
nlohmann::ordered_json metrics_json(const policy::PolicyMetrics& metrics);
nlohmann::ordered_json classification_json(const policy::Classification& c);
nlohmann::ordered_json access_json(const policy::AccessResult& a);
// [{rule, authority, blocking, text}] (access answers, plan and compare rows).
nlohmann::ordered_json risks_json(const std::vector<policy::Risk>& risks);
// "SYSTEM (authority): text": one risk of one system, as the plan and compare text tables list it.
std::string risk_line(std::string_view system, const policy::Risk& risk);
nlohmann::ordered_json limits_json(const policy::DesignLimits& l);
nlohmann::ordered_json timeline_json(const std::vector<policy::TimelineEntry>& entries);
nlohmann::ordered_json countries_json(const policy::RuleSet& rules);
nlohmann::ordered_json conditions_json(const std::vector<policy::Condition>& conditions);

}  // namespace suanli::io
