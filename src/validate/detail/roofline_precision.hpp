// The number format a case that states none must have run in: the widest the chip has whose
// dense FLOP peak admits the measured rate (docs/validation.md §Assumed lengths, "Precision not
// stated").
#pragma once

#include <optional>
#include <string>

#include "suanli/catalog/catalog.hpp"
#include "suanli/hw/dtype.hpp"
#include "suanli/validate/suite.hpp"

namespace suanli::validate::detail {

// The highest rate one chip can reach, in `c`'s metric, when every FLOP of the model's weight
// GEMMs (2 x active matrix weights per token, prompt and answer tokens alike) runs at the chip's
// dense peak in `compute`, with `input` / `output` tokens per request. Attention and every other
// cost are left out, so no run can exceed it. nullopt for a metric that is not a token or sample
// rate, or when the chip has no native peak in `compute`.
std::optional<double> roofline_rate_per_chip(const Case& c, const hw::Chip& chip,
                                             const model::ModelArch& m, hw::Dtype compute,
                                             double input, double output);

// The measured rate of `c` per chip (`per` system: over system.chips; node: over
// chips_per_node); nullopt when the scope's chip count is not stated.
std::optional<double> measured_rate_per_chip(const Case& c);

struct NeededPrecision {
  hw::Dtype dtype;   // the format to predict in
  std::string note;  // why, with the numbers
};

// For a case that states no precision and would be predicted in `assumed`: when the measured
// rate is above the roofline at `assumed`, the run cannot have computed in it; the widest
// narrower format the chip has (fp8, int8, fp4, int4 in that order) whose roofline admits the
// rate, or `assumed` again with a note saying no format does. nullopt when `assumed` admits the
// rate or nothing can be said (not a rate metric, unknown scope, chip or model).
std::optional<NeededPrecision> precision_the_rate_needs(const Case& c, const catalog::Catalog& cat,
                                                        hw::Dtype assumed, double input,
                                                        double output);

}  // namespace suanli::validate::detail
