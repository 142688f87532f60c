// Loader of data/prices/: hardware prices, electricity by region, cloud rates and the cost-model
// defaults. Every value is {value, source, date, estimate}; a later catalog directory replaces
// entries of an earlier one with the same key (user prices override the built-in ones).
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <regex>

#include "detail/loaders.hpp"
#include "detail/sourced.hpp"
#include "suanli/units/parse.hpp"

namespace suanli::catalog::detail {
namespace {

core::Result<double> parse_years(std::string_view t) {
  const std::string s(t);
  const auto pos = s.rfind(" years");
  if (pos == std::string::npos || pos + 6 != s.size()) {
    return core::make_error(core::ErrorCode::invalid_input,
                            fmt::format("'{}' is not a duration in years (e.g. '4 years')", t));
  }
  return parse_plain(std::string_view(s).substr(0, pos));
}

// Replaces an entry with the same key or appends; a duplicate inside one file is a problem.
template <class T, class Key>
void merge(std::vector<T>& into, T item, Key key, std::set<std::string>& seen_in_file,
           MapReader& at, const std::string& what) {
  const std::string k = key(item);
  if (!seen_in_file.insert(k).second) {
    at.problems().add(at.node(), at.path(), fmt::format("{} '{}' is listed twice", what, k));
    return;
  }
  for (T& existing : into) {
    if (key(existing) == k) {
      existing = std::move(item);
      return;
    }
  }
  into.push_back(std::move(item));
}

// Calls `each` with a reader for every mapping in the list under `key`.
template <class F>
void for_each_entry(MapReader& top, const std::string& key, F each) {
  const YAML::Node list = top.get(key);
  if (!list.IsDefined() || list.IsNull()) {
    top.problems().add(top.node(), top.child_path(key), "required key is missing");
    return;
  }
  if (!list.IsSequence()) {
    top.problems().add(list, top.child_path(key), "expected a list of entries");
    return;
  }
  for (std::size_t i = 0; i < list.size(); ++i) {
    MapReader r(list[i], fmt::format("{}[{}]", key, i), top.problems());
    if (!r.valid()) continue;
    each(r);
    r.finish();
  }
}

void load_hardware(MapReader& top, const std::vector<hw::SourceRef>& sources,
                   std::vector<cost::PriceEntry>& into, double max_usd) {
  std::set<std::string> seen;
  for_each_entry(top, "prices", [&](MapReader& r) {
    const auto id = r.string("id", true);
    auto price = read_sourced(r, "price", parse_usd_value, 1, max_usd, true, sources);
    if (!id || !price) return;
    cost::PriceEntry e{*id, units::Usd(price->value), price->date, price->citation,
                       price->estimate};
    merge(
        into, std::move(e), [](const cost::PriceEntry& x) { return x.id; }, seen, r, "id");
  });
}

void load_electricity(MapReader& top, const std::vector<hw::SourceRef>& sources,
                      cost::PriceBook& book) {
  std::set<std::string> seen;
  const Parse per_kwh = [](std::string_view t) { return cost::parse_usd_per(t, "kWh"); };
  for_each_entry(top, "regions", [&](MapReader& r) {
    const auto region = r.string("region", true);
    const auto name = r.string("name", true);
    auto price = read_sourced(r, "price", per_kwh, 0.001, 2, true, sources);
    if (!region || !name || !price) return;
    cost::ElectricityRate e{*region,     *name,           price->value,
                            price->date, price->citation, price->estimate};
    merge(
        book.electricity, std::move(e), [](const cost::ElectricityRate& x) { return x.region; },
        seen, r, "region");
  });
}

void load_cloud(MapReader& top, const std::vector<hw::SourceRef>& sources, cost::PriceBook& book) {
  std::set<std::string> seen;
  const Parse per_hour = [](std::string_view t) { return cost::parse_usd_per(t, "h"); };
  for_each_entry(top, "rates", [&](MapReader& r) {
    const auto chip = r.string("chip", true);
    const auto region = r.string("region", true);
    const auto terms = r.string("terms", true);
    auto price = read_sourced(r, "price", per_hour, 0.01, 200, true, sources);
    if (!chip || !region || !terms || !price) return;
    cost::CloudRate e{*chip,       *region,         price->value,   *terms,
                      price->date, price->citation, price->estimate};
    merge(
        book.cloud, std::move(e),
        [](const cost::CloudRate& x) { return x.chip_id + "@" + x.region; }, seen, r, "rate");
  });
}

// rates: [{date: YYYY-MM-DD, cny_per_usd: 7.1, source: KEY}]
void load_fx(MapReader& top, const std::vector<hw::SourceRef>& sources, cost::PriceBook& book) {
  static const std::regex day("^[0-9]{4}-(0[1-9]|1[0-2])-[0-3][0-9]$");
  std::set<std::string> seen;
  const auto keys = source_keys(sources);
  for_each_entry(top, "rates", [&](MapReader& r) {
    const auto date = r.string("date", true);
    const auto rate = r.number("cny_per_usd", true, 1, 20);
    const auto source = r.string("source", true);
    if (!date || !rate || !source) return;
    if (!std::regex_match(*date, day)) {
      r.problems().add(r.get("date"), r.child_path("date"),
                       fmt::format("'{}' is not a date YYYY-MM-DD", *date));
      return;
    }
    if (!keys.contains(*source)) {
      r.problems().add(r.get("source"), r.child_path("source"),
                       fmt::format("source '{}' is not listed under 'sources'", *source),
                       core::did_you_mean(*source, {keys.begin(), keys.end()}));
      return;
    }
    cost::FxRate e{*date, *rate, citation_of(sources, *source)};
    merge(
        book.fx, std::move(e), [](const cost::FxRate& x) { return x.date; }, seen, r, "date");
  });
}

void load_defaults(MapReader& top, const std::vector<hw::SourceRef>& sources,
                   cost::CostDefaults& d) {
  const Parse facility = [](std::string_view t) { return cost::parse_usd_per(t, "kW/month"); };
  struct Field {
    const char* key;
    cost::Param* param;
    Parse parse;
    double min, max;
  };
  const auto fields = std::to_array<Field>({
      {"amortization", &d.amortization_years, parse_years, 0.5, 30},
      {"utilization_inference", &d.utilization_inference, parse_plain, 0.01, 1},
      {"utilization_training", &d.utilization_training, parse_plain, 0.01, 1},
      {"pue", &d.pue, parse_plain, 1, 5},
      {"node_overhead", &d.node_overhead, parse_plain, 0, 5},
      {"server_overhead", &d.server_overhead, parse_plain, 0, 5},
      {"network_fraction", &d.network_fraction, parse_plain, 0, 2},
      {"facility", &d.facility_usd_per_kw_month, facility, 0, 10000},
      {"levy_pass_through", &d.levy_pass_through, parse_plain, 0, 1},
      {"failure_rate", &d.failure_rate, parse_plain, 0, 1},
  });
  if (auto region = top.string("region", false)) d.region = *region;
  for (const Field& f : fields) {
    if (!top.has(f.key)) continue;
    if (auto v = read_sourced(top, f.key, f.parse, f.min, f.max, false, sources)) {
      *f.param = cost::Param{v->value, v->citation, v->estimate};
    }
  }
}

}  // namespace

void load_price_dir(const CatalogDir& dir, cost::PriceBook& into,
                    std::vector<core::Problem>& problems) {
  static const std::vector<std::string> names{"chips",       "cloud", "defaults",
                                              "electricity", "fx",    "systems"};
  for (const auto& file : yaml_files(dir, "prices")) {
    Problems p(file.path.string());
    const std::string stem = file.path.stem().string();
    if (std::find(names.begin(), names.end(), stem) == names.end()) {
      p.add_line(0, "",
                 fmt::format("unknown price file '{}' (expected one of: {})",
                             file.path.filename().string(), fmt::join(names, ", ")),
                 core::did_you_mean(stem, names));
    } else if (const auto doc = read_yaml(file, p)) {
      MapReader top(*doc, "", p);
      if (top.valid()) {
        const auto sources = read_sources(top);
        if (stem == "chips") load_hardware(top, sources, into.chips, 1e8);
        if (stem == "systems") load_hardware(top, sources, into.systems, 1e9);
        if (stem == "electricity") load_electricity(top, sources, into);
        if (stem == "cloud") load_cloud(top, sources, into);
        if (stem == "fx") load_fx(top, sources, into);
        if (stem == "defaults") load_defaults(top, sources, into.defaults);
        top.finish();
      }
    }
    for (auto& problem : p.take()) problems.push_back(std::move(problem));
  }
}

void check_prices(Catalog& cat, std::vector<core::Problem>& problems) {
  cost::PriceBook& book = cat.prices;
  const auto chips = cat.chip_ids();
  const auto systems = cat.system_ids();
  const auto check = [&](const std::string& id, const std::vector<std::string>& ids,
                         const char* file, const char* what) {
    if (std::find(ids.begin(), ids.end(), id) != ids.end()) return;
    problems.push_back(core::Problem{fmt::format("prices/{}", file), 0, "id",
                                     fmt::format("unknown {} '{}'", what, id),
                                     core::did_you_mean(id, ids)});
  };
  for (const auto& e : book.chips) check(e.id, chips, "chips.yaml", "chip");
  for (const auto& e : book.systems) check(e.id, systems, "systems.yaml", "system");
  for (const auto& e : book.cloud) check(e.chip_id, chips, "cloud.yaml", "chip");
  const bool any = !book.chips.empty() || !book.systems.empty() || !book.electricity.empty() ||
                   !book.cloud.empty() || !book.defaults.region.empty();
  if (any) {
    const cost::CostDefaults& d = book.defaults;
    const std::array params{&d.amortization_years,   &d.utilization_inference,
                            &d.utilization_training, &d.pue,
                            &d.node_overhead,        &d.server_overhead,
                            &d.network_fraction,     &d.facility_usd_per_kw_month,
                            &d.levy_pass_through,    &d.failure_rate};
    const bool complete = std::all_of(params.begin(), params.end(),
                                      [](const cost::Param* p) { return !p->source.empty(); });
    if (!complete || d.region.empty()) {
      problems.push_back(core::Problem{"prices/defaults.yaml",
                                       0,
                                       "",
                                       "the cost defaults are incomplete: every key of "
                                       "docs/models/cost.md §defaults needs a value and a source",
                                       {}});
    } else if (book.electricity_rate(d.region) == nullptr) {
      problems.push_back(core::Problem{"prices/defaults.yaml", 0, "region",
                                       fmt::format("no electricity price for the default region "
                                                   "'{}'",
                                                   d.region),
                                       core::did_you_mean(d.region, book.regions())});
    }
  }
  const auto by_id = [](const cost::PriceEntry& a, const cost::PriceEntry& b) {
    return a.id < b.id;
  };
  std::sort(book.chips.begin(), book.chips.end(), by_id);
  std::sort(book.systems.begin(), book.systems.end(), by_id);
  std::sort(book.electricity.begin(), book.electricity.end(),
            [](const auto& a, const auto& b) { return a.region < b.region; });
  std::sort(book.fx.begin(), book.fx.end(),
            [](const auto& a, const auto& b) { return a.date < b.date; });
  std::sort(book.cloud.begin(), book.cloud.end(), [](const auto& a, const auto& b) {
    return std::tie(a.chip_id, a.region) < std::tie(b.chip_id, b.region);
  });
}

}  // namespace suanli::catalog::detail
