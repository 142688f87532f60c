// Policy questions through the front door: the rule set of the catalog, the date of a question
// (the newest policy event when none is given, with a note), a destination, and the `classify`,
// `policy access`, `policy limits` and `policy timeline` requests with their answers.
#pragma once

#include <string>
#include <vector>

#include "suanli/api/fields.hpp"
#include "suanli/catalog/catalog.hpp"
#include "suanli/policy/access.hpp"
#include "suanli/policy/classify.hpp"
#include "suanli/policy/limits.hpp"
#include "suanli/policy/timeline.hpp"
#include "suanli/search/plan_request.hpp"

namespace suanli::api {

using search::Destination;

// The catalog's export-control rules; invalid_input when the catalog has no policies/.
core::Result<const policy::RuleSet*> policy_rules(const catalog::Catalog& cat);

// `text` as a date of the rules' modeled range; "" = the newest policy event date (noted).
core::Result<policy::Date> resolve_date(const policy::RuleSet& rules, const std::string& text,
                                        std::vector<std::string>& notes);

// --dest / --date / --buyer of compare and plan: none without a destination; a date or a buyer
// profile needs one; the profile is checked (policy/buyer.hpp).
core::Result<Destination> resolve_destination(const catalog::Catalog& cat, const std::string& dest,
                                              const std::string& date,
                                              std::vector<std::string>& notes,
                                              const std::string& buyer = {});

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
  std::string chip;   // catalog chip id or alias
  std::string dest;   // destination ISO code (required)
  std::string date;   // YYYY-MM-DD; "" = the newest policy event
  std::string hq;     // ISO code of the end user's ultimate parent; "" = not known
  std::string buyer;  // buyer profile (policy/buyer.hpp); "" = not given
};

template <>
std::span<const Field<AccessRequest>> fields<AccessRequest>();

struct AccessAnswer {
  policy::AccessResult access;
  std::vector<std::string> notes;
};

core::Result<AccessAnswer> access(const catalog::Catalog& cat, const AccessRequest& request);

// `policy limits --die-area A [--date D] [--not-datacenter]`: what a design may reach outside
// each control.
struct LimitsRequest {
  double die_area_mm2 = 0;      // applicable logic-die area, mm2 (required)
  std::string date;             // YYYY-MM-DD; "" = the newest policy event
  bool not_datacenter = false;  // not designed or marketed for datacenters (3A090 Note 2)
};

template <>
std::span<const Field<LimitsRequest>> fields<LimitsRequest>();

struct LimitsAnswer {
  policy::DesignLimits limits;
  std::vector<std::string> notes;
};

core::Result<LimitsAnswer> limits(const catalog::Catalog& cat, const LimitsRequest& request);

// `policy timeline [--chip C] [--dest CC] [--hq CC]`: every dated rule change, or those that can
// reach a chip and/or a destination.
struct TimelineRequest {
  std::string chip;  // catalog chip id or alias; "" = every chip
  std::string dest;  // destination ISO code; "" = every destination
  std::string hq;    // ISO code of the end user's ultimate parent; "" = not known
};

template <>
std::span<const Field<TimelineRequest>> fields<TimelineRequest>();

struct TimelineAnswer {
  std::vector<policy::TimelineEntry> entries;  // in date order
  const hw::Chip* chip = nullptr;              // the chip asked about, if any
  std::string destination;                     // the destination asked about, if any
  std::vector<std::string> notes;
};

core::Result<TimelineAnswer> timeline(const catalog::Catalog& cat, const TimelineRequest& request);

}  // namespace suanli::api
