// Pareto front: the points that no other point beats on every objective (all minimized), e.g.
// $/M tokens vs TPOT across systems. Quadratic and exact; plans have at most a few hundred points.
#pragma once

#include <cstddef>
#include <vector>

namespace suanli::search {

// True when `a` is no worse than `b` on every objective and better on at least one (minimized).
bool dominates(const std::vector<double>& a, const std::vector<double>& b);

// Indices of the non-dominated points, ordered by the first objective, then the next ones, then
// index. Of identical points only the first is kept. Points must all have the same size.
std::vector<std::size_t> pareto_front(const std::vector<std::vector<double>>& points);

}  // namespace suanli::search
