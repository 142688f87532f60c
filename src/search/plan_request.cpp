#include "suanli/search/plan_request.hpp"

#include <fmt/format.h>

#include <algorithm>

#include <array>
#include <cmath>

#include "suanli/core/did_you_mean.hpp"
#include "suanli/units/parse.hpp"

namespace suanli::search {
namespace {

constexpr std::array objective_names{"cost", "latency", "energy", "chips"};

constexpr double max_budget_usd = 1e13;  // $10 trillion: beyond any plausible purchase
constexpr double max_power_w = 1e11;     // 100 GW: beyond any plausible site

core::Error target_error(std::string_view text, std::string why) {
  core::Problem p{"", 0, "--target", std::move(why), {}};
  return core::make_error(core::ErrorCode::usage,
                          fmt::format("--target: '{}' is not a throughput target (e.g. "
                                      "'1M-tok/s')",
                                      text),
                          p);
}

}  // namespace

std::string_view to_string(Objective o) {
  return objective_names[static_cast<std::size_t>(o)];
}

std::optional<Objective> parse_objective(std::string_view text) {
  for (std::size_t i = 0; i < objective_names.size(); ++i) {
    if (text == objective_names[i]) return static_cast<Objective>(i);
  }
  return std::nullopt;
}

core::Result<double> parse_target(std::string_view text) {
  std::string_view s = text;
  std::string_view unit;
  const auto slash = s.find('/');
  if (slash == std::string_view::npos) {
    return target_error(text, "no unit: give tokens per second, e.g. '1M-tok/s'");
  }
  const std::string_view per = s.substr(slash + 1);
  if (per != "s") {
    return target_error(text, fmt::format("per '{}' is not supported: the target is in tokens "
                                          "per second (tok/s); convert first, e.g. "
                                          "60M tok/min = 1M-tok/s",
                                          per));
  }
  std::string_view head = s.substr(0, slash);
  for (std::string_view word : {"tokens", "tok"}) {
    if (head.size() >= word.size() && head.substr(head.size() - word.size()) == word) {
      unit = word;
      head.remove_suffix(word.size());
      break;
    }
  }
  if (unit.empty()) {
    return target_error(text, "the unit must be tok/s (or tokens/s)");
  }
  while (!head.empty() && (head.back() == '-' || head.back() == ' ')) head.remove_suffix(1);
  auto count = units::parse_count(head);
  if (!count) return target_error(text, count.error().message);
  if (!(*count > 0)) return target_error(text, "the target must be above 0 tokens/s");
  if (*count > max_target_tps) {
    return target_error(text, fmt::format("{:g} tokens/s is absurd (above {:g}, far beyond any "
                                          "fleet)",
                                          *count, max_target_tps));
  }
  return *count;
}

core::Status check_request(const PlanRequest& r) {
  const auto bad = [](const char* flag, std::string msg) {
    return core::make_error(core::ErrorCode::invalid_input, fmt::format("{}: {}", flag, msg));
  };
  if (r.model == nullptr) return bad("--model", "no model given");
  if (r.prices == nullptr) return bad("--model", "no price book");
  if (!(r.target_tps > 0) || r.target_tps > max_target_tps) {
    return bad("--target",
               fmt::format("{:g} tokens/s is outside (0, {:g}]", r.target_tps, max_target_tps));
  }
  if (r.constraints.budget_usd) {
    const double b = *r.constraints.budget_usd;
    if (!(b > 0)) {
      return bad("--budget",
                 fmt::format("${:g}M is not positive: a budget must be above $0", b / 1e6));
    }
    if (b > max_budget_usd) {
      return bad("--budget", fmt::format("${:g} is absurd (above ${:g})", b, max_budget_usd));
    }
  }
  if (r.constraints.power_w) {
    const double w = *r.constraints.power_w;
    if (!(w > 0)) return bad("--power", fmt::format("{:g} W is not positive", w));
    if (w > max_power_w) {
      return bad("--power", fmt::format("{:g} W is absurd (above 100 GW)", w));
    }
  }
  if (r.systems.empty()) return bad("--systems", "no system to evaluate");
  if (!r.destination.country.empty() && r.destination.rules == nullptr) {
    return bad("--dest", "no policy catalog loaded");
  }
  return core::ok_status();
}

core::Status check_destination(const Destination& dest) {
  if (dest.country.empty()) return core::ok_status();
  auto country = dest.rules->find_country(dest.country);
  if (!country) return country.error();
  return dest.rules->check_date(dest.date);
}

bool accepted(const Destination& dest, policy::Obtainability o) {
  return policy::obtainable(o) ||
         std::find(dest.include.begin(), dest.include.end(), o) != dest.include.end();
}

}  // namespace suanli::search
