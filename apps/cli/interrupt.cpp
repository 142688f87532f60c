#include "interrupt.hpp"

#include <csignal>

namespace suanli::cli {
namespace {

core::CancelFlag interrupted{false};
static_assert(core::CancelFlag::is_always_lock_free, "set from a signal handler");

using Handler = void (*)(int);
Handler previous = SIG_DFL;

void on_sigint(int /*signal*/) {
  interrupted.store(true, std::memory_order_relaxed);
  std::signal(SIGINT, SIG_DFL);  // a second Ctrl-C stops the process at once
}

}  // namespace

InterruptScope::InterruptScope() {
  interrupted.store(false, std::memory_order_relaxed);
  previous = std::signal(SIGINT, on_sigint);
}

InterruptScope::~InterruptScope() {
  std::signal(SIGINT, previous == SIG_ERR ? SIG_DFL : previous);
}

const core::CancelFlag* InterruptScope::flag() const {
  return &interrupted;
}

}  // namespace suanli::cli
