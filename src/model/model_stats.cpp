#include "suanli/model/model_stats.hpp"

#include <algorithm>

namespace suanli::model {

namespace {

double norm_params(const ModelArch& m) {
  return m.norm == NormKind::layer ? 2.0 * m.d_model : 1.0 * m.d_model;
}

// Weight matrices of one MLP of width f (gated: gate, up, down; plain: up, down).
double mlp_matrices(const ModelArch& m, double f) {
  return (m.mlp == MlpKind::gated ? 3.0 : 2.0) * m.d_model * f;
}

double mlp_params(const ModelArch& m, double f) {
  if (f <= 0) {
    return 0;
  }
  double biases = 0;
  if (m.mlp_bias) {
    biases = (m.mlp == MlpKind::gated ? 2.0 * f : f) + m.d_model;
  }
  return mlp_matrices(m, f) + biases;
}

// Attention weight matrices of one layer (no norms, biases or sinks).
double attention_matrices(const ModelArch& m) {
  const double d = m.d_model;
  const double h = m.n_heads;
  if (m.attention == AttentionKind::mla) {
    const double qk = static_cast<double>(m.qk_nope_head_dim) + m.qk_rope_head_dim;
    const double q = m.q_lora_rank > 0 ? d * m.q_lora_rank + m.q_lora_rank * h * qk : d * h * qk;
    const double kv_a = d * (static_cast<double>(m.kv_lora_rank) + m.qk_rope_head_dim);
    const double kv_b =
        m.kv_lora_rank * h * (static_cast<double>(m.qk_nope_head_dim) + m.v_head_dim);
    const double o = h * m.v_head_dim * d;
    return q + kv_a + kv_b + o;
  }
  const double hd = m.head_dim;
  return d * h * hd + 2.0 * d * m.n_kv_heads * hd + h * hd * d;
}

double router_params(const ModelArch& m) {
  return static_cast<double>(m.n_experts) * m.d_model + (m.router_bias ? m.n_experts : 0);
}

double shared_expert_params(const ModelArch& m) {
  return mlp_params(m, m.d_ff_shared) + (m.shared_expert_gate ? m.d_model : 0);
}

// One MoE layer's routed experts, all of them or only the active ones.
double routed_params(const ModelArch& m, bool active_only) {
  const double n = active_only ? m.n_active_experts : m.n_experts;
  return n * mlp_params(m, m.d_ff_expert);
}

}  // namespace

double attention_params_per_layer(const ModelArch& m) {
  double p = attention_matrices(m);
  if (m.attention == AttentionKind::mla) {
    p += (m.q_lora_rank > 0 ? static_cast<double>(m.q_lora_rank) : 0.0) +
         m.kv_lora_rank;  // q_a and kv_a RMSNorms
    if (m.attn_out_bias) {
      p += m.d_model;
    }
    return p;
  }
  const double hd = m.head_dim;
  if (m.qkv_bias) {
    p += (m.n_heads + 2.0 * m.n_kv_heads) * hd;
  }
  if (m.attn_out_bias) {
    p += m.d_model;
  }
  if (m.qk_norm) {
    p += 2.0 * hd;
  }
  if (m.attn_sinks) {
    p += m.n_heads;
  }
  return p;
}

ParamCounts count_params(const ModelArch& m) {
  ParamCounts c;
  const double d = m.d_model;
  c.embedding_input =
      static_cast<double>(m.vocab) * d + (m.learned_positions ? m.max_position * d : 0);
  if (!m.tied_embeddings) {
    c.lm_head = static_cast<double>(m.vocab) * d;
  }
  if (m.lm_head_bias) {
    c.lm_head += m.vocab;
  }
  c.embedding = c.embedding_input + c.lm_head;
  c.attention = m.n_layers * attention_params_per_layer(m);
  c.norms = static_cast<double>(m.n_layers) * m.n_norms_per_layer * norm_params(m) +
            (m.final_norm ? norm_params(m) : 0);

  // Every MoE layer is alike and so is every dense one: no loop over layers.
  const double n_moe = m.n_moe_layers();
  const double n_dense = m.n_layers - n_moe;
  c.mlp_dense = n_dense * mlp_params(m, m.d_ff);
  c.experts_routed = n_moe * routed_params(m, false);
  c.experts_shared = n_moe * shared_expert_params(m);
  c.router = n_moe * router_params(m);
  const double routed_active = n_moe * routed_params(m, true);
  c.total = c.embedding + c.attention + c.norms + c.mlp_dense + c.experts_routed +
            c.experts_shared + c.router;
  c.active = c.total - c.experts_routed + routed_active;

  // DeepSeek-V3 MTP module: enorm + hnorm, eh_proj (2d -> d), one MoE block, shared_head norm;
  // it shares the embedding and LM head with the main model.
  if (m.n_mtp_layers > 0) {
    const double block =
        attention_params_per_layer(m) + 2 * norm_params(m) +
        (m.is_moe() ? routed_params(m, false) + shared_expert_params(m) + router_params(m)
                    : mlp_params(m, m.d_ff));
    c.mtp = m.n_mtp_layers * (2.0 * d * d + 3 * norm_params(m) + block);
  }
  return c;
}

double active_params_excluding_input_embedding(const ModelArch& m) {
  const ParamCounts c = count_params(m);
  return c.active - c.embedding_input;
}

double layer_matmul_params(const ModelArch& m, bool moe_layer) {
  if (!moe_layer) return attention_matrices(m) + mlp_matrices(m, m.d_ff);
  double moe = m.n_active_experts * mlp_matrices(m, m.d_ff_expert) +
               static_cast<double>(m.n_experts) * m.d_model;  // + router
  if (m.d_ff_shared > 0) {
    moe += mlp_matrices(m, m.d_ff_shared);
  }
  if (m.shared_expert_gate) {
    moe += m.d_model;
  }
  return attention_matrices(m) + moe;
}

double active_matmul_params(const ModelArch& m) {
  const double n_moe = m.n_moe_layers();
  const double p =
      n_moe * layer_matmul_params(m, true) + (m.n_layers - n_moe) * layer_matmul_params(m, false);
  return p + static_cast<double>(m.vocab) * m.d_model;  // LM head, tied or not
}

double kv_elements_per_token_per_layer(const ModelArch& m) {
  if (m.attention == AttentionKind::mla) {
    return static_cast<double>(m.kv_lora_rank) + m.qk_rope_head_dim;
  }
  return 2.0 * m.n_kv_heads * m.head_dim;
}

double kv_bytes_per_token(const ModelArch& m, hw::Dtype kv_dtype) {
  return kv_elements_per_token_per_layer(m) * m.n_layers * hw::bytes_per_element(kv_dtype);
}

double kv_cache_bytes(const ModelArch& m, hw::Dtype kv_dtype, double context) {
  const int n_sliding = std::clamp(m.sliding_window > 0 ? m.n_sliding_layers : 0, 0, m.n_layers);
  const double sliding_ctx = std::min(context, static_cast<double>(m.sliding_window));
  const double tokens = (m.n_layers - n_sliding) * context + n_sliding * sliding_ctx;
  return kv_elements_per_token_per_layer(m) * tokens * hw::bytes_per_element(kv_dtype);
}

double forward_gemm_flops_per_token(const ModelArch& m) {
  return 2.0 * active_matmul_params(m);
}

double attention_flops_per_token(const ModelArch& m, double context) {
  const int n_sliding = std::clamp(m.sliding_window > 0 ? m.n_sliding_layers : 0, 0, m.n_layers);
  const double sliding_ctx = std::min(context, static_cast<double>(m.sliding_window));
  const double per_context_token =
      2.0 * m.n_heads * (static_cast<double>(m.q_head_dim()) + m.v_dim());
  return per_context_token * ((m.n_layers - n_sliding) * context + n_sliding * sliding_ctx);
}

}  // namespace suanli::model
