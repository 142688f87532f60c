// Ctrl-C during a long command: while an InterruptScope lives, the first SIGINT sets its flag
// (the library stops at its next step and the command reports it, exit 130) instead of killing
// the process; a second SIGINT kills it as usual. The previous handler comes back afterwards.
#pragma once

#include "suanli/core/cancel.hpp"

namespace suanli::cli {

class InterruptScope {
 public:
  InterruptScope();
  ~InterruptScope();
  InterruptScope(const InterruptScope&) = delete;
  InterruptScope& operator=(const InterruptScope&) = delete;

  // Set once SIGINT has arrived; valid while this object lives.
  const core::CancelFlag* flag() const;
};

}  // namespace suanli::cli
