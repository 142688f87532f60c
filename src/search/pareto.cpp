#include "suanli/search/pareto.hpp"

#include <algorithm>

namespace suanli::search {

bool dominates(const std::vector<double>& a, const std::vector<double>& b) {
  bool better = false;
  for (std::size_t i = 0; i < a.size() && i < b.size(); ++i) {
    if (a[i] > b[i]) return false;
    if (a[i] < b[i]) better = true;
  }
  return better;
}

std::vector<std::size_t> pareto_front(const std::vector<std::vector<double>>& points) {
  std::vector<std::size_t> front;
  for (std::size_t i = 0; i < points.size(); ++i) {
    bool keep = true;
    for (std::size_t j = 0; j < points.size() && keep; ++j) {
      if (j == i) continue;
      if (dominates(points[j], points[i])) keep = false;
      // Identical points: keep the first only.
      if (j < i && points[j] == points[i]) keep = false;
    }
    if (keep) front.push_back(i);
  }
  std::sort(front.begin(), front.end(), [&](std::size_t a, std::size_t b) {
    if (points[a] != points[b]) return points[a] < points[b];
    return a < b;
  });
  return front;
}

}  // namespace suanli::search
