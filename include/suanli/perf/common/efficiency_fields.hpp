// The fields of Efficiency as data: key, member, allowed range. One table shared by the YAML
// loader, the YAML writer of `suanli calibrate` and the fit, so the three never disagree.
#pragma once

#include <string_view>
#include <vector>

#include "suanli/perf/common/efficiency.hpp"

namespace suanli::perf {

struct EfficiencyField {
  const char* key;             // YAML key, e.g. "gemm"
  double Efficiency::*member;  // the field it sets
  double min;                  // smallest allowed value
  double max;                  // largest allowed value
  const char* meaning;         // one line with the unit
};

// Every field, in declaration order.
const std::vector<EfficiencyField>& efficiency_fields();
const EfficiencyField* find_efficiency_field(std::string_view key);

}  // namespace suanli::perf
