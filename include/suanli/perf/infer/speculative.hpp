// Whether a model can draft with a speculative head (docs/models/inference.md §6).
#pragma once

#include "suanli/core/result.hpp"
#include "suanli/model/model_arch.hpp"
#include "suanli/perf/infer/config.hpp"

namespace suanli::perf {

// Refuses drafting with MTP on a model whose config has no MTP modules (with a hint to use an
// EAGLE head); any head is accepted otherwise, and no drafting is always accepted.
core::Status check_draft_head(const model::ModelArch& m, const SpecDecode& spec);

}  // namespace suanli::perf
