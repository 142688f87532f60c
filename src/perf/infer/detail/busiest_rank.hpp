// The busiest attention-DP rank's prompt tokens. With attention data parallelism the ranks of a
// MoE group meet at every MoE layer (dispatch/combine or gather), so a step lasts as long as its
// busiest rank's. Prompts reach the ranks in whole units (a prompt, or a chunk of one when it
// does not fit the step's token budget) at random: the number a rank starts in one step is
// Poisson, and the step waits for the largest of the group's counts, not for the mean
// (docs/models/inference.md, "Attention DP: the busiest rank").
#pragma once

namespace suanli::perf::detail {

// Expected maximum of `ranks` independent Poisson counts of mean `mean`: sum over k >= 0 of
// 1 - P(N <= k)^ranks. Exact below a mean of 600 (e^-mean underflows near 745); above it the
// normal tail bound mean + sqrt(2 mean ln ranks) of busiest_rank_load. `mean` for one rank; 0
// for a mean of 0.
double expected_max_poisson(double mean, int ranks);

// Prompt tokens on the busiest of `ranks` attention ranks per step, when each carries
// `mean_tokens` on average in units of `unit_tokens` (a prompt's computed tokens, or the budget
// left beside the decode tokens when that is smaller: chunked prefill) and a rank takes at most
// `room_tokens` in one step (the rest waits for the next). Never below the mean.
double busiest_rank_prefill_tokens(double mean_tokens, double unit_tokens, double room_tokens,
                                   int ranks);

}  // namespace suanli::perf::detail
