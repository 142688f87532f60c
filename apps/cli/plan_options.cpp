#include "plan_options.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cmath>

#include "policy_cli.hpp"
#include "suanli/units/parse.hpp"

namespace suanli::cli {
namespace {

core::Error usage_error(const std::string& flag, std::string message) {
  return core::make_error(core::ErrorCode::usage, fmt::format("{}: {}", flag, message));
}

// "ID=VALUE" pairs of a repeatable option, parsed with `parse`.
template <class Parse>
bool parse_pairs(CliContext& ctx, const std::string& flag, const std::vector<std::string>& items,
                 const catalog::Catalog& cat, Parse parse, std::map<std::string, double>& out) {
  for (const std::string& item : items) {
    const auto eq = item.find('=');
    if (eq == std::string::npos || eq == 0) {
      ctx.fail(usage_error(flag, fmt::format("'{}' is not ID=VALUE", item)));
      return false;
    }
    std::string id = item.substr(0, eq);
    // Resolve aliases so that --price h20=... means the chip nvidia-h20.
    if (auto c = cat.find_chip(id)) {
      id = c->item->id;
    } else if (auto s = cat.find_system(id)) {
      id = s->item->id;
    } else {
      core::Error e = c.error();
      e.message = fmt::format("{}: '{}' is neither a chip nor a system", flag, id);
      ctx.fail(e);
      return false;
    }
    auto v = parse(item.substr(eq + 1));
    if (!v) {
      ctx.fail(usage_error(flag, v.error().message));
      return false;
    }
    out[id] = *v;
  }
  return true;
}

bool optional_number(CliContext& ctx, const std::string& flag, const std::string& text,
                     std::optional<double>& out) {
  if (text.empty()) return true;
  auto v = parse_number(ctx, flag, text);
  if (!v) return false;
  out = *v;
  return true;
}

bool optional_rate(CliContext& ctx, const std::string& flag, const std::string& text,
                   std::string_view per, std::optional<double>& out) {
  if (text.empty()) return true;
  auto v = cost::parse_usd_per(text, per);
  if (!v) {
    ctx.fail(usage_error(flag, v.error().message));
    return false;
  }
  out = *v;
  return true;
}

}  // namespace

std::optional<double> parse_number(CliContext& ctx, const std::string& flag,
                                   const std::string& text) {
  std::string s = text;
  if (flag == "--amortization" && s.size() > 6 && s.ends_with(" years")) s.resize(s.size() - 6);
  double v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || !std::isfinite(v)) {
    ctx.fail(usage_error(flag, fmt::format("'{}' is not a number", text)));
    return std::nullopt;
  }
  return v;
}

void add_plan_options(CLI::App& cmd, PlanOptions& o) {
  cmd.add_option("--model", o.model, "Model id (e.g. deepseek-r1)")->required();
  cmd.add_option("--scenario", o.scenario, "Serving scenario (data/scenarios)")
      ->capture_default_str();
  cmd.add_option("--target", o.target, "Fleet output throughput, e.g. 1M-tok/s (inference)");
  cmd.add_option("--dest", o.dest, "Destination country (ISO code) for availability and levies");
  cmd.add_option("--date", o.date, "Date of the question, YYYY-MM-DD (with --dest)");
  cmd.add_option("--budget", o.budget, "Capex budget (rent over the amortization with --cloud)");
  cmd.add_option("--power", o.power, "Facility power limit, e.g. 20MW");
  cmd.add_option("--systems", o.systems, "Systems to consider (default: the whole catalog)")
      ->delimiter(',');
  cmd.add_option("--objective", o.objective, "Rank by cost, latency, energy or chips")
      ->check(CLI::IsMember({"cost", "latency", "energy", "chips"}))
      ->capture_default_str();
  cmd.add_option("--precision", o.precision,
                 "Weight precision (default fp8 for inference, bf16 for training)");
  cmd.add_option("--software", o.software, "Software stack for the efficiency lookup");
  cmd.add_flag("--cloud", o.cloud, "Rent by the hour (data/prices/cloud.yaml) instead of buying");
  cmd.add_option("--region", o.region, "Electricity region (default: the destination, else US)");
  cmd.add_option("--price", o.prices, "Override a price: ID=USD, per chip or per system unit");
  cmd.add_option("--cloud-price", o.cloud_prices, "Override a cloud rate: CHIP=USD/h");
  cmd.add_option("--electricity", o.electricity, "Electricity price, e.g. '0.06 USD/kWh'");
  cmd.add_option("--amortization", o.amortization, "Amortization period in years");
  cmd.add_option("--utilization", o.utilization, "Mean / provisioned power, fraction");
  cmd.add_option("--pue", o.pue, "Power usage effectiveness (facility / IT power)");
  cmd.add_option("--node-overhead", o.node_overhead, "Host power / chip TDP, fraction");
  cmd.add_option("--server-overhead", o.server_overhead, "Server capex / chip capex, fraction");
  cmd.add_option("--network-fraction", o.network_fraction, "Network capex / system capex");
  cmd.add_option("--facility", o.facility, "Datacenter cost, e.g. '184 USD/kW/month'");
  cmd.add_option("--levy-pass-through", o.levy_pass_through,
                 "Share of a levy the buyer pays, fraction");
  cmd.add_flag("--train", o.train, "Plan a training cluster instead of a serving fleet");
  cmd.add_option("--tokens", o.tokens, "Tokens to train on, e.g. 15T (with --train)");
  cmd.add_option("--days", o.days, "Wall-clock limit in days (with --train)");
  cmd.add_option("--seq-len", o.seq_len, "Training sequence length")->capture_default_str();
  cmd.add_option("--batch-tokens", o.batch_tokens, "Tokens per optimizer step (with --train)")
      ->capture_default_str();
  cmd.add_option("--max-pipeline", o.max_pipeline, "Largest pipeline degree searched (serving)")
      ->capture_default_str()
      ->check(CLI::Range(1, 64));
  cmd.add_option("--max-sizes", o.max_sizes, "Deployment sizes tried per system (serving)")
      ->capture_default_str()
      ->check(CLI::Range(1, 12));
  cmd.add_option("--threads", o.threads, "Worker threads")
      ->capture_default_str()
      ->check(CLI::Range(1, 256));
}

std::optional<PlanCommon> parse_plan_common(CliContext& ctx, const catalog::Catalog& cat,
                                            const PlanOptions& o, cost::Usage usage) {
  PlanCommon c;
  c.objective = *search::parse_objective(o.objective);
  if (o.systems.empty()) {
    for (const hw::System& s : cat.systems) {
      auto chip = cat.find_chip(s.chip_id);
      if (chip) c.systems.push_back({&s, chip->item, ""});
    }
  } else {
    for (const std::string& id : o.systems) {
      auto s = cat.find_system(id);
      if (!s) {
        ctx.fail(s.error());
        return std::nullopt;
      }
      if (!s->note.empty()) ctx.note(s->note);
      auto chip = cat.find_chip(s->item->chip_id);
      if (!chip) {
        ctx.fail(chip.error());
        return std::nullopt;
      }
      c.systems.push_back({s->item, chip->item, ""});
    }
  }
  if (!o.date.empty() && o.dest.empty()) {
    ctx.fail(usage_error("--date", "a date needs a destination (--dest CC)"));
    return std::nullopt;
  }
  if (!o.dest.empty()) {
    const policy::RuleSet* rules = pick_rules(ctx);
    if (rules == nullptr) return std::nullopt;
    auto country = rules->find_country(o.dest);
    if (!country) {
      ctx.fail(country.error());
      return std::nullopt;
    }
    auto date = pick_date(ctx, *rules, o.date);
    if (!date) return std::nullopt;
    c.destination = search::Destination{(*country)->code, *date, rules};
  }
  if (!o.budget.empty()) {
    auto b = units::parse_usd(o.budget);
    if (!b) {
      ctx.fail(usage_error("--budget", b.error().message));
      return std::nullopt;
    }
    c.constraints.budget_usd = b->value;
  }
  if (!o.power.empty()) {
    auto w = units::parse_watts(o.power);
    if (!w) {
      ctx.fail(usage_error("--power", w.error().message));
      return std::nullopt;
    }
    c.constraints.power_w = w->value;
  }
  cost::Overrides over;
  over.mode = o.cloud ? cost::CostMode::cloud : cost::CostMode::own;
  over.region = o.region;
  const auto usd = [](const std::string& t) -> core::Result<double> {
    auto v = units::parse_usd(t);
    if (!v) return v.error();
    return v->value;
  };
  const auto per_hour = [](const std::string& t) { return cost::parse_usd_per(t, "h"); };
  if (!parse_pairs(ctx, "--price", o.prices, cat, usd, over.prices) ||
      !parse_pairs(ctx, "--cloud-price", o.cloud_prices, cat, per_hour, over.cloud_rates) ||
      !optional_rate(ctx, "--electricity", o.electricity, "kWh", over.usd_per_kwh) ||
      !optional_rate(ctx, "--facility", o.facility, "kW/month", over.facility_usd_per_kw_month) ||
      !optional_number(ctx, "--amortization", o.amortization, over.amortization_years) ||
      !optional_number(ctx, "--utilization", o.utilization, over.utilization) ||
      !optional_number(ctx, "--pue", o.pue, over.pue) ||
      !optional_number(ctx, "--node-overhead", o.node_overhead, over.node_overhead) ||
      !optional_number(ctx, "--server-overhead", o.server_overhead, over.server_overhead) ||
      !optional_number(ctx, "--network-fraction", o.network_fraction, over.network_fraction) ||
      !optional_number(ctx, "--levy-pass-through", o.levy_pass_through, over.levy_pass_through)) {
    return std::nullopt;
  }
  auto a = cost::resolve_assumptions(cat.prices, over, usage, c.destination.country);
  if (!a) {
    ctx.fail(a.error());
    return std::nullopt;
  }
  c.assumptions = std::move(*a);
  return c;
}

std::string assumptions_line(const cost::Assumptions& a) {
  if (a.mode == cost::CostMode::cloud) return "rented by the hour (data/prices/cloud.yaml)";
  return fmt::format(
      "owned: {:g}-year amortization, utilization {:g}, PUE {:g}, electricity {:g} USD/kWh ({}), "
      "facility {:g} USD/kW/month",
      a.amortization_years, a.utilization, a.pue, a.usd_per_kwh,
      a.region.empty() ? "--electricity" : a.region, a.facility_usd_per_kw_month);
}

}  // namespace suanli::cli
