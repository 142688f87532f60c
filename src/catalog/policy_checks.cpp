// Cross-file checks of data/policies after every file is read: rules sorted by date, amendment and
// levy references, non-overlapping classification rules, and chip ids named by selectors.
#include <fmt/format.h>

#include <algorithm>

#include "detail/loaders.hpp"

namespace suanli::catalog::detail {
namespace {

void add_named(const policy::ChipSelector& s, std::vector<std::string>& out) {
  for (const auto& c : s.chips) out.push_back(c);
  for (const auto& alt : s.any_of) add_named(alt, out);
}

// Every catalog chip id a rule names, in its selectors and exceptions.
std::vector<std::string> named_chips(const policy::Rule& r) {
  std::vector<std::string> out;
  std::visit(
      [&](const auto& b) {
        using T = std::decay_t<decltype(b)>;
        if constexpr (std::is_same_v<T, policy::HbmRule>) {
          add_named(b.affected, out);
        } else if constexpr (std::is_same_v<T, policy::LicenceRule>) {
          add_named(b.chips, out);
          for (const auto& x : b.exceptions) add_named(x.chips, out);
        } else if constexpr (std::is_same_v<T, policy::AmendmentRule>) {
          if (b.exceptions) {
            for (const auto& x : *b.exceptions) add_named(x.chips, out);
          }
        } else if constexpr (!std::is_same_v<T, policy::ClassificationRule>) {
          add_named(b.chips, out);
        }
      },
      r.body);
  return out;
}

}  // namespace

void check_policies(policy::RuleSet& set, const std::vector<std::string>& chip_ids,
                    std::vector<core::Problem>& problems) {
  std::sort(set.rules.begin(), set.rules.end(), [](const policy::Rule& a, const policy::Rule& b) {
    return a.effective != b.effective ? a.effective < b.effective : a.id < b.id;
  });
  auto problem = [&](const policy::Rule& r, const std::string& key, std::string msg,
                     std::string hint = {}) {
    problems.push_back(core::Problem{r.file, 0, key, std::move(msg), std::move(hint)});
  };
  std::vector<std::string> ids;
  for (const auto& r : set.rules) ids.push_back(r.id);
  const policy::Rule* last_class = nullptr;
  for (const policy::Rule& r : set.rules) {
    for (const std::string& chip : named_chips(r)) {
      if (std::find(chip_ids.begin(), chip_ids.end(), chip) != chip_ids.end()) continue;
      problem(r, "chips", fmt::format("unknown chip '{}'", chip),
              core::did_you_mean(chip, chip_ids));
    }
    if (std::count(ids.begin(), ids.end(), r.id) > 1 && set.find(r.id) != &r) {
      problem(r, "id", fmt::format("rule id '{}' is defined twice", r.id));
    }
    if (const auto* a = std::get_if<policy::AmendmentRule>(&r.body)) {
      const policy::Rule* target = set.find(a->amends);
      if (target == nullptr || !std::holds_alternative<policy::LicenceRule>(target->body)) {
        problem(r, "amends", fmt::format("'{}' is not a licence_requirement rule", a->amends),
                core::did_you_mean(a->amends, ids));
      }
    }
    if (const auto* l = std::get_if<policy::LevyRule>(&r.body); l && !l->requires_rule.empty()) {
      if (set.find(l->requires_rule) == nullptr) {
        problem(r, "requires_rule", fmt::format("unknown rule '{}'", l->requires_rule),
                core::did_you_mean(l->requires_rule, ids));
      }
    }
    if (std::holds_alternative<policy::ClassificationRule>(r.body)) {
      if (last_class != nullptr && (!last_class->ends || r.effective < *last_class->ends)) {
        problem(r, "effective",
                fmt::format("classification rules overlap: '{}' is still in force "
                            "on {}; give it an end date",
                            last_class->id, r.effective.to_string()));
      }
      last_class = &r;
    }
  }
}

}  // namespace suanli::catalog::detail
