// Loader of data/deliveries/: one file per chip family, `sources` and a list of dated delivery
// facts (policy/deliveries.hpp; docs/data-format.md §deliveries). Chip ids and countries are
// checked against the catalog once every file is read.
#include <fmt/format.h>

#include <algorithm>

#include "detail/loaders.hpp"
#include "detail/policy_fields.hpp"
#include "detail/sourced.hpp"
#include "suanli/core/did_you_mean.hpp"

namespace suanli::catalog::detail {
namespace {

constexpr double max_chips = 1e9;  // a volume above a billion chips is a typo
constexpr int max_restart_months = 120;

std::optional<policy::DeliveryKind> read_kind(MapReader& r) {
  const auto text = r.string("kind", true);
  if (!text) return std::nullopt;
  if (auto k = policy::parse_delivery_kind(*text)) return k;
  const auto names = policy::delivery_kind_names();
  r.problems().add(r.get("kind"), r.child_path("kind"),
                   fmt::format("'{}' is not one of {}", *text, fmt::join(names, ", ")),
                   core::did_you_mean(*text, names));
  return std::nullopt;
}

// The keys each kind needs besides the common ones; any other is refused by finish().
void read_kind_fields(MapReader& r, policy::DeliveryFact& f) {
  if (f.kind == policy::DeliveryKind::volume) {
    f.until = read_date(r, "until", false);
    const auto low = r.number("chips_low", true, 1, max_chips);
    const auto high = r.number("chips_high", false, 1, max_chips);
    f.chips_low = low.value_or(0);
    f.chips_high = high.value_or(f.chips_low);
    if (low && high && *high < *low) {
      r.problems().add(r.get("chips_high"), r.child_path("chips_high"),
                       "must not be below chips_low");
    }
    if (f.until && *f.until < f.from) {
      r.problems().add(r.get("until"), r.child_path("until"), "must not be before 'from'");
    }
  } else if (f.kind == policy::DeliveryKind::halt) {
    f.restart_months = r.integer("restart_months", false, 1, max_restart_months).value_or(0);
  }
}

std::optional<policy::DeliveryFact> read_fact(MapReader& r, const std::string& stem,
                                              const std::vector<hw::SourceRef>& sources) {
  const std::size_t before = r.problems().size();
  policy::DeliveryFact f;
  f.file = stem;
  const auto kind = read_kind(r);
  f.chips = r.string_list("chips");
  if (f.chips.empty()) r.problems().add(r.node(), r.child_path("chips"), "required: chip ids");
  f.countries = r.string_list("countries");
  const auto reported = read_date(r, "reported", true);
  const auto from = read_date(r, "from", true);
  if (reported) f.reported = *reported;
  if (from) f.from = *from;
  if (kind) {
    f.kind = *kind;
    read_kind_fields(r, f);
  }
  f.text = r.string("text", true).value_or("");
  f.source = read_citation(r, "source", sources, true, &f.source_keys);
  f.estimate = r.string("estimate", false).value_or("");
  r.finish();
  if (r.problems().size() != before) return std::nullopt;
  return f;
}

}  // namespace

void load_deliveries_dir(const CatalogDir& dir, std::vector<policy::DeliveryFact>& into,
                         std::vector<core::Problem>& problems) {
  for (const auto& file : yaml_files(dir, "deliveries")) {
    Problems p(file.path.string());
    const std::string stem = file.path.stem().string();
    if (const auto doc = read_yaml(file, p)) {
      MapReader top(*doc, "", p);
      if (top.valid()) {
        const auto sources = read_sources(top);
        const YAML::Node list = top.get("facts");
        std::vector<policy::DeliveryFact> facts;
        if (!list.IsSequence() || list.size() == 0) {
          p.add(list, "facts", "expected a list of delivery facts");
        } else {
          for (std::size_t i = 0; i < list.size(); ++i) {
            MapReader r(list[i], fmt::format("facts[{}]", i), p);
            if (!r.valid()) continue;
            if (auto f = read_fact(r, stem, sources)) facts.push_back(std::move(*f));
          }
        }
        top.finish();
        if (p.size() == 0) {
          std::erase_if(into, [&](const policy::DeliveryFact& f) { return f.file == stem; });
          for (auto& f : facts) into.push_back(std::move(f));
        }
      }
    }
    for (auto& problem : p.take()) problems.push_back(std::move(problem));
  }
}

void check_deliveries(const Catalog& cat, std::vector<core::Problem>& problems) {
  const auto chip_ids = cat.chip_ids();
  std::vector<std::string> countries;
  for (const auto& c : cat.policies.countries) countries.push_back(c.code);
  for (const policy::DeliveryFact& f : cat.deliveries) {
    const std::string file = fmt::format("deliveries/{}.yaml", f.file);
    for (const std::string& chip : f.chips) {
      if (std::find(chip_ids.begin(), chip_ids.end(), chip) != chip_ids.end()) continue;
      problems.push_back(core::Problem{file, 0, "chips", fmt::format("unknown chip '{}'", chip),
                                       core::did_you_mean(chip, chip_ids)});
    }
    for (const std::string& code : f.countries) {
      if (countries.empty() ||
          std::find(countries.begin(), countries.end(), code) != countries.end()) {
        continue;
      }
      problems.push_back(core::Problem{file, 0, "countries",
                                       fmt::format("unknown country code '{}'", code),
                                       core::did_you_mean(code, countries)});
    }
  }
}

}  // namespace suanli::catalog::detail
