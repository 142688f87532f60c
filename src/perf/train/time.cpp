// Time and chip-hours to train a number of tokens (docs/models/training.md, "Time to train").
#include <fmt/format.h>

#include <cmath>

#include "suanli/perf/train/time.hpp"

namespace suanli::perf {

core::Result<TrainingRun> time_to_train(const TrainingEstimate& estimate, double tokens) {
  constexpr double max_tokens = 1e16;
  if (!(tokens > 0) || tokens > max_tokens) {
    return core::make_error(core::ErrorCode::invalid_input,
                            fmt::format("tokens to train must be in (0, 1e16], got {}", tokens));
  }
  if (!(estimate.tokens_per_step > 0) || !(estimate.step_time > 0)) {
    return core::make_error(core::ErrorCode::internal, "training estimate has no step time");
  }
  TrainingRun run;
  run.tokens = tokens;
  run.steps = std::ceil(tokens / estimate.tokens_per_step);
  run.wall_s = run.steps * estimate.step_time;
  run.days = run.wall_s / 86400;
  run.chips = estimate.layout.chips();
  run.chip_hours = run.chips * run.wall_s / 3600;
  return run;
}

}  // namespace suanli::perf
