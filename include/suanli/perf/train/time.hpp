// Time to train a number of tokens with a training estimate: optimizer steps, wall-clock days and
// chip-hours. Money and energy are added by the cost engine from the same figures.
#pragma once

#include "suanli/core/result.hpp"
#include "suanli/perf/train/step.hpp"

namespace suanli::perf {

struct TrainingRun {
  double tokens = 0;      // tokens to train on
  double steps = 0;       // optimizer steps (rounded up)
  double wall_s = 0;      // s of wall-clock time, no failures or restarts
  double days = 0;        // wall_s in days
  double chip_hours = 0;  // chips x wall hours
  int chips = 0;          // chips of the job
};

// Errors: tokens not positive or beyond 1e16.
core::Result<TrainingRun> time_to_train(const TrainingEstimate& estimate, double tokens);

}  // namespace suanli::perf
