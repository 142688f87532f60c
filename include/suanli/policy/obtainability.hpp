// Obtainability: whether a buyer in a destination can actually get a chip on a date, one word
// that folds the export licence outcome, the destination's own measures and the sale window
// together. Plans rank only obtainable chips (available, licensed) unless asked to widen.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "suanli/hw/chip.hpp"
#include "suanli/policy/date.hpp"

namespace suanli::policy {

enum class Obtainability {
  available,     // no licence needed (not controlled, or a licence exception covers it)
  licensed,      // licences are issued for this chip and destination (with levy and conditions)
  case_by_case,  // a licence is required and reviewed case by case; none known issued
  denied,        // a licence is required under a presumption of denial
  blocked,       // the destination's own measures bar it (customs, procurement bans)
  not_on_sale,   // before the chip's launch
  unknown,       // a figure the classification needs is missing
};

std::string_view to_string(Obtainability o);  // "available", "case_by_case", ...
std::optional<Obtainability> parse_obtainability(std::string_view text);
std::vector<std::string> obtainability_names();  // in declaration order

// True for the statuses a buyer can act on without an open question: available and licensed.
bool obtainable(Obtainability o);

// First day of the chip's launch period as its data gives it ("2025" -> 2025-01-01, "2025-07" ->
// 2025-07-01, "2025-07-15"); nullopt when the chip has no launch date or it is not one of these.
std::optional<Date> launch_date(const hw::Chip& chip);

}  // namespace suanli::policy
