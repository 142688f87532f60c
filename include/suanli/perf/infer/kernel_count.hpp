// Kernels one transformer layer launches per engine step, by layer kind: what the fixed cost per
// layer (Efficiency::layer_overhead_us) scales with. Under CUDA/ACL graph execution each kernel
// costs a launch gap and a ramp beyond its roofline time, so a layer of many small kernels (MLA
// with a routed MoE: ~22) pays more than a dense GQA layer (9), the reference the fitted value is
// read for. Collectives are not counted: their latency is in the collective model.
#pragma once

#include "suanli/model/model_arch.hpp"

namespace suanli::perf {

// A dense layer with GQA/MHA attention: input norm, QKV GEMM, rotary, attention, output GEMM;
// post-attention norm, gate-up GEMM, activation, down GEMM.
inline constexpr double dense_layer_kernels = 9;

// Kernels of one layer of `model`: its attention block (GQA/MHA 5; MLA 11 with a low-rank query:
// input norm, q_a, its norm, q_b, kv_a, its norm, rotary, the two absorbed products, attention,
// output; 9 with a direct q projection in place of q_a, its norm and q_b) and its MLP block (dense
// 4; routed experts 8: norm, router GEMM, top-k, permute, two grouped GEMMs, activation, combine;
// plus 3 for shared experts). Left out, as small against these: a shared expert's sigmoid gate
// (Qwen2-MoE), q/k norms (Qwen3), models without rotary embeddings; they count as the layer kind
// they are.
double layer_kernels(const model::ModelArch& model, bool moe_layer);

// Kernels a layer of plain PyTorch model code (SoftwareProfile::fused_elementwise false) launches
// beyond a serving stack's: each elementwise op is its own kernel. Two RMSNorms of 8 (to fp32,
// pow, mean, add, rsqrt, multiply, cast back, weight), rotary on q and k in fp32 (3 each: to
// fp32, complex multiply, cast back), the cache write of k and v (2), two residual adds, SiLU and
// the gate product (2): 28, in place of the 4 fused ones counted above (Meta's reference Llama
// model.py; Hugging Face modeling_llama runs the same ops).
inline constexpr double unfused_extra_kernels = 24;

}  // namespace suanli::perf
