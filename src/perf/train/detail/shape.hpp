// Per-layer figures of a model that the training models use (GEMM widths, parameter counts,
// attention FLOPs, stored activation elements), computed once per problem from a ModelArch.
#pragma once

#include "suanli/model/model_arch.hpp"

namespace suanli::perf::detail {

struct TrainShape {
  int n_layers = 0;  // transformer blocks
  int n_moe = 0;     // blocks with routed experts
  int n_dense = 0;   // blocks with a dense MLP
  double d = 0;      // hidden size
  double heads = 0;  // query heads
  double vocab = 0;  // vocabulary rows of the LM head

  // GEMM widths: matmul weights of the part divided by d (one aggregated GEMM with inner d).
  double attn_cols = 0;    // attention projections of one layer
  double mlp_cols = 0;     // one dense MLP
  double expert_cols = 0;  // one routed expert
  double shared_cols = 0;  // the shared expert(s) of one MoE layer
  double n_experts = 0;    // routed experts per MoE layer
  double n_active = 0;     // routed experts per token

  // Parameters (elements) for memory and gradient traffic.
  double attn_params = 0;       // attention + norms of one layer
  double dense_mlp_params = 0;  // one dense MLP
  double moe_other_params = 0;  // shared experts + router of one MoE layer
  double expert_params = 0;     // one routed expert
  double embed_params = 0;      // input embedding (+ learned positions)
  double head_params = 0;       // LM head matrix (a tied head is a copy on the last stage)
  double final_norm = 0;        // norm after the last block (on the last stage)
  bool tied = false;            // LM head shares the input embedding
  int n_mtp = 0;                // multi-token-prediction modules (run after the last stage)
  double mtp_params = 0;        // parameters of one MTP module (its block, projection, norms)
  double mtp_matmul = 0;        // matmul weights one token touches in one MTP module (no head)
  double lora_params = 0;       // LoRA adapter parameters of one layer
  double lora_io = 0;           // sum of (in + out) widths of the adapted matrices of a layer

  // Attention core.
  double attn_flops_per_ctx = 0;  // forward FLOPs per query token per attended token per layer
  double causal_ctx = 0;          // mean attended tokens per query with a causal mask (all layers)
  double full_ctx = 0;            // mean attended tokens per query without a mask (PaLM MFU)
  double kv_elems = 0;            // K and V elements per token per layer exchanged by CP
  double qkvo_elems = 0;          // Q, K, V and O elements per token per layer (attention I/O)
  double up_cols = 0;             // MLA q/kv up-projection weights / d (recomputed when selective)

  // Bytes per logit the loss holds at its peak (docs/models/training.md, "Memory").
  double loss_bytes_per_logit = 0;

  // Stored activation elements per token per layer before TP splitting: [none, selective].
  double act_attn[2] = {0, 0};
  double act_dense_mlp[2] = {0, 0};
  double act_moe_mlp[2] = {0, 0};
  // Forward elementwise traffic in elements per token per layer (norms, residuals, rope, act).
  double elem_dense = 0;
  double elem_moe = 0;
  // Elements per token per layer cast to FP8 in the forward pass (GEMM inputs).
  double cast_dense = 0;
  double cast_moe = 0;
};

// `pytorch_native`: PyTorch-native model code (TrainingProblem::pytorch_native).
TrainShape make_train_shape(const model::ModelArch& m, int seq_len, int lora_rank,
                            bool pytorch_native);

}  // namespace suanli::perf::detail
