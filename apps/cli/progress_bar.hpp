// Progress of a long library call drawn on stderr as one self-overwriting bar, only when stderr
// is a terminal (so piped and golden outputs stay deterministic), and erased when done.
#pragma once

#include <string>

#include "cli_context.hpp"
#include "suanli/core/progress.hpp"

namespace suanli::cli {

class ProgressBar {
 public:
  // `label` leads the bar ("fit", "leave-one-source-out"); empty for none.
  ProgressBar(CliContext& ctx, std::string label);
  ~ProgressBar();
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;

  // The callback to hand the library: empty when stderr is not a terminal. Valid while this
  // object lives.
  core::Progress callback();

  // Erases the bar if one was drawn (before an error is printed; the destructor does it too).
  void clear();

 private:
  CliContext& ctx_;
  std::string label_;
  bool drawn_ = false;
};

}  // namespace suanli::cli
