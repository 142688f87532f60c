// Which chips a rule reaches: by catalog id, vendor, market, memory type, datacenter flag, ECCN
// class on the date asked, and metric thresholds, with "any of" alternatives. Matching is
// three-valued so that a missing figure yields "unknown" and the trace says why.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "suanli/hw/chip.hpp"
#include "suanli/policy/conditions.hpp"

namespace suanli::policy {

struct ChipSelector {
  std::vector<std::string> chips;         // catalog ids; empty = no restriction
  std::vector<std::string> vendors;       // vendor ids, e.g. "nvidia"
  std::vector<std::string> markets;       // "global", "china-sku", "domestic-cn"
  std::vector<std::string> memory_types;  // prefixes of the memory type, e.g. "HBM"
  std::vector<std::string> eccn;          // classes under the classification in force
  std::optional<bool> datacenter;         // designed or marketed for datacenters
  std::vector<Condition> all_of;          // metric tests that must all hold
  std::vector<ChipSelector> any_of;       // at least one must match, when not empty

  bool empty() const;  // matches every chip
};

// What a selector is matched against.
struct ChipFacts {
  const hw::Chip* chip = nullptr;          // never null
  const PolicyMetrics* metrics = nullptr;  // never null
  std::string eccn;                        // class on the date, or "indeterminate"
  std::vector<std::string> possible_eccn;  // classes still possible when indeterminate
};

struct SelectorMatch {
  Tri result = Tri::no;  // yes, no or unknown
  std::string why;       // the deciding facts in words
};

SelectorMatch match(const ChipSelector& s, const ChipFacts& facts);

// Short description, e.g. "3A090.a.1, 3A090.a.2; market global, china-sku".
std::string describe(const ChipSelector& s);

}  // namespace suanli::policy
