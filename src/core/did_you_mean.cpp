#include "suanli/core/did_you_mean.hpp"

#include <algorithm>
#include <limits>
#include <numeric>

namespace suanli::core {

int edit_distance_within(std::string_view a, std::string_view b, int limit) {
  const std::size_t gap = a.size() > b.size() ? a.size() - b.size() : b.size() - a.size();
  if (gap > static_cast<std::size_t>(limit)) return limit + 1;  // a lower bound of the distance
  std::vector<int> prev(b.size() + 1);
  std::vector<int> cur(b.size() + 1);
  std::iota(prev.begin(), prev.end(), 0);
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = static_cast<int>(i);
    int row_min = cur[0];
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const int substitution = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, substitution});
      row_min = std::min(row_min, cur[j]);
    }
    // Every alignment crosses each row, and its cost never falls along the way.
    if (row_min > limit) return limit + 1;
    std::swap(prev, cur);
  }
  return std::min(prev[b.size()], limit + 1);
}

int edit_distance(std::string_view a, std::string_view b) {
  return edit_distance_within(a, b, std::numeric_limits<int>::max() - 1);
}

std::vector<std::string> closest_matches(std::string_view word,
                                         const std::vector<std::string>& candidates,
                                         std::size_t max_results) {
  const int limit = std::max(2, static_cast<int>(word.size()) / 3);
  std::vector<std::pair<int, std::size_t>> scored;
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    const std::string& c = candidates[i];
    int d = edit_distance_within(word, c, limit);
    const bool contains = word.size() >= 2 && c.find(word) != std::string::npos;
    if (contains) d = std::min(d, limit);
    if (d <= limit) scored.emplace_back(d, i);
  }
  std::stable_sort(scored.begin(), scored.end(),
                   [](const auto& x, const auto& y) { return x.first < y.first; });
  std::vector<std::string> out;
  for (const auto& [d, i] : scored) {
    if (out.size() >= max_results) break;
    out.push_back(candidates[i]);
  }
  return out;
}

std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates) {
  const std::vector<std::string> close = closest_matches(word, candidates);
  if (close.empty()) return {};
  if (close.size() == 1) return "did you mean '" + close[0] + "'?";
  std::string out = "did you mean one of";
  for (std::size_t i = 0; i < close.size(); ++i) out += (i ? ", '" : " '") + close[i] + "'";
  return out + "?";
}

}  // namespace suanli::core
