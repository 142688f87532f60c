// The library's one reading of the clock: seconds since a start (progress reports, the answer's
// elapsed time, the server's access log) and the deadline of a time budget (searches that stop
// when it passes). Nothing else in the library reads a clock, so an answer depends on time only
// where a budget is given.
#pragma once

#include <chrono>

namespace suanli::core {

// Seconds since construction, on a monotonic clock.
class Stopwatch {
 public:
  Stopwatch() : start_(std::chrono::steady_clock::now()) {}

  [[nodiscard]] double elapsed_s() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  }

 private:
  std::chrono::steady_clock::time_point start_;
};

// A time budget that starts at construction; a budget of 0 (or less) never passes.
class Deadline {
 public:
  Deadline() = default;
  explicit Deadline(double budget_s) : budget_s_(budget_s) {}

  [[nodiscard]] bool limited() const { return budget_s_ > 0; }
  [[nodiscard]] double budget_s() const { return budget_s_; }
  [[nodiscard]] double elapsed_s() const { return clock_.elapsed_s(); }
  // True once more than the budget has gone by (never without one).
  [[nodiscard]] bool passed() const { return limited() && clock_.elapsed_s() > budget_s_; }

 private:
  Stopwatch clock_;
  double budget_s_ = 0;
};

}  // namespace suanli::core
