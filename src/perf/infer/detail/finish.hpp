// Completing an estimate once the operating point is known: memory use, per-phase breakdown,
// limiter, power and tokens per joule, and the uncertainty band.
#pragma once

#include "detail/cycle.hpp"

namespace suanli::perf::detail {

// Rejects workloads that cannot be evaluated (non-positive lengths, bad speculative settings).
std::string check_workload(const InferenceWorkload& w);

// Fills memory, the prefill/decode step breakdowns and the limiter for batch `batch` per
// instance at mean context `context`; `busiest` is the step that sets the pace.
void fill_phases(InferenceEstimate& e, const InferencePlan& plan, const MemoryPlan& mem,
                 const InferenceWorkload& w, double batch, double context, const StepTime& busiest);

// Power per chip (TDP scaled by the busy share of `busiest`, plus the host share of the system
// power when known), tokens per joule and the band from the efficiency entry.
void fill_energy_and_band(InferenceEstimate& e, const InferencePlan& plan, const StepTime& busiest);

// Per-chip rates from the deployment totals.
void fill_per_chip(InferenceEstimate& e);

}  // namespace suanli::perf::detail
