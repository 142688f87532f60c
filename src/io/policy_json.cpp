#include "suanli/io/policy_json.hpp"

#include <fmt/format.h>

#include "suanli/io/catalog_json.hpp"
#include "suanli/io/number.hpp"

namespace suanli::io {

using nlohmann::ordered_json;

namespace {

ordered_json opt_string(const std::string& s) {
  if (s.empty()) return nullptr;
  return s;
}

template <class T>
ordered_json string_list(const std::vector<T>& v) {
  ordered_json out = ordered_json::array();
  for (const auto& x : v) out.push_back(x);
  return out;
}

ordered_json bands_json(const std::vector<policy::DieAreaBand>& bands) {
  ordered_json out = ordered_json::array();
  for (const auto& b : bands) {
    out.push_back({{"above_mm2", number_or_null(b.above_mm2, 4)},
                   {"up_to_mm2", number_or_null(b.up_to_mm2, 4)},
                   {"eccn", b.eccn}});
  }
  return out;
}

ordered_json caps_json(const std::vector<policy::QuantityCap>& caps) {
  ordered_json out = ordered_json::array();
  for (const auto& c : caps) {
    ordered_json j{{"rule", c.rule_id},
                   {"name", c.name},
                   {"tpp", round_sig(c.tpp)},
                   {"per", c.per},
                   {"chips", number_or_null(c.chips)}};
    if (c.raised_tpp) {
      j["raised_tpp"] = round_sig(*c.raised_tpp);
      j["raised_when"] = c.raised_when;
    }
    if (!c.note.empty()) j["note"] = c.note;
    out.push_back(std::move(j));
  }
  return out;
}

}  // namespace

ordered_json conditions_json(const std::vector<policy::Condition>& conditions) {
  ordered_json out = ordered_json::array();
  for (const auto& c : conditions) {
    out.push_back({{"metric", std::string(policy::to_string(c.metric))},
                   {"bound", std::string(policy::to_string(c.bound))},
                   {"value", round_sig(c.value)},
                   {"unit", std::string(policy::unit_of(c.metric))}});
  }
  return out;
}

ordered_json trace_json(const policy::Trace& trace) {
  ordered_json out = ordered_json::array();
  for (const auto& e : trace) {
    ordered_json j;
    j["rule"] = opt_string(e.rule_id);
    j["step"] = e.step;
    if (!e.metric.empty()) j["metric"] = e.metric;
    if (!e.metric.empty()) j["value"] = number_or_null(e.value);
    if (!e.threshold.empty()) j["threshold"] = e.threshold;
    j["outcome"] = std::string(policy::to_string(e.outcome));
    j["detail"] = e.detail;
    if (!e.citation.empty()) j["citation"] = e.citation;
    out.push_back(std::move(j));
  }
  return out;
}

ordered_json metrics_json(const policy::PolicyMetrics& m) {
  ordered_json j;
  j["tpp"] = number_or_null(m.tpp.value);
  j["tpp_dtype"] = m.tpp_dtype ? ordered_json(std::string(hw::to_string(*m.tpp_dtype))) : nullptr;
  j["performance_density"] = number_or_null(m.performance_density.value);
  j["die_area_mm2"] = number_or_null(m.die_area_mm2);
  j["die_area_estimate"] = m.die_area_estimate;
  j["io_bandwidth_gbs"] = number_or_null(m.io_bandwidth.value);
  j["io_bandwidth_lower_bound"] = m.io_bandwidth.lower_bound;
  j["dram_bandwidth_gbs"] = number_or_null(m.dram_bandwidth.value);
  j["dram_plus_io_gbs"] = number_or_null(m.dram_plus_io.value);
  j["arithmetic"] = {{"tpp", m.tpp.arithmetic},
                     {"performance_density", m.performance_density.arithmetic},
                     {"io_bandwidth", m.io_bandwidth.arithmetic},
                     {"dram_bandwidth", m.dram_bandwidth.arithmetic},
                     {"dram_plus_io", m.dram_plus_io.arithmetic}};
  return j;
}

ordered_json classification_json(const policy::Classification& c) {
  ordered_json j;
  j["chip"] = c.chip_id;
  j["date"] = c.date.to_string();
  j["rule"] = opt_string(c.rule_id);
  j["eccn"] = c.eccn;
  if (c.eccn == policy::indeterminate) j["possible"] = string_list(c.possible);
  const ordered_json metrics = metrics_json(c.metrics);
  for (const auto& [key, value] : metrics.items()) j[key] = value;
  if (!c.die_area_bands.empty()) j["die_area_bands"] = bands_json(c.die_area_bands);
  j["trace"] = trace_json(c.trace);
  return j;
}

ordered_json risks_json(const std::vector<policy::Risk>& risks) {
  ordered_json out = ordered_json::array();
  for (const auto& r : risks) {
    out.push_back({{"rule", r.rule_id},
                   {"authority", r.authority},
                   {"blocking", r.blocking},
                   {"text", r.text}});
  }
  return out;
}

std::string risk_line(std::string_view system, const policy::Risk& risk) {
  return fmt::format("{} ({}): {}", system, policy::risk_label(risk), risk.text);
}

ordered_json access_json(const policy::AccessResult& a) {
  ordered_json j;
  j["chip"] = a.chip_id;
  j["destination"] = a.destination;
  if (!a.treated_as.empty()) j["treated_as"] = a.treated_as;
  j["headquarters"] = opt_string(a.headquarters);
  j["buyer"] = opt_string(a.buyer);
  j["date"] = a.date.to_string();
  j["eccn"] = a.eccn;
  j["status"] = std::string(policy::to_string(a.status));
  j["review_policy"] =
      a.review_policy ? ordered_json(std::string(policy::to_string(*a.review_policy))) : nullptr;
  ordered_json exceptions = ordered_json::array();
  for (const auto& x : a.exceptions) {
    exceptions.push_back({{"name", x.name},
                          {"title", x.title},
                          {"rule", x.rule_id},
                          {"notification", x.notification},
                          {"note", x.note}});
  }
  j["exceptions"] = exceptions;
  j["obtainability"] = std::string(policy::to_string(a.obtainability));
  j["available"] = a.available;
  j["launch"] = opt_string(a.launch);
  j["reason"] = a.reason;
  j["levy_percent"] = round_sig(a.levy_percent);
  ordered_json levies = ordered_json::array();
  for (const auto& l : a.levies) {
    levies.push_back({{"rule", l.rule_id}, {"percent", round_sig(l.percent)}, {"basis", l.basis}});
  }
  j["levies"] = levies;
  j["caps"] = caps_json(a.caps);
  j["risks"] = risks_json(a.risks);
  j["rules_applied"] = string_list(a.rules_applied);
  j["tpp"] = number_or_null(a.classification.metrics.tpp.value);
  j["performance_density"] = number_or_null(a.classification.metrics.performance_density.value);
  policy::Trace all = a.classification.trace;
  all.insert(all.end(), a.trace.begin(), a.trace.end());
  j["trace"] = trace_json(all);
  return j;
}

ordered_json limits_json(const policy::DesignLimits& l) {
  ordered_json j;
  j["date"] = l.date.to_string();
  j["die_area_mm2"] = round_sig(l.die_area_mm2);
  j["datacenter"] = l.datacenter;
  j["max_tpp"] = number_or_null(l.max_tpp);
  j["max_tpp_from"] = opt_string(l.max_tpp_from);
  j["outside"] = conditions_json(l.outside);
  ordered_json rules = ordered_json::array();
  for (const auto& r : l.rules) {
    ordered_json rj{{"rule", r.rule_id}, {"title", r.title}, {"purpose", r.purpose}};
    if (!r.text.empty()) rj["scope"] = r.text;
    if (!r.paragraphs.empty()) {
      ordered_json ps = ordered_json::array();
      for (const auto& p : r.paragraphs) {
        ps.push_back({{"eccn", p.eccn},
                      {"tpp_from", number_or_null(p.tpp_from)},
                      {"tpp_below", number_or_null(p.tpp_to)},
                      {"also", conditions_json(p.also)},
                      {"text", p.text}});
      }
      rj["paragraphs"] = ps;
    }
    if (!r.stay.empty()) rj["stay"] = conditions_json(r.stay);
    if (!r.bands.empty()) {
      ordered_json bands = ordered_json::array();
      for (const auto& b : r.bands) bands.push_back(conditions_json(b));
      rj["bands"] = bands;
    }
    rj["citation"] = r.citation;
    rules.push_back(std::move(rj));
  }
  j["rules"] = rules;
  return j;
}

ordered_json timeline_json(const std::vector<policy::TimelineEntry>& entries) {
  ordered_json out = ordered_json::array();
  for (const auto& e : entries) {
    ordered_json j{{"date", e.date.to_string()}, {"rule", e.rule_id},     {"title", e.title},
                   {"authority", e.authority},   {"kind", e.kind},        {"change", e.change},
                   {"summary", e.summary},       {"citation", e.citation}};
    if (e.eccn) j["eccn"] = *e.eccn;
    if (e.status) {
      j["status"] = std::string(policy::to_string(*e.status));
      j["review_policy"] = e.review_policy
                               ? ordered_json(std::string(policy::to_string(*e.review_policy)))
                               : nullptr;
      j["levy_percent"] = round_sig(e.levy_percent.value_or(0));
      j["available"] = e.available.value_or(true);
    }
    if (e.eccn) j["changed"] = e.changed;
    out.push_back(std::move(j));
  }
  return out;
}

ordered_json countries_json(const policy::RuleSet& rules) {
  ordered_json out = ordered_json::array();
  for (const auto& c : rules.countries) {
    ordered_json j{{"code", c.code}, {"name", c.name}};
    if (!c.treated_as.empty()) {
      j["treated_as"] = c.treated_as;
      j["note"] = c.note;
    } else {
      j["groups"] = string_list(c.groups);
      j["tier"] = c.tier;
    }
    out.push_back(std::move(j));
  }
  return out;
}

}  // namespace suanli::io
