#include "suanli/api/resource_limits.hpp"

#include <fmt/format.h>

#include <cmath>

namespace suanli::api {
namespace {

core::Error usage(std::string message) {
  return core::make_error(core::ErrorCode::usage, std::move(message));
}

// `count` within `given` (0: `fallback`), else a usage error; `message` and `hint` are format
// strings of the count {0}, the cap {1} and `what` {2}.
core::Status within_cap(std::size_t count, long long given, long long fallback,
                        std::string_view message, std::string_view hint, std::string_view what) {
  const long long cap = given > 0 ? given : fallback;
  if (static_cast<long long>(count) <= cap) return core::ok_status();
  core::Error e = usage(fmt::format(fmt::runtime(message), count, cap, what));
  e.hints.push_back(fmt::format(fmt::runtime(hint), count, cap, what));
  return e;
}

}  // namespace

core::Error over_service_limit(std::string_view key, std::string_view value,
                               std::string_view limit) {
  return usage(fmt::format("{}: {} is over this service's limit of {}", key, value, limit));
}

core::Status limit_threads(int& threads, bool stated, const ResourceLimits& limits) {
  if (limits.max_threads <= 0 || threads <= limits.max_threads) return core::ok_status();
  if (stated) {
    return over_service_limit("threads", std::to_string(threads),
                              std::to_string(limits.max_threads));
  }
  threads = limits.max_threads;
  return core::ok_status();
}

core::Status limit_time_budget(double& time_budget, const ResourceLimits& l) {
  if (!(time_budget >= 0) || !std::isfinite(time_budget)) {
    return usage(fmt::format("time_budget: {} is not a number of seconds, 0 or more", time_budget));
  }
  if (l.max_time_budget_s <= 0) return core::ok_status();
  if (time_budget > l.max_time_budget_s) {
    return over_service_limit("time_budget", fmt::format("{:g} s", time_budget),
                              fmt::format("{:g} s", l.max_time_budget_s));
  }
  if (time_budget == 0) time_budget = l.max_time_budget_s;
  return core::ok_status();
}

core::Status limit_training_search(TrainRequest& r, const ResourceLimits& l) {
  if (auto st = limit_time_budget(r.time_budget, l); !st) return st;
  if (l.max_evaluations > 0) {
    if (r.max_evaluations > l.max_evaluations) {
      return over_service_limit("max_evaluations", std::to_string(r.max_evaluations),
                                std::to_string(l.max_evaluations));
    }
    if (r.max_evaluations == 0) r.max_evaluations = l.max_evaluations;
  }
  return core::ok_status();
}

core::Status limit_request_cap(long long& cap, std::string_view key, long long service_cap,
                               long long fallback) {
  if (service_cap > 0 && cap > service_cap) {
    return over_service_limit(key, std::to_string(cap), std::to_string(service_cap));
  }
  if (cap == 0) cap = service_cap > 0 ? service_cap : fallback;
  return core::ok_status();
}

core::Status check_layout_count(std::size_t candidates, long long max_layouts,
                                std::string_view what) {
  return within_cap(candidates, max_layouts, default_max_layouts,
                    "the layout search of {2} has {0} candidates, over the limit of {1} "
                    "(--max-layouts)",
                    "--max-layouts {0} searches them all; giving --tp, --pp or --dp narrows the "
                    "search",
                    what);
}

core::Status check_suite_size(std::size_t cases, long long max_cases, std::string_view origin) {
  return within_cap(cases, max_cases, default_max_suite_cases,
                    "{2}: {0} cases are over the limit of {1} per suite (--max-cases)",
                    "--max-cases {0} reads them all; or split the suite", origin);
}

}  // namespace suanli::api
