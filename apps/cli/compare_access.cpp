#include "compare_access.hpp"

#include <fmt/format.h>

#include "policy_cli.hpp"
#include "suanli/cost/capex.hpp"
#include "suanli/io/number.hpp"
#include "suanli/policy/access.hpp"

namespace suanli::cli {

std::optional<search::Destination> pick_destination(CliContext& ctx, const std::string& dest,
                                                    const std::string& date) {
  if (dest.empty()) {
    if (!date.empty()) {
      ctx.fail(core::make_error(core::ErrorCode::usage,
                                "--date: a date needs a destination (--dest CC)"));
      return std::nullopt;
    }
    return search::Destination{};
  }
  const policy::RuleSet* rules = pick_rules(ctx);
  if (rules == nullptr) return std::nullopt;
  auto country = rules->find_country(dest);
  if (!country) {
    ctx.fail(country.error());
    return std::nullopt;
  }
  auto when = pick_date(ctx, *rules, date);
  if (!when) return std::nullopt;
  return search::Destination{(*country)->code, *when, rules};
}

void add_access_columns(const catalog::Catalog& cat, const search::Destination& dest,
                        const std::vector<std::string>& systems,
                        const std::vector<std::string>& chips, nlohmann::ordered_json& json,
                        io::Table& table) {
  auto assumptions =
      cost::resolve_assumptions(cat.prices, {}, cost::Usage::inference, dest.country);
  for (const char* h : {"avail", "levy %", "$/chip eff."}) {
    table.headers.emplace_back(h);
    table.right_align.push_back(true);
  }
  for (std::size_t i = 0; i < systems.size(); ++i) {
    const hw::Chip* chip = cat.find_chip(chips[i]) ? cat.find_chip(chips[i])->item : nullptr;
    const hw::System* sys =
        cat.find_system(systems[i]) ? cat.find_system(systems[i])->item : nullptr;
    if (chip == nullptr) continue;
    bool available = true;
    std::string reason;
    double levy = 0;
    if (auto acc = policy::access(*dest.rules, *chip, dest.country, dest.date)) {
      available = acc->available;
      reason = acc->reason;
      levy = acc->levy_percent;
    } else {
      available = false;
      reason = acc.error().message;
    }
    std::optional<double> price;
    if (assumptions) {
      if (auto hw_capex = cost::hardware_capex(*chip, sys, cat.prices, *assumptions)) {
        // The effective price carries the levy but not the network share (per chip, as sold).
        const cost::Capex c = cost::with_network_and_levy(*hw_capex, levy, *assumptions);
        price = c.hardware_usd + c.levy_usd;
      }
    }
    if (i < json["rows"].size()) {
      auto& r = json["rows"][i];
      r["available"] = available;
      r["access_reason"] = reason;
      r["levy_percent"] = io::round_sig(levy, 6);
      r["effective_price_usd"] = price ? nlohmann::ordered_json(io::round_sig(*price, 6))
                                       : nlohmann::ordered_json(nullptr);
    }
    if (i < table.rows.size()) {
      table.rows[i].push_back(available ? "yes" : "no");
      table.rows[i].push_back(io::format_number(levy, 3));
      table.rows[i].push_back(price ? io::format_number(*price, 4) : "-");
    }
  }
  if (json.contains("rows")) {
    json["destination"] = dest.country;
    json["date"] = dest.date.to_string();
  }
}

}  // namespace suanli::cli
