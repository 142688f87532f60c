// Policy questions through the front door: the rule set of the catalog, the date of a question
// (the newest policy event when none is given, with a note), a destination, and the `classify`
// and `policy access` requests with their answers.
#pragma once

#include <string>
#include <vector>

#include "suanli/api/fields.hpp"
#include "suanli/catalog/catalog.hpp"
#include "suanli/policy/access.hpp"
#include "suanli/policy/classify.hpp"
#include "suanli/search/plan_request.hpp"

namespace suanli::api {

using search::Destination;

// The catalog's export-control rules; invalid_input when the catalog has no policies/.
core::Result<const policy::RuleSet*> policy_rules(const catalog::Catalog& cat);

// `text` as a date of the rules' modeled range; "" = the newest policy event date (noted).
core::Result<policy::Date> resolve_date(const policy::RuleSet& rules, const std::string& text,
                                        std::vector<std::string>& notes);

// --dest / --date of compare and plan: none without a destination; a date needs one.
core::Result<Destination> resolve_destination(const catalog::Catalog& cat, const std::string& dest,
                                              const std::string& date,
                                              std::vector<std::string>& notes);

// `classify CHIP [--date D]` or `classify --spec FILE`.
struct ClassifyRequest {
  std::string chip;  // catalog chip id or alias
  std::string spec;  // path to a chip YAML in the data/chips schema (a hypothetical design)
  std::string date;  // YYYY-MM-DD; "" = the newest policy event
};

template <>
std::span<const Field<ClassifyRequest>> fields<ClassifyRequest>();

struct ClassifyAnswer {
  policy::Classification classification;
  std::vector<std::string> notes;
};

core::Result<ClassifyAnswer> classify(const catalog::Catalog& cat, const ClassifyRequest& request);

// `policy access CHIP --dest CC [--date D] [--hq CC]`.
struct AccessRequest {
  std::string chip;  // catalog chip id or alias
  std::string dest;  // destination ISO code (required)
  std::string date;  // YYYY-MM-DD; "" = the newest policy event
  std::string hq;    // ISO code of the end user's ultimate parent; "" = not known
};

template <>
std::span<const Field<AccessRequest>> fields<AccessRequest>();

struct AccessAnswer {
  policy::AccessResult access;
  std::vector<std::string> notes;
};

core::Result<AccessAnswer> access(const catalog::Catalog& cat, const AccessRequest& request);

}  // namespace suanli::api
