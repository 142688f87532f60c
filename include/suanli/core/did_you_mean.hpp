// "Did you mean": nearest candidates to a misspelt key or id, by edit distance.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace suanli::core {

// Levenshtein distance between two strings (case-sensitive).
int edit_distance(std::string_view a, std::string_view b);

// edit_distance(a, b) when it is at most `limit` (>= 0), else limit + 1; nothing is computed when
// the lengths alone differ by more than `limit`, and the table stops at the first row above it (a
// fuzzed 4 kB key checked against a file's keys costs no more than a typo).
int edit_distance_within(std::string_view a, std::string_view b, int limit);

// Up to `max_results` candidates close to `word` (distance <= max(2, len/3)), nearest first, ties
// in input order. Candidates that contain `word` as a substring also qualify.
std::vector<std::string> closest_matches(std::string_view word,
                                         const std::vector<std::string>& candidates,
                                         std::size_t max_results = 3);

// "did you mean 'x'?" or "did you mean one of 'x', 'y'?"; empty when nothing is close.
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace suanli::core
