// The one shape of "this cannot be done" across inference, training, validate and plan: the
// reason in words and the limit that failed, as a closed set a program can switch on.
#pragma once

#include <string>
#include <string_view>

namespace suanli::api {

enum class Limit {
  memory,    // weights, KV cache or activations do not fit in device memory
  kv_cache,  // not one sequence fits in the KV cache left after the weights
  ttft_slo,  // the time-to-first-token limit cannot be met
  tpot_slo,  // the time-per-output-token limit cannot be met
  layout,    // no parallel layout divides the chips / the model
  spec,      // a figure the estimate needs is missing from the catalog
  budget,    // over the capex or rent budget
  power,     // over the facility power limit
  access,    // the chip cannot be had for the destination on the date
  price,     // no price for the chip
  software,  // the serving stack asked for does not run on the chip's vendor
  other,     // any other reason (the text says which)
};

std::string_view to_string(Limit limit);

struct Infeasible {
  std::string reason;  // e.g. "weights 1.34 TB exceed 8 x 96 GB"
  Limit limit = Limit::other;
};

// The limit named by an engine's reason text (the engines' reasons are worded by limit).
Limit limit_of_reason(std::string_view reason);

}  // namespace suanli::api
