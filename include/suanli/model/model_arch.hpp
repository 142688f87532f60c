// The architecture of a transformer LLM as a flat struct, read from a Hugging Face config.json:
// dense or MoE feed-forward, MHA/GQA or MLA attention. Everything the cost models need, no weights.
#pragma once

#include <string>
#include <vector>

namespace suanli::model {

enum class AttentionKind { mha, gqa, mla };
enum class MlpKind { gated, plain };  // gated: SwiGLU/GeGLU (3 matrices); plain: GELU (2 matrices)
enum class NormKind { rms, layer };   // rms: scale only (d params); layer: scale + bias (2d)

struct ModelArch {
  std::string id;          // catalog id or the config's file name
  std::string model_type;  // Hugging Face model_type, e.g. "llama", "deepseek_v3"

  int n_layers = 0;              // transformer blocks
  int d_model = 0;               // hidden size
  int n_heads = 0;               // query heads
  int n_kv_heads = 0;            // key/value heads (== n_heads for MHA)
  int head_dim = 0;              // per-head dimension of q/k/v (non-MLA; MLA: qk_nope + qk_rope)
  int d_ff = 0;                  // intermediate size of the dense MLP
  int vocab = 0;                 // vocabulary size (padded size where the config gives one)
  bool tied_embeddings = false;  // LM head shares the embedding matrix
  MlpKind mlp = MlpKind::gated;
  AttentionKind attention = AttentionKind::gqa;
  bool qkv_bias = false;           // q/k/v projections carry biases
  bool parallel_attn_mlp = false;  // GPT-J style: attention and MLP read the same input
  int max_position = 0;            // maximum context length, tokens
  int sliding_window = 0;          // tokens; 0 = none
  int n_sliding_layers = 0;        // layers that use the sliding window (gpt-oss: every other)

  // Mixture of experts (n_experts == 0 means dense).
  int n_experts = 0;         // routed experts per MoE layer
  int n_active_experts = 0;  // routed experts per token
  int n_shared_experts = 0;  // always-active experts per MoE layer
  int d_ff_expert = 0;       // intermediate size of one routed expert
  int d_ff_shared = 0;       // intermediate size of the shared expert(s) in total
  int n_dense_layers = 0;    // leading layers with a dense MLP (DeepSeek first_k_dense_replace)
  int moe_layer_freq = 1;    // every k-th layer (after the dense ones) is MoE

  // Multi-head latent attention (DeepSeek-V2/V3).
  int q_lora_rank = 0;       // 0 = direct q projection
  int kv_lora_rank = 0;      // compressed KV latent dimension
  int qk_nope_head_dim = 0;  // per-head q/k dimension without rotary part
  int qk_rope_head_dim = 0;  // per-head rotary dimension (shared k_rope)
  int v_head_dim = 0;        // per-head value dimension

  int n_mtp_layers = 0;  // multi-token-prediction modules (not counted in params_total)

  // The model's published 4-bit (NVFP4 / MXFP4) checkpoints quantize the MLP and expert matrices
  // only and keep the attention projections (q/kv/o) in 16 bits: the config's
  // quantization_config leaves self_attn unconverted (gpt-oss), or the catalog index says so
  // with its source (DeepSeek-V3/R1: models.yaml fp4_attention).
  bool fp4_attention_16bit = false;

  // The format the published checkpoint stores its weights in, as config.json says:
  // "fp8" (quantization_config fp8, DeepSeek-V3/R1), "fp4" (mxfp4 / NVFP4, gpt-oss), "int8" or
  // "int4" (an integer method with `bits` 8 or 4), else torch_dtype or dtype ("bf16", "fp16",
  // "fp32"); "" when the config states none or a quantization method read no further.
  std::string checkpoint_weights;

  // Details that change exact parameter counts (defaults describe a Llama-style block).
  NormKind norm = NormKind::rms;     // kind of every norm in the model
  int n_norms_per_layer = 2;         // norms per block (GPT-J: 1, shared by attention and MLP)
  bool final_norm = true;            // norm after the last block (ChatGLM post_layer_norm)
  bool qk_norm = false;              // per-head RMSNorm on q and k (Qwen3): 2 x head_dim per layer
  bool attn_out_bias = false;        // output projection bias (GPT-2, GPT-NeoX, gpt-oss)
  bool attn_sinks = false;           // learned per-head sink logit (gpt-oss): n_heads per layer
  bool mlp_bias = false;             // dense MLP and expert matrices carry biases
  bool router_bias = false;          // router bias (gpt-oss) or score-correction bias (DeepSeek-V3)
  bool shared_expert_gate = false;   // sigmoid gate on the shared expert (Qwen2-MoE): d_model
  bool lm_head_bias = false;         // LM head bias (GPT-J)
  bool learned_positions = false;    // absolute position table of max_position rows (GPT-2)
  int rotary_dim = 0;                // rotary dims per head when partial (GPT-J 64); 0 = all / none
  int moe_layer_offset = 0;          // MoE iff (layer + offset) % moe_layer_freq == 0 (Qwen: 1)
  std::vector<int> mlp_only_layers;  // layers forced dense (Qwen2/3-MoE mlp_only_layers)

  bool is_moe() const { return n_experts > 0; }
  bool is_moe_layer(int layer) const;  // 0-based layer has routed experts
  int n_moe_layers() const;            // layers with routed experts
  int q_head_dim() const;              // per-head q/k width (MLA: qk_nope + qk_rope)
  int v_dim() const;                   // per-head value width (MLA: v_head_dim)
};

}  // namespace suanli::model
