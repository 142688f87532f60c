// Speculative decoding (docs/models/inference.md §speculative decoding): tokens produced per
// step, tokens the target verifies, and the draft head's cost and weights.
#pragma once

#include "suanli/model/model_arch.hpp"
#include "suanli/perf/infer/config.hpp"

namespace suanli::perf::detail {

// Expected tokens produced per sequence per step (1 when off): the given acceptance length, else
// 1 + a + a^2 + ... + a^steps for a chain drafted with per-token acceptance a.
double tokens_per_step(const SpecDecode& spec);

// Tokens the target model processes per sequence per step (1 when off).
double verified_tokens(const SpecDecode& spec);

// Matrix weights one draft step touches per token, and the weights the head keeps in memory.
struct DraftHead {
  double step_params = 0;    // per token per draft step (LM head included)
  double stored_params = 0;  // weights held for the head (MTP: every module of the model)
};
DraftHead draft_head(const model::ModelArch& m, SpecMethod method);

// Multiplier on step time for drafting: 1 + steps x (one draft step / one target step), a draft
// step costing its head's matrix weights over the target's (SpecDecode::draft_cost overrides).
double draft_factor(const model::ModelArch& m, const SpecDecode& spec);

}  // namespace suanli::perf::detail
