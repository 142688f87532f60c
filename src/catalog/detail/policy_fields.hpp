// Strict readers for the parts that policy files share: metric conditions, chip selectors,
// destination sets, review clauses, licence exceptions and quantity caps. Country codes and
// groups are checked against the country table already loaded.
#pragma once

#include <string>
#include <vector>

#include "detail/yaml_reader.hpp"
#include "suanli/policy/rule_set.hpp"

namespace suanli::catalog::detail {

// The YYYY-MM-DD date under `key` (a problem quoting the text when it is not one), or nullopt.
std::optional<policy::Date> read_date(MapReader& r, const std::string& key, bool required);

class PolicyFieldReader {
 public:
  explicit PolicyFieldReader(const policy::RuleSet& known) : known_(known) {}

  // {tpp: {min: 4800}, dram_bandwidth: {below: "6500 GB/s"}}: every bound is one condition.
  std::vector<policy::Condition> conditions(const YAML::Node& n, const std::string& path,
                                            Problems& problems) const;
  policy::ChipSelector chips(const YAML::Node& n, const std::string& path,
                             Problems& problems) const;
  policy::DestinationSet destinations(const YAML::Node& n, const std::string& path,
                                      Problems& problems) const;
  std::vector<policy::ReviewClause> review(const YAML::Node& n, const std::string& path,
                                           Problems& problems) const;
  std::vector<policy::LicenceException> exceptions(const YAML::Node& n, const std::string& path,
                                                   Problems& problems) const;
  std::vector<policy::QuantityCapRule> caps(const YAML::Node& n, const std::string& path,
                                            Problems& problems) const;
  // A review policy word, or nullopt after recording a problem.
  std::optional<policy::ReviewPolicy> review_policy(MapReader& r, const std::string& key,
                                                    bool required) const;

 private:
  void check_codes(const std::vector<std::string>& codes, const YAML::Node& at,
                   const std::string& path, Problems& problems) const;
  void check_groups(const std::vector<std::string>& groups, const YAML::Node& at,
                    const std::string& path, Problems& problems) const;

  const policy::RuleSet& known_;
};

}  // namespace suanli::catalog::detail
