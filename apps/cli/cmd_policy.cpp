// `suanli policy access|limits|timeline|countries`: dated market access for a chip and a
// destination, what-if design limits, the dated change log, and the destination table.
#include <fmt/format.h>

#include "commands.hpp"
#include "policy_cli.hpp"
#include "request_options.hpp"
#include "suanli/api/policy.hpp"
#include "suanli/io/number.hpp"
#include "suanli/io/policy_json.hpp"
#include "suanli/policy/access.hpp"
#include "suanli/policy/limits.hpp"
#include "suanli/policy/timeline.hpp"

namespace suanli::cli {
namespace {

std::string spaced(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = c == '_' ? ' ' : c;
  return out;
}

std::string tests_text(const std::vector<policy::Condition>& cs) {
  std::vector<std::string> parts;
  parts.reserve(cs.size());
  for (const auto& c : cs) parts.push_back(policy::describe(c));
  return fmt::format("{}", fmt::join(parts, ", "));
}

void print_access(CliContext& ctx, const policy::AccessResult& a) {
  std::string out =
      fmt::format("{} to {}{}{} on {}: {}", a.chip_id, a.destination,
                  a.treated_as.empty() ? "" : " (treated as " + a.treated_as + ")",
                  a.headquarters.empty() ? "" : ", end user headquartered in " + a.headquarters,
                  a.date.to_string(), policy::to_string(a.obtainability));
  if (!a.buyer.empty()) out.insert(out.find(" on "), ", " + a.buyer + " buyer");
  out += fmt::format(" (licence: {}", spaced(policy::to_string(a.status)));
  if (a.review_policy) out += fmt::format(", {}", spaced(policy::to_string(*a.review_policy)));
  out += ")";
  out += "\n" + a.reason + "\n";
  const auto& m = a.classification.metrics;
  out += fmt::format("class: {} (TPP {}, performance density {})\n", a.eccn,
                     io::format_number(m.tpp.value, 6),
                     io::format_number(m.performance_density.value, 4));
  for (const auto& x : a.exceptions) {
    out +=
        fmt::format("exception: {} - {}{}\n", x.name, x.title, x.note.empty() ? "" : "; " + x.note);
  }
  out += fmt::format("levy: {}%\n", io::format_number(a.levy_percent));
  for (const auto& l : a.levies) {
    out += fmt::format("  {}% {} ({})\n", io::format_number(l.percent), l.basis, l.rule_id);
  }
  for (const auto& c : a.caps) {
    out += fmt::format(
        "cap: {} {} TPP per {}{}{}\n", c.name, policy::format_value(c.tpp), c.per,
        c.chips ? fmt::format(" = {} chips of this kind", policy::format_value(*c.chips, 9)) : "",
        c.raised_tpp
            ? fmt::format("; {} TPP if {}", policy::format_value(*c.raised_tpp), c.raised_when)
            : "");
  }
  for (const auto& r : a.risks) {
    out += fmt::format("risk ({}): {}\n", policy::risk_label(r), r.text);
  }
  policy::Trace all = a.classification.trace;
  all.insert(all.end(), a.trace.begin(), a.trace.end());
  ctx.out << out << "\n" << trace_table(all).to_text();
}

void emit_access(CliContext& ctx, const api::AccessAnswer& answer) {
  const policy::AccessResult& a = answer.access;
  switch (ctx.format()) {
    case Format::json:
      ctx.emit_json(io::access_json(a));
      break;
    case Format::csv: {
      policy::Trace all = a.classification.trace;
      all.insert(all.end(), a.trace.begin(), a.trace.end());
      ctx.out << trace_table(all).to_csv();
      break;
    }
    case Format::text:
      print_access(ctx, a);
      break;
  }
}

void print_limits(CliContext& ctx, const policy::DesignLimits& l) {
  std::string out = fmt::format(
      "Design limits on {} for a {}datacenter chip with {} mm2 of applicable logic die\n",
      l.date.to_string(), l.datacenter ? "" : "non-", io::format_number(l.die_area_mm2));
  if (l.max_tpp) {
    out += fmt::format("largest TPP outside 3A090: below {} (set by {})\n",
                       io::format_number(l.max_tpp, 6), l.max_tpp_from);
  }
  out += l.outside.empty()
             ? "no control in force reaches this design\n"
             : "to stay outside every control in force: " + tests_text(l.outside) + "\n";
  io::Table t;
  t.headers = {"rule", "purpose", "limit"};
  for (const auto& r : l.rules) {
    for (const auto& p : r.paragraphs) t.add_row({r.rule_id, r.purpose, p.text});
    if (!r.stay.empty())
      t.add_row({r.rule_id, r.purpose, "stay within " + tests_text(r.stay) + " (" + r.text + ")"});
    for (const auto& b : r.bands)
      t.add_row({r.rule_id, r.purpose, "band " + tests_text(b) + " (" + r.text + ")"});
  }
  ctx.out << out << "\n" << t.to_text();
}

void emit_limits(CliContext& ctx, const api::LimitsAnswer& answer) {
  const policy::DesignLimits& l = answer.limits;
  if (ctx.format() == Format::json) {
    ctx.emit_json(io::limits_json(l));
  } else if (ctx.format() == Format::csv) {
    io::Table t;
    t.headers = {"metric", "bound", "value", "unit"};
    for (const auto& c : l.outside) {
      t.add_row({std::string(policy::to_string(c.metric)), std::string(policy::to_string(c.bound)),
                 io::format_number(c.value, 6), std::string(policy::unit_of(c.metric))});
    }
    ctx.out << t.to_csv();
  } else {
    print_limits(ctx, l);
  }
}

void emit_timeline(CliContext& ctx, const api::TimelineAnswer& answer) {
  const bool chip = answer.chip != nullptr;
  const bool dest = chip && !answer.destination.empty();
  io::Table t;
  t.headers = {"date", "rule", "change", "title"};
  if (chip) t.headers.emplace_back("class");
  if (dest) {
    for (const char* h : {"status", "review", "levy %", "available"}) t.headers.emplace_back(h);
  }
  if (chip) t.headers.emplace_back("changed");
  for (const auto& e : answer.entries) {
    std::vector<std::string> row{e.date.to_string(), e.rule_id, e.change, e.title};
    if (chip) row.push_back(e.eccn.value_or("-"));
    if (dest) {
      row.push_back(e.status ? std::string(policy::to_string(*e.status)) : "-");
      row.push_back(e.review_policy ? std::string(policy::to_string(*e.review_policy)) : "-");
      row.push_back(e.levy_percent ? io::format_number(e.levy_percent) : "-");
      row.emplace_back(e.available ? (*e.available ? "yes" : "no") : "-");
    }
    if (chip) row.emplace_back(e.changed ? "*" : "");
    t.add_row(std::move(row));
  }
  ctx.emit(io::timeline_json(answer.entries), t);
}

void run_countries(CliContext& ctx) {
  const policy::RuleSet* rules = pick_rules(ctx);
  if (rules == nullptr) return;
  io::Table t;
  t.headers = {"code", "name", "groups", "tier"};
  for (const auto& c : rules->countries) {
    if (!c.treated_as.empty()) {
      t.add_row({c.code, c.name, "treated as " + c.treated_as, "-"});
    } else {
      t.add_row(
          {c.code, c.name, fmt::format("{}", fmt::join(c.groups, " ")), std::to_string(c.tier)});
    }
  }
  ctx.emit(io::countries_json(*rules), t);
}

}  // namespace

void register_policy(CLI::App& app, CliContext& ctx) {
  CLI::App* policy =
      app.add_subcommand("policy", "Export controls and market access as dated data");
  policy->require_subcommand(1);

  add_request_command<api::AccessRequest>(
      *policy, ctx, "access",
      "Can CHIP be had for a destination on a date: status, review, levy, caps, risks",
      [](const catalog::Catalog& cat, const api::AccessRequest& r) { return api::access(cat, r); },
      [&ctx](const api::AccessAnswer& a) { emit_access(ctx, a); });
  add_request_command<api::LimitsRequest>(
      *policy, ctx, "limits",
      "Largest TPP and bandwidths a design of a given die area can have outside each control",
      [](const catalog::Catalog& cat, const api::LimitsRequest& r) { return api::limits(cat, r); },
      [&ctx](const api::LimitsAnswer& a) { emit_limits(ctx, a); });
  add_request_command<api::TimelineRequest>(
      *policy, ctx, "timeline",
      "Every dated rule change, optionally for one chip and/or destination",
      [](const catalog::Catalog& cat, const api::TimelineRequest& r) {
        return api::timeline(cat, r);
      },
      [&ctx](const api::TimelineAnswer& a) { emit_timeline(ctx, a); });

  CLI::App* countries = policy->add_subcommand(
      "countries", "Destinations with their EAR country groups and AI Diffusion tier");
  countries->callback([&ctx] { run_countries(ctx); });
}

}  // namespace suanli::cli
