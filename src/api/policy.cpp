#include "suanli/api/policy.hpp"

#include <fmt/format.h>

#include <array>

#include "detail/field_makers.hpp"
#include "suanli/policy/buyer.hpp"
#include "suanli/units/parse.hpp"

namespace suanli::api {
namespace {

namespace d = detail;

const std::array classify_fields{
    Field<ClassifyRequest>{"chip", "Chip id (see `suanli chips`)", FieldKind::positional, false,
                           [](ClassifyRequest& r, std::string_view t) -> core::Status {
                             r.chip = std::string(t);
                             return core::ok_status();
                           },
                           [](const ClassifyRequest& r) { return parse::nonempty(r.chip); }},
    d::text<ClassifyRequest, &ClassifyRequest::spec>(
        "spec", "A chip YAML in the data/chips schema (a hypothetical design)"),
    d::text<ClassifyRequest, &ClassifyRequest::date>(
        "date", "Date YYYY-MM-DD (default: the newest policy event date)"),
};

const std::array access_fields{
    Field<AccessRequest>{"chip", "Chip id (see `suanli chips`)", FieldKind::positional, true,
                         [](AccessRequest& r, std::string_view t) -> core::Status {
                           r.chip = std::string(t);
                           return core::ok_status();
                         },
                         [](const AccessRequest& r) { return parse::nonempty(r.chip); }},
    d::text<AccessRequest, &AccessRequest::dest>("dest",
                                                 "Destination, ISO 3166-1 alpha-2 (e.g. CN)", true),
    d::text<AccessRequest, &AccessRequest::date>(
        "date", "Date YYYY-MM-DD (default: the newest policy event date)"),
    d::text<AccessRequest, &AccessRequest::hq>(
        "hq", "Country of the end user's ultimate parent (ISO code)"),
    d::text<AccessRequest, &AccessRequest::buyer>(
        "buyer", "Buyer profile: state, soe, operator, internet, private or foreign"),
};

const std::array limits_fields{
    Field<LimitsRequest>{"die-area", "Applicable logic-die area, e.g. 800mm2", FieldKind::value,
                         true,
                         [](LimitsRequest& r, std::string_view t) -> core::Status {
                           auto area = units::parse_area(t);
                           if (!area) {
                             core::Error e = area.error();
                             e.code = core::ErrorCode::usage;
                             return e;
                           }
                           r.die_area_mm2 = area->value;
                           return core::ok_status();
                         },
                         [](const LimitsRequest& r) -> std::optional<std::string> {
                           if (r.die_area_mm2 <= 0) return std::nullopt;
                           return fmt::format("{}mm2", r.die_area_mm2);
                         }},
    d::text<LimitsRequest, &LimitsRequest::date>(
        "date", "Date YYYY-MM-DD (default: the newest policy event date)"),
    d::flag<LimitsRequest, false, &LimitsRequest::not_datacenter>(
        "not-datacenter", "The design is not designed or marketed for datacenters (3A090 Note 2)"),
};

const std::array timeline_fields{
    d::text<TimelineRequest, &TimelineRequest::chip>(
        "chip", "Only changes that can reach this chip, with its status"),
    d::text<TimelineRequest, &TimelineRequest::dest>(
        "dest", "Only changes that can reach this destination"),
    d::text<TimelineRequest, &TimelineRequest::hq>(
        "hq", "Country of the end user's ultimate parent (ISO code)"),
};

}  // namespace

template <>
std::span<const Field<LimitsRequest>> fields<LimitsRequest>() {
  return limits_fields;
}

template <>
std::span<const Field<TimelineRequest>> fields<TimelineRequest>() {
  return timeline_fields;
}

template <>
std::span<const Field<ClassifyRequest>> fields<ClassifyRequest>() {
  return classify_fields;
}

template <>
std::span<const Field<AccessRequest>> fields<AccessRequest>() {
  return access_fields;
}

core::Result<const policy::RuleSet*> policy_rules(const catalog::Catalog& cat) {
  if (cat.policies.empty()) {
    return core::make_error(core::ErrorCode::invalid_input,
                            "no export-control rules are loaded: the catalog has no policies/ "
                            "directory");
  }
  return &cat.policies;
}

core::Result<policy::Date> resolve_date(const policy::RuleSet& rules, const std::string& text,
                                        std::vector<std::string>& notes) {
  policy::Date date;
  if (text.empty()) {
    date = rules.newest_date().value_or(policy::Date{});
    notes.push_back(fmt::format("no --date given; using {}, the date of the newest policy event",
                                date.to_string()));
  } else {
    auto parsed = policy::Date::parse(text);
    if (!parsed) {
      core::Error e = parsed.error();
      e.message = "--date: " + e.message;
      return e;
    }
    date = *parsed;
    if (const auto newest = rules.newest_date(); newest && *newest < date) {
      notes.push_back(fmt::format(
          "--date {} is after {}, the newest rule change in the policy data: later rules are "
          "unknown, so this is the answer under the rules in force on {}",
          date.to_string(), newest->to_string(), newest->to_string()));
    }
  }
  if (auto ok = rules.check_date(date); !ok) return ok.error();
  return date;
}

core::Result<Destination> resolve_destination(const catalog::Catalog& cat, const std::string& dest,
                                              const std::string& date,
                                              std::vector<std::string>& notes,
                                              const std::string& buyer) {
  if (dest.empty()) {
    if (!date.empty() || !buyer.empty()) {
      return core::make_error(core::ErrorCode::usage,
                              fmt::format("{}: a {} needs a destination (--dest CC)",
                                          date.empty() ? "--buyer" : "--date",
                                          date.empty() ? "buyer profile" : "date"));
    }
    return Destination{};
  }
  if (auto st = policy::check_buyer(buyer, "--buyer"); !st) return st.error();
  auto rules = policy_rules(cat);
  if (!rules) return rules.error();
  auto country = (*rules)->find_country(dest);
  if (!country) return country.error();
  auto when = resolve_date(**rules, date, notes);
  if (!when) return when.error();
  Destination out;
  out.country = (*country)->code;
  out.date = *when;
  out.rules = *rules;
  out.buyer = buyer;
  out.deliveries = &cat.deliveries;
  return out;
}

core::Result<ClassifyAnswer> classify(const catalog::Catalog& cat, const ClassifyRequest& r) {
  if (!r.chip.empty() && !r.spec.empty()) {
    return core::make_error(core::ErrorCode::usage, "give a chip id or --spec FILE, not both");
  }
  if (r.chip.empty() && r.spec.empty()) {
    return core::make_error(core::ErrorCode::usage, "classify needs a chip id or --spec FILE");
  }
  auto rules = policy_rules(cat);
  if (!rules) return rules.error();
  ClassifyAnswer a;
  hw::Chip spec_chip;
  const hw::Chip* chip = nullptr;
  if (!r.spec.empty()) {
    auto loaded = catalog::load_chip_file(r.spec);
    if (!loaded) return loaded.error();
    spec_chip = std::move(loaded).value();
    chip = &spec_chip;
  } else {
    auto found = cat.find_chip(r.chip);
    if (!found) return found.error();
    if (!found->note.empty()) a.notes.push_back(found->note);
    chip = found->item;
  }
  auto date = resolve_date(**rules, r.date, a.notes);
  if (!date) return date.error();
  auto c = policy::classify(**rules, *chip, *date);
  if (!c) return c.error();
  a.classification = std::move(*c);
  return a;
}

core::Result<AccessAnswer> access(const catalog::Catalog& cat, const AccessRequest& r) {
  auto rules = policy_rules(cat);
  if (!rules) return rules.error();
  AccessAnswer a;
  auto found = cat.find_chip(r.chip);
  if (!found) return found.error();
  if (!found->note.empty()) a.notes.push_back(found->note);
  auto date = resolve_date(**rules, r.date, a.notes);
  if (!date) return date.error();
  auto acc = policy::access(**rules, *found->item, r.dest, *date, r.hq, r.buyer);
  if (!acc) return acc.error();
  a.access = std::move(*acc);
  return a;
}

core::Result<LimitsAnswer> limits(const catalog::Catalog& cat, const LimitsRequest& r) {
  auto rules = policy_rules(cat);
  if (!rules) return rules.error();
  LimitsAnswer a;
  auto date = resolve_date(**rules, r.date, a.notes);
  if (!date) return date.error();
  auto l = policy::design_limits(**rules, r.die_area_mm2, *date, !r.not_datacenter);
  if (!l) return l.error();
  a.limits = std::move(*l);
  return a;
}

core::Result<TimelineAnswer> timeline(const catalog::Catalog& cat, const TimelineRequest& r) {
  auto rules = policy_rules(cat);
  if (!rules) return rules.error();
  TimelineAnswer a;
  policy::TimelineQuery q;
  if (!r.chip.empty()) {
    auto found = cat.find_chip(r.chip);
    if (!found) return found.error();
    if (!found->note.empty()) a.notes.push_back(found->note);
    q.chip = found->item;
  }
  q.destination = r.dest;
  q.headquarters = r.hq;
  auto entries = policy::timeline(**rules, q);
  if (!entries) return entries.error();
  a.entries = std::move(*entries);
  a.chip = q.chip;
  a.destination = r.dest;
  return a;
}

}  // namespace suanli::api
