// A fully resolved inference deployment: the concrete parallel layout (with the MoE group that
// shares one copy of the experts), the precisions after chip fallback, efficiency and software
// profile. Everything the step-time and memory models read; built by resolve_plan().
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "suanli/core/result.hpp"
#include "suanli/hw/dtype.hpp"
#include "suanli/model/model_arch.hpp"
#include "suanli/perf/common/cluster.hpp"
#include "suanli/perf/common/efficiency.hpp"
#include "suanli/perf/common/software_profile.hpp"
#include "suanli/perf/infer/config.hpp"
#include "suanli/perf/infer/request.hpp"

namespace suanli::perf {

// Concrete layout of one pool (whole deployment, or the prefill / decode pool).
struct Layout {
  int tp = 1;         // tensor-parallel degree of attention / dense layers
  int pp = 1;         // pipeline stages
  int dp = 1;         // attention data-parallel ranks (replicas x DP-attention ranks)
  int ep = 1;         // expert-parallel degree of MoE layers
  int etp = 1;        // tensor-parallel degree inside one expert
  int moe_group = 1;  // chips of one stage sharing a copy of the experts: ep x etp (>= tp)
  int dpa = 1;        // attention ranks inside one MoE group (DP attention): moe_group / tp
  int instances = 1;  // independent model instances: dp / dpa
  int chips() const { return tp * pp * dp; }
  int chips_per_instance() const { return pp * moe_group; }
  // The layout as a request's parallelism that resolve_layout() turns back into this layout:
  // experts sliced by tensor parallelism alone (ep 1, etp > 1) leave ep unset (0), so the same
  // MoE group is derived again; otherwise ep is the expert-parallel degree.
  InferenceParallelism as_parallelism() const { return {tp, pp, dp, etp > 1 && ep == 1 ? 0 : ep}; }
};

// The layout in words: "tp1 dp8 ep8", with pp when > 1 and etp when it differs from tp.
std::string layout_text(const Layout& l);

// Precisions actually used after chip fallback.
struct ResolvedPrecision {
  hw::Dtype weights = hw::Dtype::bf16;    // GEMM weight storage
  hw::Dtype compute = hw::Dtype::bf16;    // GEMM math
  hw::Dtype kv_cache = hw::Dtype::bf16;   // KV-cache storage
  hw::Dtype attention = hw::Dtype::bf16;  // attention-core math
  double weight_bytes = 2;                // bytes per weight element incl. block scales
  // Attention projections (q/kv/o) kept in 16 bits while the body's GEMMs run 4-bit (a
  // checkpoint that leaves them unquantized, ModelArch::fp4_attention_16bit); none = the body's.
  // Always a 16-bit format when set: the step runs them at the 16-bit rate.
  std::optional<hw::Dtype> projections;

  hw::Dtype projection_format() const { return projections.value_or(compute); }
  double projection_bytes() const {
    return projections ? hw::bytes_per_element(*projections) : weight_bytes;
  }
};

struct InferencePlan {
  const model::ModelArch* model = nullptr;  // never null in a valid plan
  Cluster cluster;                          // the chips of this pool
  Layout layout;
  ResolvedPrecision precision;
  Efficiency eff;
  SoftwareProfile software;
  int step_tokens = 8192;            // tokens per engine step (chunked-prefill budget)
  double draft_params_per_chip = 0;  // speculative draft head weights on one chip (0 = none)
  bool explain = false;              // the estimate lists its step op by op
  std::vector<std::string> notes;    // fallbacks and assumptions made while resolving
};

// Resolves dtypes against the chip (fp8 on a chip without fp8 -> bf16, fp4 before Blackwell ->
// fp8, ...), adding a note for each fallback. `software` picks the default KV format; fp4 weights
// of a model whose 4-bit checkpoints keep attention in 16 bits leave its projections in bf16.
ResolvedPrecision resolve_precision(const hw::Chip& chip, const model::ModelArch& model,
                                    const InferencePrecision& want, const SoftwareProfile& software,
                                    std::vector<std::string>& notes);

// The tp, pp and dp of a partially given layout over `n_chips` chips: a missing pp is what the
// others leave (or 1), a missing tp or dp the rest; an invalid-input error names the degrees
// (given or derived, "?" where none) when their product is not `n_chips`.
core::Result<InferenceParallelism> resolve_degrees(const InferenceParallelism& given, int n_chips);

// Completes a partially given layout for `n_chips` chips (tp x pp x dp = n_chips). Missing tp/pp
// default to 1 / the rest; for MoE models a missing ep spreads the experts over the smallest
// group of attention ranks whose weights fit. Errors name the inconsistent values.
core::Result<Layout> resolve_layout(const model::ModelArch& m, const InferenceParallelism& given,
                                    int n_chips, const hw::Chip& chip, hw::Dtype weights);

// Layout with every degree given (no fitting heuristics); checks divisibility.
core::Result<Layout> make_layout(const model::ModelArch& m, int tp, int pp, int dp, int ep);

// The plan of one pool: `n_chips` of the request's cluster with `parallelism` (precision
// fallbacks, layout, software profile, step budget).
core::Result<InferencePlan> build_plan(const InferenceRequest& request, int n_chips,
                                       const InferenceParallelism& parallelism);

}  // namespace suanli::perf
