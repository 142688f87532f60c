// The audit trail of a policy answer: every rule that was looked at, the metric and threshold it
// tested, the outcome, and the citation, so that a reader can check each step against the rule.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace suanli::policy {

// What happened when one test or rule was evaluated.
enum class Outcome {
  pass,            // the test holds (e.g. TPP >= 4800)
  fail,            // the test does not hold
  unknown,         // a figure the test needs is not published
  applies,         // the rule applies to this chip / destination / date
  not_applicable,  // the rule is in force but does not reach this chip or destination
  not_in_force,    // the rule is not yet effective on the date asked
  ended,           // the rule was rescinded, superseded or is no longer enforced on that date
  info,            // context that changes nothing (e.g. an announcement)
};

std::string_view to_string(Outcome o);

struct TraceEntry {
  std::string rule_id;              // policy file id, e.g. "us-2023-11-3a090"
  std::string step;                 // what was tested, e.g. "3A090.a.2" or "destination"
  std::string metric;               // metric name, e.g. "tpp"; empty for non-numeric steps
  std::optional<double> value;      // the chip's metric value in the metric's unit
  std::string threshold;            // e.g. ">= 4800" or ">= 600 GB/s"
  Outcome outcome = Outcome::info;  // result of this step
  std::string detail;               // arithmetic or explanation in words
  std::string citation;             // primary citation of the rule
};

using Trace = std::vector<TraceEntry>;

}  // namespace suanli::policy
