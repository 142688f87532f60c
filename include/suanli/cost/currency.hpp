// The currency a plan's money is shown in: USD (the catalog's unit) or CNY at the CFETS central
// parity of data/prices/fx.yaml on or before the plan's date. docs/models/cost.md §currency.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "suanli/core/result.hpp"
#include "suanli/cost/price_book.hpp"

namespace suanli::cost {

struct Currency {
  std::string code = "USD";  // ISO 4217: USD or CNY
  double per_usd = 1;        // units of this currency per USD
  std::string rate_date;     // date of the rate used ("" for USD)
  std::string source;        // citation of the rate ("" for USD)
};

std::vector<std::string> currency_codes();  // "USD", "CNY"

// `code` "" or "USD": USD; "CNY": the latest rate dated on or before `date` (YYYY-MM-DD), or the
// latest rate when `date` is "". Errors: an unknown code (usage, did-you-mean), no rate on or
// before the date (invalid_input naming the first rate's date).
core::Result<Currency> resolve_currency(const PriceBook& book, std::string_view code,
                                        std::string_view date);

// An amount given in USD, shown in `currency` with three significant digits: "$1.23M", "$950k",
// "CNY 8.63M".
std::string money(double usd, const Currency& currency = {});

}  // namespace suanli::cost
