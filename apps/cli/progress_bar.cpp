#include "progress_bar.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>
#include <ostream>

namespace suanli::cli {
namespace {

constexpr int bar_width = 30;

}  // namespace

ProgressBar::ProgressBar(CliContext& ctx, std::string label)
    : ctx_(ctx), label_(label.empty() ? std::string() : std::move(label) + " ") {}

ProgressBar::~ProgressBar() {
  clear();
}

void ProgressBar::clear() {
  if (!drawn_) return;
  ctx_.err << "\r" << std::string(label_.size() + 48, ' ') << "\r" << std::flush;
  drawn_ = false;
}

core::Progress ProgressBar::callback() {
  if (isatty(fileno(stderr)) == 0) return {};
  return [this](std::size_t done, std::size_t total, double elapsed) {
    if (elapsed < 1.0 || total == 0) return;
    const auto filled = static_cast<std::size_t>(bar_width * done / total);
    ctx_.err << fmt::format("\r{}[{:<30}] {:3}% {:.1f} s", label_, std::string(filled, '#'),
                            100 * done / total, elapsed)
             << std::flush;
    drawn_ = true;
  };
}

}  // namespace suanli::cli
