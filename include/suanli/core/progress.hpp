// Progress of a long computation (a search over systems or layouts), for front ends that show
// it: items done of the total and seconds since the start. May be called from worker threads.
#pragma once

#include <atomic>
#include <cstddef>
#include <functional>

#include "suanli/core/stopwatch.hpp"

namespace suanli::core {

using Progress = std::function<void(std::size_t done, std::size_t total, double elapsed_s)>;

// Counts finished items of a parallel_for and reports each to a Progress (when one is given).
class ProgressCounter {
 public:
  ProgressCounter(const Progress& progress, std::size_t total)
      : progress_(progress), total_(total) {}

  void item_done() {
    const std::size_t done = ++done_;
    if (!progress_) return;
    progress_(done, total_, clock_.elapsed_s());
  }

 private:
  const Progress& progress_;
  std::size_t total_;
  Stopwatch clock_;
  std::atomic<std::size_t> done_{0};
};

}  // namespace suanli::core
