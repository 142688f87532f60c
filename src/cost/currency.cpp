#include "suanli/cost/currency.hpp"

#include <fmt/format.h>

#include <cmath>

#include "suanli/core/did_you_mean.hpp"

namespace suanli::cost {

std::vector<std::string> currency_codes() {
  return {"USD", "CNY"};
}

core::Result<Currency> resolve_currency(const PriceBook& book, std::string_view code,
                                        std::string_view date) {
  Currency c;
  if (code.empty() || code == "USD") return c;
  if (code != "CNY") {
    const auto codes = currency_codes();
    core::Error e = core::make_error(
        core::ErrorCode::usage,
        fmt::format("--currency: '{}' is not one of {}", code, fmt::join(codes, ", ")));
    if (auto hint = core::did_you_mean(code, codes); !hint.empty()) e.hints.push_back(hint);
    return e;
  }
  const FxRate* pick = nullptr;
  for (const FxRate& r : book.fx) {
    if (date.empty() || r.date <= date) pick = &r;
  }
  if (pick == nullptr) {
    return core::make_error(
        core::ErrorCode::invalid_input,
        book.fx.empty()
            ? std::string("--currency CNY: the catalog has no CNY/USD rate (data/prices/fx.yaml)")
            : fmt::format("--currency CNY: no CNY/USD rate on or before {} (the first is of {})",
                          date, book.fx.front().date));
  }
  c.code = "CNY";
  c.per_usd = pick->cny_per_usd;
  c.rate_date = pick->date;
  c.source = pick->source;
  return c;
}

std::string money(double usd, const Currency& cur) {
  const double x = usd * cur.per_usd;
  const std::string unit = cur.code == "USD" ? "$" : cur.code + " ";
  const double a = std::fabs(x);
  if (a >= 1e9) return fmt::format("{}{:.3g}B", unit, x / 1e9);
  if (a >= 1e6) return fmt::format("{}{:.3g}M", unit, x / 1e6);
  if (a >= 1e3) return fmt::format("{}{:.3g}k", unit, x / 1e3);
  return fmt::format("{}{:.3g}", unit, x);
}

}  // namespace suanli::cost
