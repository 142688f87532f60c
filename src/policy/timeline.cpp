#include "suanli/policy/timeline.hpp"

#include <algorithm>

#include "suanli/policy/classify.hpp"

namespace suanli::policy {
namespace {

// Destinations a rule can reach; nullptr for rules that reach every destination.
std::vector<const DestinationSet*> destinations_of(const RuleSet& rules, const Rule& r) {
  return std::visit(
      [&](const auto& b) -> std::vector<const DestinationSet*> {
        using T = std::decay_t<decltype(b)>;
        if constexpr (std::is_same_v<T, LicenceRule>) {
          return {&b.destinations, &b.headquarters};
        } else if constexpr (std::is_same_v<T, AmendmentRule>) {
          std::vector<const DestinationSet*> out{&b.add_destinations};
          if (const Rule* target = rules.find(b.amends)) {
            for (const auto* d : destinations_of(rules, *target)) out.push_back(d);
          }
          return out;
        } else if constexpr (std::is_same_v<T, ClassificationRule>) {
          return {};
        } else if constexpr (std::is_same_v<T, HbmRule>) {
          return {&b.destinations};
        } else {
          if (b.destinations.empty()) return {};
          return {&b.destinations};
        }
      },
      r.body);
}

const ChipSelector* chips_of(const RuleSet& rules, const Rule& r) {
  return std::visit(
      [&](const auto& b) -> const ChipSelector* {
        using T = std::decay_t<decltype(b)>;
        if constexpr (std::is_same_v<T, ClassificationRule>) {
          return nullptr;
        } else if constexpr (std::is_same_v<T, AmendmentRule>) {
          const Rule* target = rules.find(b.amends);
          return target != nullptr ? chips_of(rules, *target) : nullptr;
        } else if constexpr (std::is_same_v<T, HbmRule>) {
          return &b.affected;
        } else {
          return &b.chips;
        }
      },
      r.body);
}

bool reaches_destination(const RuleSet& rules, const Rule& r, const Country* dest,
                         const Country* hq) {
  if (dest == nullptr) return true;
  const auto sets = destinations_of(rules, r);
  if (sets.empty()) return true;
  return std::any_of(sets.begin(), sets.end(), [&](const DestinationSet* s) {
    return contains(*s, *dest) || (hq != nullptr && contains(*s, *hq));
  });
}

bool reaches_chip(const RuleSet& rules, const Rule& r, const hw::Chip* chip, Date on) {
  if (chip == nullptr) return true;
  const ChipSelector* sel = chips_of(rules, r);
  if (sel == nullptr || sel->empty()) return true;
  auto cls = classify(rules, *chip, std::max(on, rules.modeled_from()));
  if (!cls) return true;
  const ChipFacts facts{chip, &cls->metrics, cls->eccn, cls->possible};
  return match(*sel, facts).result != Tri::no;
}

}  // namespace

core::Result<std::vector<TimelineEntry>> timeline(const RuleSet& rules, const TimelineQuery& q) {
  const Country* dest = nullptr;
  const Country* hq = nullptr;
  if (!q.destination.empty()) {
    auto found = rules.find_country(q.destination);
    if (!found) return found.error();
    dest = &rules.resolve(**found);
  }
  if (!q.headquarters.empty()) {
    auto found = rules.find_country(q.headquarters);
    if (!found) return found.error();
    hq = &rules.resolve(**found);
  }
  std::vector<TimelineEntry> out;
  for (const Rule& r : rules.rules) {
    if (!reaches_destination(rules, r, dest, hq)) continue;
    if (!reaches_chip(rules, r, q.chip, r.effective)) continue;
    TimelineEntry e{r.effective,
                    r.id,
                    r.title,
                    r.authority,
                    std::string(r.kind()),
                    "takes effect",
                    r.summary,
                    r.citation(),
                    {},
                    {},
                    {},
                    {},
                    {},
                    false};
    out.push_back(e);
    if (r.ends) {
      e.date = *r.ends;
      e.change = "ends: " + r.end_reason;
      out.push_back(e);
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const TimelineEntry& a, const TimelineEntry& b) {
    return a.date != b.date ? a.date < b.date : a.rule_id < b.rule_id;
  });
  if (q.chip == nullptr) return out;
  std::string previous;
  for (TimelineEntry& e : out) {
    std::string state;
    if (e.date < rules.modeled_from()) continue;
    if (dest != nullptr) {
      auto a = access(rules, *q.chip, q.destination, e.date, q.headquarters);
      if (!a) return a.error();
      e.eccn = a->eccn;
      e.status = a->status;
      e.review_policy = a->review_policy;
      e.levy_percent = a->levy_percent;
      e.available = a->available;
      state = a->eccn + "|" + std::string(to_string(a->status)) + "|" +
              (a->review_policy ? std::string(to_string(*a->review_policy)) : "") + "|" +
              format_value(a->levy_percent) + "|" + (a->available ? "1" : "0");
      for (const Risk& risk : a->risks) state += "|" + risk.rule_id;
    } else {
      auto c = classify(rules, *q.chip, e.date);
      if (!c) return c.error();
      e.eccn = c->eccn;
      state = c->eccn;
    }
    e.changed = state != previous;
    previous = state;
  }
  return out;
}

}  // namespace suanli::policy
