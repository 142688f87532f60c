#include "suanli/policy/buyer.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "suanli/core/did_you_mean.hpp"

namespace suanli::policy {

const std::vector<std::string>& buyer_names() {
  static const std::vector<std::string> names{"state",    "soe",     "operator",
                                              "internet", "private", "foreign"};
  return names;
}

core::Status check_buyer(std::string_view buyer, std::string_view what) {
  const auto& names = buyer_names();
  if (buyer.empty() || std::find(names.begin(), names.end(), buyer) != names.end()) {
    return core::ok_status();
  }
  core::Error e = core::make_error(core::ErrorCode::invalid_input,
                                   fmt::format("{}: '{}' is not a buyer profile (one of {})", what,
                                               buyer, fmt::join(names, ", ")));
  if (auto hint = core::did_you_mean(buyer, names); !hint.empty()) e.hints.push_back(hint);
  return e;
}

}  // namespace suanli::policy
