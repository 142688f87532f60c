// Loader of data/switching/: the monthly engineer cost (labour.yaml) and one software stack per
// other file, each figure {value, source, estimate} (docs/data-format.md §switching).
#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "detail/loaders.hpp"
#include "detail/sourced.hpp"

namespace suanli::catalog::detail {
namespace {

constexpr double max_engineer_months = 1000;

std::optional<cost::Param> read_param(MapReader& r, const std::string& key, const Parse& parse,
                                      double min, double max, bool need_date,
                                      const std::vector<hw::SourceRef>& sources) {
  auto v = read_sourced(r, key, parse, min, max, need_date, sources);
  if (!v) return std::nullopt;
  return cost::Param{v->value, v->citation, v->estimate};
}

// ramp: {factors: [0.6, 0.8], source: KEY, estimate: "..."}; each factor in (0, 1).
void read_ramp(MapReader& top, const std::vector<hw::SourceRef>& sources, cost::Stack& s) {
  MapReader r(top.get("ramp"), top.child_path("ramp"), top.problems());
  if (!r.valid()) return;
  const YAML::Node list = r.get("factors");
  if (!list.IsSequence()) {
    r.problems().add(list, r.child_path("factors"),
                     "expected a list of monthly throughput fractions, e.g. [0.6, 0.8]");
  } else {
    for (std::size_t i = 0; i < list.size(); ++i) {
      const double f = list[i].IsScalar() ? list[i].as<double>(-1.0) : -1.0;
      if (!(f > 0 && f < 1)) {
        r.problems().add(list[i], fmt::format("{}[{}]", r.child_path("factors"), i),
                         "expected a fraction of the mature throughput in (0, 1)");
        continue;
      }
      s.ramp.push_back(f);
    }
  }
  s.ramp_basis.source = read_citation(r, "source", sources);
  s.ramp_basis.estimate = r.string("estimate", false).value_or("");
  r.finish();
}

void read_gaps(MapReader& top, const std::vector<hw::SourceRef>& sources, cost::Stack& s) {
  const YAML::Node list = top.get("gaps");
  if (!list.IsSequence()) {
    top.problems().add(list, top.child_path("gaps"), "expected a list of gaps (may be [])");
    return;
  }
  for (std::size_t i = 0; i < list.size(); ++i) {
    MapReader r(list[i], fmt::format("gaps[{}]", i), top.problems());
    if (!r.valid()) continue;
    cost::StackGap g;
    if (auto when = r.string("when", true)) {
      if (auto w = cost::parse_gap_when(*when)) {
        g.when = *w;
      } else {
        const auto names = cost::gap_when_names();
        r.problems().add(r.get("when"), r.child_path("when"),
                         fmt::format("'{}' is not one of {}", *when, fmt::join(names, ", ")),
                         core::did_you_mean(*when, names));
      }
    }
    g.text = r.string("text", true).value_or("");
    g.source = read_citation(r, "source", sources);
    r.finish();
    s.gaps.push_back(std::move(g));
  }
}

std::optional<cost::Stack> load_stack(MapReader& top, const std::string& stem) {
  cost::Stack s;
  const auto sources = read_sources(top);
  const auto id = top.string("id", true);
  if (id && *id != stem) {
    top.problems().add(top.get("id"), "id",
                       fmt::format("id '{}' differs from the file name '{}'", *id, stem));
  }
  s.id = stem;
  s.name = top.string("name", true).value_or("");
  s.vendors = top.string_list("vendors");
  if (s.vendors.empty()) {
    top.problems().add(top.node(), "vendors", "a stack needs the chip vendors that run it");
  }
  MapReader porting(top.get("porting"), "porting", top.problems());
  if (porting.valid()) {
    auto inference =
        read_param(porting, "inference", parse_plain, 0.01, max_engineer_months, false, sources);
    auto training =
        read_param(porting, "training", parse_plain, 0.01, max_engineer_months, false, sources);
    porting.finish();
    if (inference) s.porting_inference = *inference;
    if (training) s.porting_training = *training;
  }
  read_ramp(top, sources, s);
  read_gaps(top, sources, s);
  return s;
}

}  // namespace

void load_switching_dir(const CatalogDir& dir, cost::SwitchingBook& into,
                        std::vector<core::Problem>& problems) {
  for (const auto& file : yaml_files(dir, "switching")) {
    Problems p(file.path.string());
    const std::string stem = file.path.stem().string();
    if (const auto doc = read_yaml(file, p)) {
      MapReader top(*doc, "", p);
      if (top.valid()) {
        const std::size_t before = p.size();
        if (stem == "labour") {
          const auto sources = read_sources(top);
          if (auto v = read_param(top, "usd_per_engineer_month", parse_usd_value, 1e3, 1e6, true,
                                  sources)) {
            into.usd_per_engineer_month = *v;
          }
        } else {
          auto s = load_stack(top, stem);
          if (s && p.size() == before) {
            std::erase_if(into.stacks, [&](const cost::Stack& x) { return x.id == s->id; });
            into.stacks.push_back(std::move(*s));
          }
        }
        top.finish();
      }
    }
    for (auto& problem : p.take()) problems.push_back(std::move(problem));
  }
}

void check_switching(cost::SwitchingBook& book, std::vector<core::Problem>& problems) {
  std::sort(book.stacks.begin(), book.stacks.end(),
            [](const cost::Stack& a, const cost::Stack& b) { return a.id < b.id; });
  if (!book.stacks.empty() && book.usd_per_engineer_month.source.empty()) {
    problems.push_back(core::Problem{"switching/labour.yaml",
                                     0,
                                     "usd_per_engineer_month",
                                     "software stacks are given but no monthly engineer cost",
                                     {}});
  }
  std::map<std::string, std::string> vendor_stack;
  for (const cost::Stack& s : book.stacks) {
    for (const std::string& v : s.vendors) {
      auto [it, inserted] = vendor_stack.emplace(v, s.id);
      if (!inserted) {
        problems.push_back(core::Problem{
            fmt::format("switching/{}.yaml", s.id),
            0,
            "vendors",
            fmt::format("vendor '{}' is listed by two stacks, '{}' and '{}'", v, it->second, s.id),
            {}});
      }
    }
  }
}

}  // namespace suanli::catalog::detail
