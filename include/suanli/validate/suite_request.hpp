// `validate` as a request: a suite's text (JSONL) and the kinds of case to predict, with one
// option table like every request of the front door, so the HTTP server and the Python module
// take a posted suite the way the CLI takes a suite file.
#pragma once

#include <string>
#include <vector>

#include "suanli/api/fields.hpp"
#include "suanli/validate/run.hpp"

namespace suanli::validate {

struct SuiteRequest {
  std::string suite;                        // the suite itself, JSONL text (required)
  KindFilter kind = KindFilter::inference;  // cases to predict
  long long max_cases = 0;       // cases the suite may hold; 0 = api::default_max_suite_cases
  std::string origin = "suite";  // name of the suite in error messages (not a field)
};

// The cases of the suite and their results (results point into `cases`).
struct SuiteAnswer {
  std::vector<Case> cases;
  std::vector<CaseResult> results;
  Summary summary;
  std::vector<std::string> notes;  // none today; every answer carries notes
};

// Parses the suite (invalid_input naming the bad line) and predicts the selected cases on
// `threads` workers; the results do not depend on the number of threads.
core::Result<SuiteAnswer> run_suite_request(const catalog::Catalog& cat,
                                            const SuiteRequest& request, int threads);

}  // namespace suanli::validate

namespace suanli::api {
template <>
std::span<const Field<validate::SuiteRequest>> fields<validate::SuiteRequest>();
}  // namespace suanli::api
