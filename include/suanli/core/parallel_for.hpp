// The one way the library runs work on several threads: items [0, n) are handed out in index
// order from a shared counter to `threads` workers. Each item runs at most once; a caller that
// writes item i's result to slot i (or keeps per-worker state merged in a total order) gets
// output that does not depend on thread timing.
#pragma once

#include <cstddef>
#include <functional>

namespace suanli::core {

// Whether the calling thread is one of the workers or only waits for them (with one worker the
// items always run on the caller). Each caller keeps the arrangement measured fastest for it on
// a loaded machine (docs/performance.md): short searches started often (inference, validate,
// calibrate) run on fresh threads; the training search and the planner work on the caller too.
enum class Caller { waits, works };

// Workers parallel_for starts for n items: `threads` clamped to [1, n] (1 when n is 0).
int worker_count(std::size_t n, int threads);

// Runs fn(i) for every i in [0, n) on worker_count(n, threads) workers; returns when all are
// done. An exception thrown by fn stops the handing out of items and is rethrown here.
void parallel_for(std::size_t n, int threads, const std::function<void(std::size_t)>& fn,
                  Caller caller = Caller::waits);

// As above, with the index of the worker running the item (in [0, worker_count(n, threads)));
// fn returns false to stop the handing out of further items.
void parallel_for_workers(std::size_t n, int threads,
                          const std::function<bool(std::size_t index, int worker)>& fn,
                          Caller caller = Caller::waits);

}  // namespace suanli::core
