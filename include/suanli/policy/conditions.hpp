// Threshold tests on a chip's metrics ("tpp >= 4800", "dram_bandwidth < 6500 GB/s") with
// three-valued results: a test on a figure nobody published is unknown, never a guess.
#pragma once

#include <string>
#include <vector>

#include "suanli/policy/metrics.hpp"

namespace suanli::policy {

enum class Bound { min, below, max };  // value >= x, value < x, value <= x

struct Condition {
  Metric metric = Metric::tpp;  // what is tested
  Bound bound = Bound::min;     // direction of the test
  double value = 0;             // threshold in unit_of(metric)
};

// Three-valued logic for tests on incomplete figures.
enum class Tri { no, yes, unknown };

Tri tri_and(Tri a, Tri b);
Tri tri_or(Tri a, Tri b);
Tri tri_not(Tri a);

// Evaluates a condition; a lower-bound value decides only when the floor already settles it.
Tri evaluate(const Condition& c, const PolicyMetrics& m);
Tri evaluate_all(const std::vector<Condition>& all_of, const PolicyMetrics& m);

std::string_view to_string(Bound b);                         // ">=", "<", "<="
std::string threshold_text(const Condition& c);              // ">= 600 GB/s"
std::string describe(const Condition& c);                    // "io_bandwidth >= 600 GB/s"
std::string describe(const std::vector<Condition>& all_of);  // joined with " and "

}  // namespace suanli::policy
