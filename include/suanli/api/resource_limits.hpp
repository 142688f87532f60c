// The caps on the work one request may ask of the library, in one place for every front end
// (CLI, HTTP server, Python): layout candidates of an inference search, cases of a suite, and
// the seconds, layouts and threads of a search a service allows. A request over a cap is a usage
// error naming the cap, the value asked and the option that raises it.
#pragma once

#include <cstddef>
#include <string_view>

#include "suanli/api/train.hpp"
#include "suanli/core/result.hpp"

namespace suanli::api {

// Layout candidates an inference search evaluates at most (--max-layouts raises it).
inline constexpr long long default_max_layouts = 4096;
// Cases of one validation suite at most (--max-cases raises it).
inline constexpr long long default_max_suite_cases = 100'000;

// Caps a service answering other people's requests puts on each (the server's are in
// server::ApiConfig); 0 = no cap beyond the defaults above. A request may ask for less, never more.
struct ResourceLimits {
  int max_threads = 0;            // search threads of infer, compare, train and plan
  double max_time_budget_s = 0;   // seconds of a train, plan or compare search; a request
                                  // without a budget gets this
  long long max_evaluations = 0;  // train's layouts searched; a request without one gets this
  long long max_layouts = 0;      // infer's layout candidates (max_layouts of the request)
  long long max_suite_cases = 0;  // cases of a posted suite (max_cases of the request)
};

// "KEY: VALUE is over this service's limit of LIMIT": a usage error.
core::Error over_service_limit(std::string_view key, std::string_view value,
                               std::string_view limit);

// `threads` within the cap: a stated value over it is refused, the default is lowered.
core::Status limit_threads(int& threads, bool stated, const ResourceLimits& limits);

// A search's time budget (`time_budget` of train, plan and compare) within the cap on seconds:
// a stated value over it is refused; a request without one (0) gets the cap.
core::Status limit_time_budget(double& time_budget, const ResourceLimits& limits);

// A training search within the caps on seconds and layouts: a stated value over a cap is
// refused; a request without one gets the cap.
core::Status limit_training_search(TrainRequest& request, const ResourceLimits& limits);

// A request's own cap (max_layouts, max_cases) within the service's: over it is refused; 0
// (not stated) becomes the service's cap, else `fallback`.
core::Status limit_request_cap(long long& cap, std::string_view key, long long service_cap,
                               long long fallback);

// An inference search with `candidates` layouts to evaluate within `max_layouts` (0 = the
// default); the error names the count, the cap and --max-layouts.
core::Status check_layout_count(std::size_t candidates, long long max_layouts,
                                std::string_view what);

// A suite of `cases` cases within `max_cases` (0 = the default); the error names the suite, the
// count, the cap and --max-cases.
core::Status check_suite_size(std::size_t cases, long long max_cases, std::string_view origin);

}  // namespace suanli::api
