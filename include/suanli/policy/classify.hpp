// classify(): the ECCN class of a chip on a date under the classification rule then in force
// (Oct-2022 or Oct-2023 3A090), with a Trace of every paragraph tested. A chip whose class hangs
// on an unpublished die area gets the die-area break-points at which its class changes.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "suanli/core/result.hpp"
#include "suanli/hw/chip.hpp"
#include "suanli/policy/metrics.hpp"
#include "suanli/policy/rule_set.hpp"
#include "suanli/policy/trace.hpp"

namespace suanli::policy {

inline constexpr const char* not_3a090 = "not_3A090";
inline constexpr const char* indeterminate = "indeterminate";

// The class a chip would have if its applicable die area lay in (above_mm2, up_to_mm2].
struct DieAreaBand {
  std::optional<double> above_mm2;  // exclusive lower end in mm2; nullopt = from zero
  std::optional<double> up_to_mm2;  // inclusive upper end in mm2; nullopt = unbounded
  std::string eccn;                 // class in this band
};

struct Classification {
  std::string chip_id;                      // catalog id (or the id in a --spec file)
  Date date;                                // the date asked
  std::string rule_id;                      // classification rule in force, "" when none
  std::string eccn;                         // "3A090.a.1", ..., "not_3A090" or "indeterminate"
  std::vector<std::string> possible;        // classes still possible when indeterminate
  std::vector<DieAreaBand> die_area_bands;  // when the class depends on an unpublished die area
  PolicyMetrics metrics;                    // TPP, PD, I/O, DRAM with arithmetic
  Trace trace;                              // every rule and paragraph evaluated
};

// Classifies on `date`; fails only for a date outside the modeled range.
core::Result<Classification> classify(const RuleSet& rules, const hw::Chip& chip, Date date);

// Class under one classification rule, as a function of die area (used when it is unknown).
std::vector<DieAreaBand> die_area_bands(const ClassificationRule& rule, const hw::Chip& chip,
                                        const PolicyMetrics& metrics);

// The classification rule in force on `date`, or nullptr before the first one.
const Rule* classification_rule_at(const RuleSet& rules, Date date);

// Trace entries for a rule that is not in force on `date` (not yet effective, or ended).
TraceEntry not_in_force_entry(const Rule& rule, Date date);

}  // namespace suanli::policy
