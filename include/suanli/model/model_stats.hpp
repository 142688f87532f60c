// Quantities derived from a ModelArch: parameter counts (total and active per token), forward
// FLOPs per token, and KV-cache bytes per token. Equations in docs/models/model.md.
#pragma once

#include "suanli/hw/dtype.hpp"
#include "suanli/model/model_arch.hpp"

namespace suanli::model {

// Parameter counts (elements, not bytes). Multi-token-prediction modules are reported in `mtp`
// and excluded from `total` and `active`.
struct ParamCounts {
  double total = 0;           // every parameter, embeddings and LM head included
  double active = 0;          // parameters touched per token (routed experts: only the active ones)
  double embedding = 0;       // input embedding (+ untied LM head)
  double attention = 0;       // all layers' attention projections
  double mlp_dense = 0;       // dense MLP layers
  double experts_routed = 0;  // all routed experts over all layers
  double experts_shared = 0;  // shared experts over all layers
  double router = 0;          // gate matrices
  double norms = 0;           // layer norms
  double embedding_input = 0;  // input token (+ learned position) tables, part of `embedding`
  double lm_head = 0;          // untied LM head (+ bias), part of `embedding`; 0 when tied
  double mtp = 0;              // multi-token-prediction modules (DeepSeek-V3), not in total/active
};

ParamCounts count_params(const ModelArch& m);

// Active parameters without the input embedding table (OpenAI's and DeepSeek's convention for
// "active parameters"; Mistral and Qwen count the table). LM head included.
double active_params_excluding_input_embedding(const ModelArch& m);

// Attention parameters of one layer.
double attention_params_per_layer(const ModelArch& m);

// Matrix (GEMM) weights touched per token: active weights without norms, biases, sinks and
// embedding lookups, LM head included.
double active_matmul_params(const ModelArch& m);

// Matrix weights one token touches in one decoder layer: the attention projections plus the
// dense MLP, or (moe_layer) the router, active routed experts and shared expert.
double layer_matmul_params(const ModelArch& m, bool moe_layer);

// KV-cache bytes stored per token over all layers for a cache dtype (MLA: latent + rope key).
double kv_bytes_per_token(const ModelArch& m, hw::Dtype kv_dtype);

// Elements cached per token per layer (K and V together; MLA: kv_lora_rank + rope dim).
double kv_elements_per_token_per_layer(const ModelArch& m);

// KV-cache bytes of one sequence holding `context` tokens: sliding-window layers keep at most
// sliding_window tokens.
double kv_cache_bytes(const ModelArch& m, hw::Dtype kv_dtype, double context);

// Forward FLOPs per token of the weight GEMMs: 2 x active_matmul_params (LM head included).
double forward_gemm_flops_per_token(const ModelArch& m);

// Forward attention-score FLOPs (QK^T and PV) for one token attending to `context` tokens.
double attention_flops_per_token(const ModelArch& m, double context);

}  // namespace suanli::model
