// A sourced value of a data file, {value: "<text>", source: <key>, date: "YYYY-MM", estimate:
// "..."}, read with its parser and plausible range; shared by the price and switching loaders.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "detail/yaml_reader.hpp"
#include "suanli/core/result.hpp"
#include "suanli/hw/chip.hpp"

namespace suanli::catalog::detail {

using Parse = std::function<core::Result<double>(std::string_view)>;

struct Sourced {
  double value = 0;      // parsed, in the parser's base unit
  std::string citation;  // the citation the source key names
  std::string date;      // as written ("" when not required and absent)
  std::string estimate;  // reasoning when an estimate
};

// The mapping under `key` of `parent`; a problem for every missing or bad part (the source must
// be a key of `sources`; `need_date` makes the date required).
std::optional<Sourced> read_sourced(MapReader& parent, const std::string& key, const Parse& parse,
                                    double min, double max, bool need_date,
                                    const std::vector<hw::SourceRef>& sources);

// The citation of source `key`, or `key` itself when `sources` lacks it.
std::string citation_of(const std::vector<hw::SourceRef>& sources, const std::string& key);

// The citation of `parent[key]`: a key of `sources`, or a list of them (citations joined by "; ");
// a problem with did-you-mean for a key `sources` lacks, or when required and absent. The keys
// found go to `keys` when given.
std::string read_citation(MapReader& parent, const std::string& key,
                          const std::vector<hw::SourceRef>& sources, bool required = true,
                          std::vector<std::string>* keys = nullptr);

core::Result<double> parse_usd_value(std::string_view t);  // "16000 USD" -> 16000
core::Result<double> parse_plain(std::string_view t);      // "0.7" -> 0.7

}  // namespace suanli::catalog::detail
