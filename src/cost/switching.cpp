#include "suanli/cost/switching.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>

#include "suanli/core/did_you_mean.hpp"
#include "suanli/core/enum_names.hpp"
#include "suanli/units/parse.hpp"

namespace suanli::cost {
namespace {

constexpr std::array<core::EnumName<GapWhen>, 5> gap_names{{{GapWhen::always, "always"},
                                                            {GapWhen::fp8, "fp8"},
                                                            {GapWhen::mla, "mla"},
                                                            {GapWhen::moe, "moe"},
                                                            {GapWhen::training, "training"}}};
constexpr double max_porting_months = 1000;                           // engineer-months
constexpr double min_engineer_month = 1e3, max_engineer_month = 1e6;  // USD

core::Result<const Stack*> find_stack(const SwitchingBook& book, std::string_view id,
                                      std::string_view flag) {
  if (const Stack* s = book.find(id)) return s;
  const auto ids = book.ids();
  core::Error e = core::make_error(
      core::ErrorCode::not_found,
      fmt::format("{}: no software stack '{}' (stacks: {})", flag, id, fmt::join(ids, ", ")));
  if (auto hint = core::did_you_mean(id, ids); !hint.empty()) e.hints.push_back(hint);
  return e;
}

core::Error usage(std::string_view flag, std::string message) {
  return core::make_error(core::ErrorCode::usage, fmt::format("{}: {}", flag, message));
}

}  // namespace

std::string_view to_string(GapWhen w) {
  return core::name_of(gap_names, w);
}

std::optional<GapWhen> parse_gap_when(std::string_view text) {
  return core::value_of(gap_names, text);
}

std::vector<std::string> gap_when_names() {
  std::vector<std::string> out;
  out.reserve(gap_names.size());
  for (const auto& n : gap_names) out.emplace_back(n.name);
  return out;
}

const Stack* SwitchingBook::find(std::string_view id) const {
  for (const Stack& s : stacks) {
    if (s.id == id) return &s;
  }
  return nullptr;
}

const Stack* SwitchingBook::of_vendor(std::string_view vendor) const {
  for (const Stack& s : stacks) {
    if (std::find(s.vendors.begin(), s.vendors.end(), vendor) != s.vendors.end()) return &s;
  }
  return nullptr;
}

std::vector<std::string> SwitchingBook::ids() const {
  std::vector<std::string> out;
  for (const Stack& s : stacks) out.push_back(s.id);
  return out;
}

core::Result<SwitchingAsk> resolve_switching(const SwitchingBook& book, std::string_view from,
                                             const std::vector<std::string>& porting_months,
                                             std::string_view engineer_month_cost) {
  SwitchingAsk ask;
  if (from.empty()) {
    if (!porting_months.empty()) {
      return usage("--porting-months", "give the buyer's current stack with --from");
    }
    if (!engineer_month_cost.empty()) {
      return usage("--engineer-month-cost", "give the buyer's current stack with --from");
    }
    return ask;
  }
  auto s = find_stack(book, from, "--from");
  if (!s) return s.error();
  ask.from = *s;
  for (const std::string& item : porting_months) {
    const auto eq = item.find('=');
    if (eq == std::string::npos || eq == 0) {
      return usage("--porting-months", fmt::format("'{}' is not STACK=ENGINEER-MONTHS", item));
    }
    auto to = find_stack(book, std::string_view(item).substr(0, eq), "--porting-months");
    if (!to) return to.error();
    const std::string n = item.substr(eq + 1);
    double v = 0;
    const auto [end, ec] = std::from_chars(n.data(), n.data() + n.size(), v);
    if (ec != std::errc() || end != n.data() + n.size() || !(v > 0) || v > max_porting_months) {
      return usage("--porting-months",
                   fmt::format("'{}' is not a number of engineer-months in (0, {:g}]", n,
                               max_porting_months));
    }
    ask.porting_months.emplace_back((*to)->id, v);
  }
  if (!engineer_month_cost.empty()) {
    auto usd = units::parse_usd(engineer_month_cost);
    if (!usd) return usage("--engineer-month-cost", usd.error().message);
    if (usd->value < min_engineer_month || usd->value > max_engineer_month) {
      return usage("--engineer-month-cost",
                   fmt::format("'{}' is outside the plausible range {:g} .. {:g} USD",
                               engineer_month_cost, min_engineer_month, max_engineer_month));
    }
    ask.usd_per_engineer_month = usd->value;
  }
  return ask;
}

SwitchingCost switching_cost(const SwitchingBook& book, const SwitchingAsk& ask, const Stack& to,
                             bool training, double fleet_usd_per_month, double horizon_months) {
  SwitchingCost c;
  c.from = ask.from->id;
  c.to = to.id;
  c.switching = ask.from->id != to.id;
  if (!c.switching) return c;
  std::vector<std::string> basis;
  const Param& porting = training ? to.porting_training : to.porting_inference;
  c.engineer_months = porting.value;
  bool porting_given = false;
  for (const auto& [id, months] : ask.porting_months) {
    if (id == to.id) {
      c.engineer_months = months;
      porting_given = true;
    }
  }
  if (porting_given) {
    basis.push_back(
        fmt::format("porting {:g} engineer-months from --porting-months", c.engineer_months));
  } else if (!porting.estimate.empty()) {
    basis.push_back(fmt::format("porting to {} ({}) is an estimate: {}", to.id,
                                training ? "training" : "serving", porting.estimate));
  }
  c.usd_per_engineer_month = ask.usd_per_engineer_month.value_or(book.usd_per_engineer_month.value);
  if (ask.usd_per_engineer_month) {
    basis.emplace_back("engineer cost from --engineer-month-cost");
  } else if (!book.usd_per_engineer_month.estimate.empty()) {
    basis.push_back("engineer cost is an estimate: " + book.usd_per_engineer_month.estimate);
  }
  c.porting_usd = c.engineer_months * c.usd_per_engineer_month;
  const auto months = static_cast<std::size_t>(std::max(0.0, std::floor(horizon_months)));
  c.ramp_months = static_cast<int>(std::min(to.ramp.size(), months));
  for (int m = 0; m < c.ramp_months; ++m) {
    c.ramp_usd += (1.0 / to.ramp[static_cast<std::size_t>(m)] - 1.0) * fleet_usd_per_month;
  }
  if (!to.ramp.empty() && !to.ramp_basis.estimate.empty()) {
    basis.push_back(fmt::format("ramp on {} is an estimate: {}", to.id, to.ramp_basis.estimate));
  }
  c.estimate = (!porting_given && !porting.estimate.empty()) ||
               (!ask.usd_per_engineer_month && !book.usd_per_engineer_month.estimate.empty()) ||
               (c.ramp_months > 0 && !to.ramp_basis.estimate.empty());
  c.basis = fmt::format("{}", fmt::join(basis, "; "));
  return c;
}

}  // namespace suanli::cost
