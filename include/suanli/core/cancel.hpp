// A front end's request to stop a long computation early (the CLI sets it on SIGINT). The library
// reads it between steps and returns what it has marked as cancelled; it never installs a signal
// handler. A lock-free atomic, so a signal handler may set it.
#pragma once

#include <atomic>

namespace suanli::core {

using CancelFlag = std::atomic<bool>;

// Whether `flag` (optional: null = never cancelled) has been set.
inline bool cancelled(const CancelFlag* flag) {
  return flag != nullptr && flag->load(std::memory_order_relaxed);
}

}  // namespace suanli::core
