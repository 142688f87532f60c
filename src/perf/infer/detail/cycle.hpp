// Steady-state building blocks shared by the estimate, the server-load model and the search:
// the continuous-batching cycle (decode tokens plus the prompt tokens that keep the batch full,
// arriving as whole prompts or chunks),
// pure prefill and pure decode steps, and the batch caps.
#pragma once

#include <string>

#include "detail/speculative.hpp"
#include "suanli/perf/infer/config.hpp"
#include "suanli/perf/infer/estimate.hpp"
#include "suanli/perf/infer/memory.hpp"
#include "suanli/perf/infer/step.hpp"

namespace suanli::perf::detail {

struct Cycle {
  StepTime stage;           // one stage, one micro-batch: the mean of the steps it runs
  double time = 0;          // s per cycle: every sequence advances one step (pp x stage time)
  double output_rate = 0;   // output tokens/s of one instance
  double prefill_rate = 0;  // computed prompt tokens/s of one instance
  double rank_seqs = 0;     // sequences per attention rank
  StepLoad load;            // one stage's mean load (the prompt tokens of a step on average)
  // The steps that mean runs as, prompts entering whole: `fewer` in a share 1 - more_share of
  // the steps, `more` (one prompt unit more) in the rest; more_share 0: `fewer` is `load`.
  StepLoad fewer;
  StepLoad more;
  double more_share = 0;
};

// Continuous batching with `batch` sequences per instance at mean KV length `context`; when
// `with_prefill` the steps also carry the prompt tokens that keep the batch full (I/O share), in
// whole prompts or chunks: some steps one unit more than others (docs/models/inference.md §6).
Cycle decode_cycle(const InferencePlan& plan, const InferenceWorkload& w, double batch,
                   double context, bool with_prefill);

// Why a batch cap below one sequence is infeasible: the KV cache holds no sequence of the mean
// decode context `context` (with spread answers, the context says so).
std::string no_sequence_fits(const InferenceWorkload& w, double context);

// A note when the cycle's step waits for its busiest attention-DP rank; empty otherwise.
std::string busiest_rank_note(const InferencePlan& plan, const Cycle& c);

// One prefill step of `tokens` computed prompt tokens per attention rank (prompts of `prompt`).
StepLoad prefill_load(double tokens, const Prompt& prompt);
StepTime prefill_step(const InferencePlan& plan, double tokens, const Prompt& prompt);

// KV bytes a rank holds per computed prompt token: prompts in flight hold their whole KV (cached
// prefix included) while a prefill step computes only their uncached tokens.
double kv_bytes_per_computed_token(const InferencePlan& plan, const Prompt& prompt);

// The op breakdown of one step of `load` when the plan asks for it, else nothing.
std::vector<OpLine> explain_step(const InferencePlan& plan, const StepLoad& load);

// The same for a cycle's step: the mix of the steps it runs (Cycle::fewer and Cycle::more), each
// line's parts weighted by their shares, so that the lines add up to the cycle's stage time
// before drafting.
std::vector<OpLine> explain_cycle(const InferencePlan& plan, const Cycle& c);

// Time to prefill one prompt alone (its computed tokens, chunked at the step budget, attending
// to its cached prefix and the chunks before), all stages.
double prefill_latency(const InferencePlan& plan, const Prompt& prompt);

// Prompt tokens a rank's step may take beside `rank_decode_tokens` decode tokens: the step
// budget less those tokens where the stack counts them against it (vLLM, TensorRT-LLM), the whole
// budget where it bounds prefill batches only (SGLang, MindIE, LMDeploy); at least `floor`.
double prefill_room(const InferencePlan& plan, double rank_decode_tokens, double floor);

// Largest batch per instance: KV capacity at `context`, the stack's cap and, where the stack
// counts decode tokens against it, the step budget.
double batch_cap(const InferencePlan& plan, const MemoryPlan& mem, const InferenceWorkload& w,
                 double context, BatchLimit& limit);

PhaseTime to_phase(const StepTime& s);

// The largest share of a step.
Limiter limiter_of(const StepTime& s);

}  // namespace suanli::perf::detail
