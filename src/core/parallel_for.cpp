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
                          const std::function<bool(std::size_t, int)>& fn) {
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
    // Every worker is a thread of its own and the caller only waits: a caller that has been
    // running for long is scheduled behind fresh threads on a loaded machine, so making it a
    // worker made searches slower there.
    std::vector<std::jthread> pool;
    pool.reserve(static_cast<std::size_t>(workers));
    for (int w = 0; w < workers; ++w) pool.emplace_back(work, w);
  }
  if (failure) std::rethrow_exception(failure);
}

void parallel_for(std::size_t n, int threads, const std::function<void(std::size_t)>& fn) {
  parallel_for_workers(n, threads, [&](std::size_t i, int) {
    fn(i);
    return true;
  });
}

}  // namespace suanli::core
