#include "suanli/policy/trace.hpp"

namespace suanli::policy {

std::string_view to_string(Outcome o) {
  switch (o) {
    case Outcome::pass:
      return "pass";
    case Outcome::fail:
      return "fail";
    case Outcome::unknown:
      return "unknown";
    case Outcome::applies:
      return "applies";
    case Outcome::not_applicable:
      return "not_applicable";
    case Outcome::not_in_force:
      return "not_in_force";
    case Outcome::ended:
      return "ended";
    case Outcome::info:
      return "info";
  }
  return "info";
}

}  // namespace suanli::policy
