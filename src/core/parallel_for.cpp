#include "suanli/core/parallel_for.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace suanli::core {

int worker_count(std::size_t n, int threads) {
  const std::size_t cap = std::max<std::size_t>(1, n);
  return static_cast<int>(
      std::clamp<std::size_t>(static_cast<std::size_t>(std::max(1, threads)), std::size_t{1}, cap));
}

void parallel_for_workers(std::size_t n, int threads,
                          const std::function<bool(std::size_t, int)>& fn, Caller caller) {
  const int workers = worker_count(n, threads);
  std::atomic<std::size_t> next{0};
  std::atomic<bool> stop{false};
  std::exception_ptr failure;
  std::mutex failure_mutex;
  const auto work = [&](int worker) {
    while (!stop.load(std::memory_order_relaxed)) {
      const std::size_t i = next.fetch_add(1, std::memory_order_relaxed);
      if (i >= n) return;
      try {
        if (!fn(i, worker)) stop = true;
      } catch (...) {
        const std::lock_guard lock(failure_mutex);
        if (!failure) failure = std::current_exception();
        stop = true;
      }
    }
  };
  if (workers == 1) {
    work(0);
  } else {
    const int first = caller == Caller::works ? 1 : 0;  // worker 0 runs on the caller
    std::vector<std::jthread> pool;
    pool.reserve(static_cast<std::size_t>(workers - first));
    for (int w = first; w < workers; ++w) pool.emplace_back(work, w);
    if (caller == Caller::works) work(0);
  }
  if (failure) std::rethrow_exception(failure);
}

void parallel_for(std::size_t n, int threads, const std::function<void(std::size_t)>& fn,
                  Caller caller) {
  parallel_for_workers(
      n, threads,
      [&](std::size_t i, int) {
        fn(i);
        return true;
      },
      caller);
}

}  // namespace suanli::core
