#include "suanli/cost/price_book.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>

namespace suanli::cost {
namespace {

template <class T>
const T* find_id(const std::vector<T>& items, std::string_view id) {
  for (const T& e : items) {
    if (e.id == id) return &e;
  }
  return nullptr;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

std::optional<double> leading_number(std::string_view s, std::string_view& rest) {
  double v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end == s.data() || !std::isfinite(v)) return std::nullopt;
  rest = s.substr(static_cast<std::size_t>(end - s.data()));
  return v;
}

}  // namespace

const PriceEntry* PriceBook::chip_price(std::string_view id) const {
  return find_id(chips, id);
}

const PriceEntry* PriceBook::system_price(std::string_view id) const {
  return find_id(systems, id);
}

const ElectricityRate* PriceBook::electricity_rate(std::string_view region) const {
  for (const auto& r : electricity) {
    if (r.region == region) return &r;
  }
  return nullptr;
}

const CloudRate* PriceBook::cloud_rate(std::string_view chip_id, std::string_view region) const {
  const CloudRate* global = nullptr;
  for (const auto& r : cloud) {
    if (r.chip_id != chip_id) continue;
    if (r.region == region) return &r;
    if (r.region == "global" && global == nullptr) global = &r;
  }
  return global;
}

std::vector<std::string> PriceBook::regions() const {
  std::vector<std::string> out;
  for (const auto& r : electricity) out.push_back(r.region);
  return out;
}

core::Result<double> parse_usd_per(std::string_view text, std::string_view per) {
  const std::string_view s = trim(text);
  const auto bad = [&] {
    return core::make_error(core::ErrorCode::invalid_input,
                            fmt::format("'{}' is not a price per {} (e.g. '0.08 USD/{}' or "
                                        "'$0.08/{}')",
                                        text, per, per, per));
  };
  std::string_view rest;
  std::optional<double> v;
  if (!s.empty() && s.front() == '$') {
    v = leading_number(s.substr(1), rest);
    if (!v || rest != fmt::format("/{}", per)) return bad();
  } else {
    v = leading_number(s, rest);
    if (!v || trim(rest) != fmt::format("USD/{}", per)) return bad();
  }
  if (*v < 0) {
    return core::make_error(core::ErrorCode::invalid_input,
                            fmt::format("'{}' is negative: a price cannot be below 0", text));
  }
  return *v;
}

}  // namespace suanli::cost
