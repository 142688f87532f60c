// Reads data/policies/: countries.yaml (ISO codes -> EAR groups, AI Diffusion tier) and one file
// per rule or event. Every problem is reported with file:line; unknown keys are errors.
#include <fmt/format.h>

#include <algorithm>

#include "detail/loaders.hpp"
#include "detail/policy_fields.hpp"
#include "suanli/policy/buyer.hpp"

namespace suanli::catalog::detail {
namespace {

void load_countries(const SourceFile& file, policy::RuleSet& into, Problems& problems) {
  const auto doc = read_yaml(file, problems);
  if (!doc) return;
  MapReader r(*doc, "", problems);
  if (!r.valid()) return;
  into.country_sources = r.string_list("sources");
  if (into.country_sources.empty()) {
    problems.add(*doc, "sources", "required: the citations for the groups and tiers");
  }
  const YAML::Node list = r.get("countries");
  if (!list.IsMap() || list.size() == 0) {
    problems.add(list, "countries", "expected a mapping of ISO codes to {name, groups, tier}");
  } else {
    for (const auto& kv : list) {
      policy::Country c;
      c.code = kv.first.as<std::string>("");
      const std::string path_c = "countries." + c.code;
      if (c.code.size() != 2 || !std::isupper(static_cast<unsigned char>(c.code[0])) ||
          !std::isupper(static_cast<unsigned char>(c.code[1]))) {
        problems.add(kv.first, path_c, "'" + c.code + "' is not an ISO 3166-1 alpha-2 code");
      }
      MapReader cr(kv.second, path_c, problems);
      if (!cr.valid()) continue;
      c.name = cr.string("name", true).value_or("");
      c.groups = cr.string_list("groups");
      c.treated_as = cr.string("treated_as", false).value_or("");
      c.note = cr.string("note", !c.treated_as.empty()).value_or("");
      if (c.treated_as.empty()) c.tier = cr.integer("tier", true, 1, 3).value_or(2);
      cr.finish();
      into.countries.push_back(std::move(c));
    }
  }
  r.finish();
  std::sort(into.countries.begin(), into.countries.end(),
            [](const policy::Country& a, const policy::Country& b) { return a.code < b.code; });
  for (const policy::Country& c : into.countries) {
    if (c.treated_as.empty()) continue;
    const auto target =
        std::find_if(into.countries.begin(), into.countries.end(),
                     [&](const policy::Country& o) { return o.code == c.treated_as; });
    if (target == into.countries.end() || !target->treated_as.empty()) {
      problems.add(list[c.code], "countries." + c.code + ".treated_as",
                   fmt::format("'{}' must name a country that is not itself treated as another",
                               c.treated_as));
    }
  }
}

std::optional<policy::RuleBody> read_body(const std::string& kind, MapReader& r,
                                          const PolicyFieldReader& f) {
  Problems& p = r.problems();
  auto chips = [&](const char* key, bool required) {
    if (!r.has(key)) {
      if (required) p.add(r.node(), key, "required key is missing");
      return policy::ChipSelector{};
    }
    return f.chips(r.get(key), key, p);
  };
  auto dests = [&](const char* key, bool required) {
    if (!r.has(key)) {
      if (required) p.add(r.node(), key, "required key is missing");
      return policy::DestinationSet{};
    }
    return f.destinations(r.get(key), key, p);
  };
  if (kind == "classification") {
    policy::ClassificationRule c;
    const YAML::Node ps = r.get("paragraphs");
    if (!ps.IsSequence() || ps.size() == 0)
      p.add(ps, "paragraphs", "expected a list of paragraphs");
    for (std::size_t i = 0; ps.IsSequence() && i < ps.size(); ++i) {
      MapReader pr(ps[i], fmt::format("paragraphs[{}]", i), p);
      if (!pr.valid()) continue;
      policy::Paragraph para;
      para.eccn = pr.string("eccn", true).value_or("");
      para.text = pr.string("text", true).value_or("");
      para.when = f.conditions(pr.get("when"), pr.child_path("when"), p);
      pr.finish();
      c.paragraphs.push_back(std::move(para));
    }
    if (r.has("non_datacenter")) {
      MapReader nd(r.get("non_datacenter"), "non_datacenter", p);
      if (nd.valid()) {
        c.non_datacenter_requires = f.conditions(nd.get("requires"), "non_datacenter.requires", p);
        c.non_datacenter_text = nd.string("text", true).value_or("");
        nd.finish();
      }
    }
    return c;
  }
  if (kind == "licence_requirement") {
    policy::LicenceRule l;
    l.chips = chips("chips", true);
    l.destinations = dests("destinations", true);
    if (r.has("headquarters")) {
      l.headquarters = dests("headquarters", false);
      l.headquarters_review = f.review_policy(r, "headquarters_review", true)
                                  .value_or(policy::ReviewPolicy::presumption_of_denial);
    }
    l.review = f.review(r.get("review"), "review", p);
    if (r.has("exceptions")) l.exceptions = f.exceptions(r.get("exceptions"), "exceptions", p);
    if (r.has("caps")) l.caps = f.caps(r.get("caps"), "caps", p);
    return l;
  }
  if (kind == "amendment") {
    policy::AmendmentRule a;
    a.amends = r.string("amends", true).value_or("");
    if (r.has("add_destinations")) a.add_destinations = dests("add_destinations", false);
    if (r.has("exceptions")) a.exceptions = f.exceptions(r.get("exceptions"), "exceptions", p);
    if (!r.has("add_destinations") && !a.exceptions) {
      p.add(r.node(), "amendment", "an amendment needs add_destinations or exceptions");
    }
    return a;
  }
  if (kind == "review_change") {
    policy::ReviewChangeRule c;
    c.chips = chips("chips", true);
    c.destinations = dests("destinations", true);
    for (const std::string& w : r.string_list("from")) {
      if (auto pol = policy::parse_review_policy(w)) {
        c.from.push_back(*pol);
      } else {
        p.add(r.get("from"), "from", fmt::format("'{}' is not a review policy", w));
      }
    }
    c.to = f.review_policy(r, "to", true).value_or(policy::ReviewPolicy::case_by_case);
    c.levy_percent = r.number("levy_percent", false, 0, 100).value_or(0);
    c.levy_basis = r.string("levy_basis", c.levy_percent > 0).value_or("");
    c.conditions = r.string("conditions", false).value_or("");
    return c;
  }
  if (kind == "levy") {
    policy::LevyRule l;
    l.chips = chips("chips", true);
    l.destinations = dests("destinations", true);
    l.percent = r.number("percent", true, 0, 100).value_or(0);
    l.basis = r.string("basis", true).value_or("");
    l.requires_rule = r.string("requires_rule", false).value_or("");
    return l;
  }
  if (kind == "risk") {
    policy::RiskRule k;
    k.chips = chips("chips", true);
    k.destinations = dests("destinations", true);
    k.blocking = r.boolean("blocking", true).value_or(false);
    k.text = r.string("text", true).value_or("");
    k.buyers = r.string_list("buyers");
    for (const std::string& b : k.buyers) {
      if (auto st = policy::check_buyer(b, "buyers"); !st)
        p.add(r.get("buyers"), "buyers", st.error().message);
    }
    return k;
  }
  if (kind == "hbm_control") {
    policy::HbmRule h;
    const auto text = r.string("memory_bandwidth_density_min", true);
    const std::string suffix = " GB/s/mm2";
    if (text) {
      try {
        if (text->size() <= suffix.size() || text->substr(text->size() - suffix.size()) != suffix) {
          throw std::invalid_argument("unit");
        }
        h.density_min = std::stod(text->substr(0, text->size() - suffix.size()));
      } catch (const std::exception&) {
        p.add(r.get("memory_bandwidth_density_min"), "memory_bandwidth_density_min",
              fmt::format("'{}' is not a density such as '2 GB/s/mm2'", *text));
      }
    }
    h.affected = chips("affected", true);
    h.destinations = dests("destinations", true);
    h.text = r.string("text", true).value_or("");
    return h;
  }
  if (kind == "announcement") {
    policy::AnnouncementRule a;
    a.chips = chips("chips", false);
    a.destinations = dests("destinations", false);
    return a;
  }
  const auto kinds = policy::rule_kinds();
  p.add(r.get("kind"), "kind", fmt::format("'{}' is not one of: {}", kind, fmt::join(kinds, ", ")),
        core::did_you_mean(kind, kinds));
  return std::nullopt;
}

std::optional<policy::Rule> load_rule(const SourceFile& file, const policy::RuleSet& known,
                                      Problems& problems) {
  const std::size_t before = problems.size();
  const auto doc = read_yaml(file, problems);
  if (!doc) return std::nullopt;
  MapReader r(*doc, "", problems);
  if (!r.valid()) return std::nullopt;
  policy::Rule rule;
  rule.file = file.path.string();
  rule.id = r.string("id", true).value_or("");
  if (!rule.id.empty()) check_id_matches_file(file.path, rule.id, r.get("id"), problems);
  rule.title = r.string("title", true).value_or("");
  rule.authority = r.string("authority", true).value_or("");
  if (!rule.authority.empty() && rule.authority != "us" && rule.authority != "prc") {
    problems.add(r.get("authority"), "authority", "'" + rule.authority + "' is not us or prc");
  }
  const auto effective = read_date(r, "effective", true);
  const auto ends = read_date(r, "ends", false);
  rule.end_reason = r.string("end_reason", ends.has_value()).value_or("");
  if (effective) rule.effective = *effective;
  if (ends) rule.ends = *ends;
  if (effective && ends && !(*effective < *ends)) {
    problems.add(r.get("ends"), "ends", "must be after the effective date");
  }
  rule.citations = r.string_list("citations");
  if (rule.citations.empty()) {
    problems.add(r.node(), "citations", "required: at least one citation (document and date)");
  }
  rule.summary = r.string("summary", true).value_or("");
  r.string("notes", false);  // free-form caveats for readers of the file
  const auto kind = r.string("kind", true);
  if (kind) {
    PolicyFieldReader fields(known);
    if (auto body = read_body(*kind, r, fields)) rule.body = std::move(*body);
  }
  r.finish();
  if (problems.size() != before) return std::nullopt;
  return rule;
}

}  // namespace

void load_policy_dir(const CatalogDir& dir, policy::RuleSet& into,
                     std::vector<core::Problem>& problems) {
  if (const auto countries = file_of(dir, "policies/countries.yaml")) {
    Problems p(countries->path.string());
    if (!into.countries.empty()) {
      p.add_line(0, "countries", "a country table is already loaded from another directory");
    } else {
      load_countries(*countries, into, p);
    }
    for (auto& x : p.take()) problems.push_back(std::move(x));
  }
  for (const auto& file : yaml_files(dir, "policies")) {
    if (file.path.filename() == "countries.yaml") continue;
    Problems p(file.path.string());
    if (into.countries.empty()) {
      p.add_line(0, "", "policies/countries.yaml is missing: rules name destinations by country");
    } else if (auto rule = load_rule(file, into, p)) {
      into.rules.push_back(std::move(*rule));
    }
    for (auto& x : p.take()) problems.push_back(std::move(x));
  }
}

}  // namespace suanli::catalog::detail
