#include "detail/families.hpp"

#include <algorithm>
#include <cmath>
#include <string>

namespace suanli::model::detail {

namespace {

// head_dim explicit (Qwen3, gpt-oss, Llama-3.3) or d_model / n_heads, which must then divide.
void read_head_dim(ConfigReader& r, ModelArch& m, const char* d_key, const char* heads_key,
                   const char* head_dim_key) {
  m.head_dim = r.optional_int(head_dim_key, 0, 1);
  if (m.head_dim > 0 || m.d_model <= 0 || m.n_heads <= 0) {
    return;
  }
  if (m.d_model % m.n_heads != 0) {
    r.problem(heads_key, std::string("'") + d_key + "' " + std::to_string(m.d_model) +
                             " is not divisible by '" + heads_key + "' " +
                             std::to_string(m.n_heads) + " and no '" + head_dim_key + "' is given");
    return;
  }
  m.head_dim = m.d_model / m.n_heads;
}

// The keys shared by Llama-like configs (transformers' standard names).
void read_standard(ConfigReader& r, ModelArch& m) {
  m.n_layers = r.required_int("num_hidden_layers");
  m.d_model = r.required_int("hidden_size");
  m.n_heads = r.required_int("num_attention_heads");
  m.n_kv_heads = r.optional_int("num_key_value_heads", m.n_heads, 1);
  read_head_dim(r, m, "hidden_size", "num_attention_heads", "head_dim");
  m.d_ff = r.required_int("intermediate_size");
  m.vocab = r.required_int("vocab_size");
  m.tied_embeddings = r.optional_bool("tie_word_embeddings", false);
  m.max_position = r.optional_int("max_position_embeddings", 0);
}

// Qwen2/Qwen3 sliding window: layers >= max_window_layers slide when use_sliding_window is set.
void read_qwen_sliding(ConfigReader& r, ModelArch& m) {
  if (!r.optional_bool("use_sliding_window", false)) {
    return;
  }
  m.sliding_window = r.optional_int("sliding_window", 0);
  const int first = r.optional_int("max_window_layers", m.n_layers);
  if (m.sliding_window > 0) {
    m.n_sliding_layers = std::max(0, m.n_layers - first);
  }
}

// The sizes under GPT-2's key names (n_layer, n_embd, n_head, n_inner), which GPT-J keeps.
void read_gpt2_sizes(ConfigReader& r, ModelArch& m) {
  m.n_layers = r.required_int("n_layer");
  m.d_model = r.required_int("n_embd");
  m.n_heads = r.required_int("n_head");
  m.n_kv_heads = m.n_heads;
  read_head_dim(r, m, "n_embd", "n_head", "head_dim");
  m.d_ff = r.optional_int("n_inner", 4 * m.d_model, 1);
  m.vocab = r.required_int("vocab_size");
}

}  // namespace

void read_llama(ConfigReader& r, ModelArch& m) {
  read_standard(r, m);
  const bool bias = r.optional_bool("attention_bias", false);
  m.qkv_bias = bias;
  m.attn_out_bias = bias;
  m.mlp_bias = r.optional_bool("mlp_bias", false);
}

void read_mistral(ConfigReader& r, ModelArch& m) {
  read_standard(r, m);
  m.sliding_window = r.optional_int("sliding_window", 0);
  m.n_sliding_layers = m.sliding_window > 0 ? m.n_layers : 0;
  if (r.model_type() == "mixtral") {
    m.n_experts = r.required_int("num_local_experts");
    m.n_active_experts = r.required_int("num_experts_per_tok");
    m.d_ff_expert = m.d_ff;
  }
}

void read_qwen(ConfigReader& r, ModelArch& m) {
  read_standard(r, m);
  const bool qwen3 = r.model_type().rfind("qwen3", 0) == 0;
  if (qwen3) {
    const bool bias = r.optional_bool("attention_bias", false);
    m.qkv_bias = bias;
    m.attn_out_bias = bias;
    m.qk_norm = true;
  } else {
    m.qkv_bias = true;  // Qwen2 / Qwen1.5 always have q/k/v biases
  }
  read_qwen_sliding(r, m);
  if (r.model_type().find("_moe") == std::string::npos) {
    return;
  }
  m.n_experts = r.required_int("num_experts");
  m.n_active_experts = r.required_int("num_experts_per_tok");
  m.d_ff_expert = r.required_int("moe_intermediate_size");
  m.moe_layer_freq = r.optional_int("decoder_sparse_step", 1, 1);
  m.moe_layer_offset = 1;  // transformers: MoE iff (layer + 1) % decoder_sparse_step == 0
  m.mlp_only_layers = r.optional_int_list("mlp_only_layers");
  if (!qwen3) {
    m.d_ff_shared = r.optional_int("shared_expert_intermediate_size", 0);
    m.n_shared_experts = m.d_ff_shared > 0 ? 1 : 0;
    m.shared_expert_gate = m.d_ff_shared > 0;
  }
}

void read_deepseek(ConfigReader& r, ModelArch& m) {
  m.n_layers = r.required_int("num_hidden_layers");
  m.d_model = r.required_int("hidden_size");
  m.n_heads = r.required_int("num_attention_heads");
  m.n_kv_heads = m.n_heads;  // MLA: every head has its own decompressed K/V
  m.d_ff = r.required_int("intermediate_size");
  m.vocab = r.required_int("vocab_size");
  m.tied_embeddings = r.optional_bool("tie_word_embeddings", false);
  m.max_position = r.optional_int("max_position_embeddings", 0);
  m.attention = AttentionKind::mla;
  m.q_lora_rank = r.optional_int("q_lora_rank", 0);  // null in DeepSeek-V2-Lite
  m.kv_lora_rank = r.required_int("kv_lora_rank");
  m.qk_nope_head_dim = r.required_int("qk_nope_head_dim");
  m.qk_rope_head_dim = r.required_int("qk_rope_head_dim");
  m.v_head_dim = r.required_int("v_head_dim");
  m.head_dim = m.qk_nope_head_dim + m.qk_rope_head_dim;
  m.n_mtp_layers = r.optional_int("num_nextn_predict_layers", 0);
  if (!r.has("n_routed_experts")) {
    return;  // dense DeepSeek variant
  }
  m.n_experts = r.required_int("n_routed_experts");
  m.n_active_experts = r.required_int("num_experts_per_tok");
  m.d_ff_expert = r.required_int("moe_intermediate_size");
  m.n_shared_experts = r.optional_int("n_shared_experts", 0);
  const long long shared = static_cast<long long>(m.n_shared_experts) * m.d_ff_expert;
  if (shared > (1LL << 28)) {
    r.problem("n_shared_experts",
              "'n_shared_experts' x 'moe_intermediate_size' is implausibly large: " +
                  std::to_string(shared));
  } else {
    m.d_ff_shared = static_cast<int>(shared);
  }
  m.n_dense_layers = r.optional_int("first_k_dense_replace", 0);
  m.moe_layer_freq = r.optional_int("moe_layer_freq", 1, 1);
  m.router_bias = r.model_type() == "deepseek_v3";  // e_score_correction_bias
}

void read_gpt_oss(ConfigReader& r, ModelArch& m) {
  read_standard(r, m);
  const bool bias = r.optional_bool("attention_bias", true);
  m.qkv_bias = bias;
  m.attn_out_bias = bias;
  m.attn_sinks = true;
  m.mlp_bias = true;
  m.router_bias = true;
  m.n_experts = r.required_int("num_local_experts");
  m.n_active_experts = r.has("num_experts_per_tok") ? r.required_int("num_experts_per_tok")
                                                    : r.required_int("experts_per_token");
  m.d_ff_expert = m.d_ff;
  m.sliding_window = r.optional_int("sliding_window", 0);
  const auto types = r.optional_string_list("layer_types");
  if (!types.empty() && m.n_layers > 0 && static_cast<int>(types.size()) != m.n_layers) {
    r.problem("layer_types", "'layer_types' has " + std::to_string(types.size()) +
                                 " entries but 'num_hidden_layers' is " +
                                 std::to_string(m.n_layers));
  }
  if (m.sliding_window <= 0) {
    return;
  }
  if (types.empty()) {
    m.n_sliding_layers = (m.n_layers + 1) / 2;  // transformers default: even layers slide
  } else {
    m.n_sliding_layers =
        static_cast<int>(std::count(types.begin(), types.end(), std::string("sliding_attention")));
  }
}

void read_glm(ConfigReader& r, ModelArch& m) {
  read_standard(r, m);
  m.qkv_bias = r.optional_bool("attention_bias", true);  // q/k/v only; the output has none
  if (r.model_type() == "glm4") {
    m.n_norms_per_layer = 4;  // + post-attention and post-MLP norms
  }
}

void read_chatglm(ConfigReader& r, ModelArch& m) {
  m.n_layers = r.required_int_any({"num_layers", "num_hidden_layers"});
  m.d_model = r.required_int("hidden_size");
  m.n_heads = r.required_int("num_attention_heads");
  read_head_dim(r, m, "hidden_size", "num_attention_heads", "kv_channels");
  m.n_kv_heads = r.optional_bool("multi_query_attention", false)
                     ? r.required_int("multi_query_group_num")
                     : m.n_heads;
  m.d_ff = r.required_int("ffn_hidden_size");
  m.vocab = r.required_int_any({"padded_vocab_size", "vocab_size"});
  m.max_position = r.optional_int("seq_length", 0);
  m.qkv_bias = r.optional_bool("add_qkv_bias", false);
  const bool linear_bias = r.optional_bool("add_bias_linear", false);
  m.attn_out_bias = linear_bias;
  m.mlp_bias = linear_bias;
  m.norm = r.optional_bool("rmsnorm", true) ? NormKind::rms : NormKind::layer;
  m.final_norm = r.optional_bool("post_layer_norm", true);
  m.tied_embeddings = r.optional_bool("tie_word_embeddings", false);
  m.rotary_dim = m.head_dim / 2;  // ChatGLM rotates half of each head
}

void read_gpt2(ConfigReader& r, ModelArch& m) {
  read_gpt2_sizes(r, m);
  m.max_position = r.required_int("n_positions");
  m.tied_embeddings = r.optional_bool("tie_word_embeddings", true);
  m.mlp = MlpKind::plain;
  m.norm = NormKind::layer;
  m.qkv_bias = true;
  m.attn_out_bias = true;
  m.mlp_bias = true;
  m.learned_positions = true;
}

void read_gptj(ConfigReader& r, ModelArch& m) {
  read_gpt2_sizes(r, m);
  m.max_position = r.optional_int("n_positions", 0);
  m.rotary_dim = r.optional_int("rotary_dim", 0);
  m.tied_embeddings = r.optional_bool("tie_word_embeddings", false);
  m.mlp = MlpKind::plain;
  m.norm = NormKind::layer;
  m.n_norms_per_layer = 1;
  m.parallel_attn_mlp = true;
  m.mlp_bias = true;
  m.lm_head_bias = true;
}

void read_gpt_neox(ConfigReader& r, ModelArch& m) {
  read_standard(r, m);
  m.mlp = MlpKind::plain;
  m.norm = NormKind::layer;
  m.parallel_attn_mlp = r.optional_bool("use_parallel_residual", true);
  const bool bias = r.optional_bool("attention_bias", true);
  m.qkv_bias = bias;
  m.attn_out_bias = bias;
  m.mlp_bias = true;
  const double rotary_pct = r.optional_number("rotary_pct", 1.0);
  if (rotary_pct <= 0.0 || rotary_pct > 1.0) {
    r.problem("rotary_pct", "'rotary_pct' must be in (0, 1], got " + std::to_string(rotary_pct));
  } else {
    m.rotary_dim = static_cast<int>(std::lround(rotary_pct * m.head_dim));
  }
}

}  // namespace suanli::model::detail
