#include "suanli/policy/deliveries.hpp"

#include <algorithm>
#include <array>

#include "suanli/core/enum_names.hpp"

namespace suanli::policy {
namespace {

constexpr std::array<core::EnumName<DeliveryKind>, 4> kind_names{{
    {DeliveryKind::first_delivery, "first_delivery"},
    {DeliveryKind::volume, "volume"},
    {DeliveryKind::halt, "halt"},
    {DeliveryKind::shortfall, "shortfall"},
}};

bool concerns(const DeliveryFact& f, std::string_view chip, std::string_view country) {
  if (std::find(f.chips.begin(), f.chips.end(), chip) == f.chips.end()) return false;
  if (f.countries.empty()) return true;
  return std::find(f.countries.begin(), f.countries.end(), country) != f.countries.end();
}

bool in_force(const DeliveryFact& f, const Date& date) {
  if (date < f.reported) return false;
  switch (f.kind) {
    case DeliveryKind::first_delivery:
      return date < f.from;
    case DeliveryKind::volume:
      return !f.until || !(*f.until < date);
    case DeliveryKind::halt:
      return !(date < f.from);
    case DeliveryKind::shortfall:
      return true;
  }
  return false;
}

// A later report of the same volume (same chips, same period start) supersedes an earlier one.
bool superseded(const DeliveryFact& f, const std::vector<const DeliveryFact*>& in) {
  if (f.kind != DeliveryKind::volume) return false;
  return std::any_of(in.begin(), in.end(), [&](const DeliveryFact* g) {
    return g != &f && g->kind == DeliveryKind::volume && g->chips == f.chips && g->from == f.from &&
           f.reported < g->reported;
  });
}

}  // namespace

std::string_view to_string(DeliveryKind k) {
  return core::name_of(kind_names, k);
}

std::optional<DeliveryKind> parse_delivery_kind(std::string_view text) {
  return core::value_of(kind_names, text);
}

std::vector<std::string> delivery_kind_names() {
  std::vector<std::string> out;
  out.reserve(kind_names.size());
  for (const auto& n : kind_names) out.emplace_back(n.name);
  return out;
}

std::vector<const DeliveryFact*> deliveries_of(const std::vector<DeliveryFact>& facts,
                                               std::string_view chip, std::string_view country,
                                               const Date& date) {
  std::vector<const DeliveryFact*> in;
  for (const DeliveryFact& f : facts) {
    if (concerns(f, chip, country) && in_force(f, date)) in.push_back(&f);
  }
  std::vector<const DeliveryFact*> out;
  for (const DeliveryFact* f : in) {
    if (!superseded(*f, in)) out.push_back(f);
  }
  std::stable_sort(out.begin(), out.end(), [](const DeliveryFact* a, const DeliveryFact* b) {
    if (a->from != b->from) return a->from < b->from;
    return a->reported < b->reported;
  });
  return out;
}

Date add_months(const Date& date, int months) {
  const int total = date.year() * 12 + (date.month() - 1) + months;
  const int year = total / 12;
  const int month = total % 12 + 1;
  return *Date::from_parts(year, month, std::min(date.day(), days_in_month(year, month)));
}

namespace {

// The latest of `date`'s successors that `pick` gives, or nullopt.
template <class Pick>
std::optional<Date> latest_after(const std::vector<const DeliveryFact*>& facts, const Date& date,
                                 Pick pick) {
  std::optional<Date> out;
  for (const DeliveryFact* f : facts) {
    const std::optional<Date> d = pick(*f);
    if (d && date < *d && (!out || *out < *d)) out = d;
  }
  return out;
}

}  // namespace

std::optional<Date> first_delivery_after(const std::vector<const DeliveryFact*>& facts,
                                         const Date& date) {
  return latest_after(facts, date, [](const DeliveryFact& f) -> std::optional<Date> {
    if (f.kind == DeliveryKind::first_delivery) return f.from;
    return std::nullopt;
  });
}

std::optional<Date> production_restart(const std::vector<const DeliveryFact*>& facts,
                                       const Date& date) {
  return latest_after(facts, date, [&](const DeliveryFact& f) -> std::optional<Date> {
    if (f.kind == DeliveryKind::halt && f.restart_months > 0) {
      return add_months(date, f.restart_months);
    }
    return std::nullopt;
  });
}

}  // namespace suanli::policy
