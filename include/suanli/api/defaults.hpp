// Every default the product applies when a request leaves a choice open, decided here once: the
// serving stack of a vendor, the training stack, the serving and training precisions, the
// training weight format, the systems `compare` looks at. Values that are data come from
// data/defaults.yaml (catalog::Defaults).
#pragma once

#include <string>
#include <vector>

#include "suanli/catalog/catalog.hpp"
#include "suanli/hw/chip.hpp"
#include "suanli/hw/dtype.hpp"

namespace suanli::api {

inline constexpr hw::Dtype default_serving_weights = hw::Dtype::fp8;    // infer, compare, plan
inline constexpr hw::Dtype default_training_compute = hw::Dtype::bf16;  // train, plan --train
inline constexpr double default_acceptance = 0.8;  // speculative draft acceptance rate

// The serving stack of the chip's vendor (data/defaults.yaml serving_stack).
std::string serving_stack(const catalog::Catalog& cat, const hw::Chip& chip);

// The training stack for the efficiency lookup (data/defaults.yaml training_stack).
std::string training_stack(const catalog::Catalog& cat);

// Working weight format of a training run without --weights: 8-bit and narrower GEMMs keep
// bf16 master weights (Transformer Engine's FP8 recipe); 16-bit GEMMs keep their own format.
hw::Dtype training_weights(hw::Dtype compute);

// The systems `compare` evaluates without --systems.
const std::vector<std::string>& compare_systems(const catalog::Catalog& cat);

}  // namespace suanli::api
