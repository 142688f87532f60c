#include "detail/shape.hpp"

#include <algorithm>

#include "suanli/model/model_stats.hpp"

namespace suanli::perf::detail {
namespace {

// Mean attended tokens per query over a sequence of `s` tokens: causal (each token sees the ones
// before it) or full, with an optional sliding window `w` (0 = none).
double causal_context(double s, double w) {
  if (w <= 0 || w >= s) return s / 2;
  return w - w * w / (2 * s);  // mean of min(i, w) over i in [0, s)
}
double full_context(double s, double w) {
  return (w <= 0 || w >= s) ? s : w;
}

}  // namespace

TrainShape make_train_shape(const model::ModelArch& m, int seq_len, int lora_rank,
                            bool pytorch_native) {
  TrainShape t;
  const model::ParamCounts pc = model::count_params(m);
  t.n_layers = m.n_layers;
  t.n_moe = m.n_moe_layers();
  t.n_dense = m.n_layers - t.n_moe;
  t.d = m.d_model;
  t.heads = m.n_heads;
  t.vocab = m.vocab;
  const double d = t.d;
  const double gated = m.mlp == model::MlpKind::gated ? 3.0 : 2.0;

  const double norm = (m.norm == model::NormKind::layer ? 2.0 : 1.0) * d;
  const double attn_layer = model::attention_params_per_layer(m);
  t.attn_cols = attn_layer / d;
  t.mlp_cols = gated * m.d_ff;
  t.expert_cols = gated * m.d_ff_expert;
  t.shared_cols = gated * m.d_ff_shared;
  t.n_experts = m.n_experts;
  t.n_active = m.n_active_experts;

  t.attn_params = attn_layer + m.n_norms_per_layer * norm;
  t.dense_mlp_params = t.n_dense > 0 ? pc.mlp_dense / t.n_dense : 0;
  if (t.n_moe > 0) {
    t.moe_other_params = (pc.experts_shared + pc.router) / t.n_moe;
    t.expert_params = m.n_experts > 0 ? pc.experts_routed / (t.n_moe * t.n_experts) : 0;
  }
  t.n_mtp = std::max(0, m.n_mtp_layers);
  if (t.n_mtp > 0) {
    t.mtp_params = pc.mtp / t.n_mtp;
    const double mlp =
        m.is_moe() ? t.n_active * t.expert_cols + t.shared_cols + t.n_experts : t.mlp_cols;
    t.mtp_matmul = d * (t.attn_cols + mlp) + 2 * d * d;  // block + eh_proj (2d -> d)
  }
  t.embed_params = pc.embedding_input;
  t.tied = m.tied_embeddings;
  t.final_norm = m.final_norm ? norm : 0.0;
  t.head_params = m.tied_embeddings ? t.vocab * d : pc.lm_head;

  // Attention widths per token per layer.
  const double qh = m.q_head_dim();
  const double vd = m.v_dim();
  const bool mla = m.attention == model::AttentionKind::mla;
  const double q = t.heads * qh;
  const double k = mla ? t.heads * qh : static_cast<double>(m.n_kv_heads) * m.head_dim;
  const double v = mla ? t.heads * vd : static_cast<double>(m.n_kv_heads) * m.head_dim;
  const double o = t.heads * vd;
  const double latents = mla ? m.q_lora_rank + m.kv_lora_rank + m.qk_rope_head_dim : 0.0;
  t.kv_elems = k + v;
  if (mla) {
    t.up_cols = (m.q_lora_rank * q + m.kv_lora_rank * t.heads * (m.qk_nope_head_dim + vd)) / d;
  }
  t.qkvo_elems = q + k + v + o;

  const double s = seq_len;
  const int n_sliding = m.sliding_window > 0 ? std::clamp(m.n_sliding_layers, 0, m.n_layers) : 0;
  const double w = m.sliding_window;
  const double n_full = m.n_layers - n_sliding;
  t.attn_flops_per_ctx = 2.0 * t.heads * (qh + vd);
  t.causal_ctx = (n_full * causal_context(s, 0) + n_sliding * causal_context(s, w)) / m.n_layers;
  t.full_ctx = (n_full * full_context(s, 0) + n_sliding * full_context(s, w)) / m.n_layers;

  // Stored activations (elements per token per layer). None: norm input and output, Q, K, V, O
  // (FlashAttention keeps no scores). Selective: norms, activation functions and the attention
  // core are recomputed, so norm outputs, O and activation outputs are not kept; MLA keeps its
  // latents and recomputes the up-projections. PyTorch-native code keeps more with no
  // recompute: K and V repeated to the query heads before SDPA (GQA), and a gated MLP's
  // activation output beside the gate, up and product tensors, since SiLU and the product are
  // separate autograd ops (Megatron's fused kernels make them one SwiGLU).
  const double repeat_kv = pytorch_native && !mla ? t.heads * m.head_dim : 0.0;
  const double k_kept = std::max(k, repeat_kv);
  const double v_kept = std::max(v, repeat_kv);
  t.act_attn[0] = 2 * d + q + k_kept + v_kept + o + latents;
  t.act_attn[1] = d + (mla ? latents : q + k + v);
  const double f = m.d_ff;
  const bool gated_mlp = m.mlp == model::MlpKind::gated;
  const double act_in = gated_mlp ? 2.0 : 1.0;                     // activation-function inputs
  const double act_out = pytorch_native && gated_mlp ? 2.0 : 1.0;  // kept after the function
  t.act_dense_mlp[0] = 2 * d + (act_in + act_out) * f;
  t.act_dense_mlp[1] = d + act_in * f;
  const double fe = m.d_ff_expert;
  const double fs = m.d_ff_shared;
  const double ka = t.n_active;
  const double routed = 2 * ka * d + 2 * t.n_experts;  // dispatched inputs, outputs, fp32 logits
  t.act_moe_mlp[0] = 2 * d + routed + ka * (act_in + act_out) * fe + (act_in + act_out) * fs;
  t.act_moe_mlp[1] = d + routed + ka * act_in * fe + act_in * fs;
  // The loss at its peak. Fused kernels (Megatron's vocab-parallel cross entropy):
  // 16-bit logits and the fp32 softmax, whose gradient is computed in place. PyTorch's
  // cross_entropy over fp32 logits: the saved log-softmax, the NLL gradient and the log-softmax
  // gradient, 4 bytes each, live together in the loss's backward.
  t.loss_bytes_per_logit = pytorch_native ? 12.0 : 6.0;

  // Forward elementwise traffic: two norms (read + write), two residual adds (2 reads + write),
  // rotary on q and k, activation functions, MoE permute/unpermute and router softmax.
  const double common = 10 * d + 2 * (q + k);
  t.elem_dense = common + (act_in + 1) * f;
  t.elem_moe = common + ka * (act_in + 1) * fe + 4 * ka * d + (act_in + 1) * fs + 3 * t.n_experts;
  t.cast_dense = d + o + d + f;
  t.cast_moe = d + o + ka * (d + fe) + (fs > 0 ? d + fs : 0.0);

  // LoRA adapters on the attention projections and the dense MLP matrices.
  const double io_attn = d + (q + k + v) + o + d;
  const double io_mlp = 2 * d + (act_in + 1) * f;
  t.lora_io = io_attn + (t.n_dense * io_mlp) / m.n_layers;
  t.lora_params = lora_rank * t.lora_io;
  return t;
}

}  // namespace suanli::perf::detail
