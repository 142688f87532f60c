// Buyer profiles: the kinds of PRC buyer that the destination's own measures treat differently
// (state-funded projects, SOEs, telecom operators, internet platforms, other private firms,
// foreign-invested firms). A risk rule names the profiles it binds (data/policies, `buyers`).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "suanli/core/result.hpp"

namespace suanli::policy {

// "state", "soe", "operator", "internet", "private", "foreign", in that order.
const std::vector<std::string>& buyer_names();

// Ok for "" (no profile) and the names above; else invalid_input naming the choices, with
// did-you-mean. `what` prefixes the message (e.g. "--buyer").
core::Status check_buyer(std::string_view buyer, std::string_view what);

}  // namespace suanli::policy
