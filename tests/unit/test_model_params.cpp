// Parameter counts, KV-cache bytes and FLOPs per token: exact values on tiny hand-computed
// configs, exact checkpoint sizes of known models, and every catalog model against its published
// total (models.yaml) and, for MoE models, its published active count.
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include "suanli/model/hf_config.hpp"
#include "suanli/model/model_stats.hpp"

namespace suanli::model {
namespace {

using hw::Dtype;

const std::filesystem::path kModelsDir = std::filesystem::path(SUANLI_DATA_DIR) / "models";

ModelArch parse(const std::string& text) {
  auto r = parse_hf_config(text, "tiny.json");
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().describe());
  return r.ok() ? r.value() : ModelArch{};
}

ModelArch load(const std::string& id) {
  std::ifstream in(kModelsDir / (id + ".json"));
  std::stringstream ss;
  ss << in.rdbuf();
  auto r = parse_hf_config(ss.str(), id + ".json");
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().describe());
  return r.ok() ? r.value() : ModelArch{};
}

// "8.03B" -> 8.03e9; tolerance: 1%, or half a unit of the last published digit when larger
// ("37B" is any value in [36.5B, 37.5B)).
struct Published {
  double value = 0;
  double tolerance = 0;  // relative
};
Published published(const std::string& text) {
  EXPECT_EQ(text.back(), 'B') << text;
  const std::string number = text.substr(0, text.size() - 1);
  const auto dot = number.find('.');
  const int decimals = dot == std::string::npos ? 0 : static_cast<int>(number.size() - dot - 1);
  const double value = std::stod(number);
  return {value * 1e9, std::max(0.01, 0.5 * std::pow(10.0, -decimals) / value)};
}

double rel_err(double ours, double ref) {
  return std::abs(ours - ref) / ref;
}

// --- tiny configs, every value computed by hand (see docs/models/model.md) ---

TEST(ModelParams, TinyLlamaExact) {
  const ModelArch m = parse(R"({"model_type": "llama", "num_hidden_layers": 2, "hidden_size": 8,
      "num_attention_heads": 2, "num_key_value_heads": 1, "intermediate_size": 16,
      "vocab_size": 10, "tie_word_embeddings": false})");
  // q 8*2*4=64, k+v 2*8*1*4=64, o 64 -> 192; MLP 3*8*16=384; norms 2*8 per layer + final 8;
  // embedding 80 + LM head 80.
  EXPECT_EQ(attention_params_per_layer(m), 192);
  const ParamCounts c = count_params(m);
  EXPECT_EQ(c.attention, 384);
  EXPECT_EQ(c.mlp_dense, 768);
  EXPECT_EQ(c.norms, 40);
  EXPECT_EQ(c.embedding_input, 80);
  EXPECT_EQ(c.lm_head, 80);
  EXPECT_EQ(c.embedding, 160);
  EXPECT_EQ(c.total, 1352);
  EXPECT_EQ(c.active, 1352);
  EXPECT_EQ(kv_elements_per_token_per_layer(m), 8);
  EXPECT_EQ(kv_bytes_per_token(m, Dtype::bf16), 32);
  EXPECT_EQ(kv_bytes_per_token(m, Dtype::fp8), 16);
  EXPECT_EQ(active_matmul_params(m), 2 * (192 + 384) + 80);
  EXPECT_EQ(forward_gemm_flops_per_token(m), 2464);
  EXPECT_EQ(attention_flops_per_token(m, 10), 2 * 4 * 2 * 4 * 10);
}

TEST(ModelParams, TinyTiedEmbeddingsStillCostLmHeadFlops) {
  const ModelArch m = parse(R"({"model_type": "qwen2", "num_hidden_layers": 1, "hidden_size": 8,
      "num_attention_heads": 2, "intermediate_size": 16, "vocab_size": 10,
      "tie_word_embeddings": true})");
  const ParamCounts c = count_params(m);
  // MHA with q/k/v bias: 4*64 + 24 = 280; MLP 384; norms 16 + 8; embedding 80, no LM head.
  EXPECT_EQ(c.lm_head, 0);
  EXPECT_EQ(c.total, 280 + 384 + 24 + 80);
  EXPECT_EQ(active_matmul_params(m), 256 + 384 + 80);
}

TEST(ModelParams, TinyDeepSeekMlaMoeExact) {
  const ModelArch m = parse(R"({"model_type": "deepseek_v3", "num_hidden_layers": 3,
      "hidden_size": 16, "num_attention_heads": 2, "intermediate_size": 32, "vocab_size": 20,
      "q_lora_rank": 8, "kv_lora_rank": 4, "qk_nope_head_dim": 4, "qk_rope_head_dim": 2,
      "v_head_dim": 4, "n_routed_experts": 4, "num_experts_per_tok": 2,
      "moe_intermediate_size": 8, "n_shared_experts": 1, "first_k_dense_replace": 1,
      "moe_layer_freq": 1, "num_nextn_predict_layers": 1})");
  // q_a 128 + q_a_norm 8 + q_b 8*2*6=96 + kv_a 16*6=96 + kv_a_norm 4 + kv_b 4*2*8=64 + o 128.
  EXPECT_EQ(attention_params_per_layer(m), 524);
  const ParamCounts c = count_params(m);
  EXPECT_EQ(c.mlp_dense, 1536);           // layer 0: 3*16*32
  EXPECT_EQ(c.experts_routed, 2 * 1536);  // layers 1-2: 4 experts of 3*16*8
  EXPECT_EQ(c.experts_shared, 2 * 384);
  EXPECT_EQ(c.router, 2 * (4 * 16 + 4));  // + e_score_correction_bias
  EXPECT_EQ(c.norms, 3 * 32 + 16);
  EXPECT_EQ(c.total, 7836);
  EXPECT_EQ(c.active, 7836 - 2 * 768);
  EXPECT_EQ(active_params_excluding_input_embedding(m), 6300 - 320);
  EXPECT_EQ(c.mtp, 2 * 16 * 16 + 3 * 16 + (524 + 32 + 1536 + 384 + 68));
  EXPECT_EQ(kv_elements_per_token_per_layer(m), 6);
  EXPECT_EQ(kv_bytes_per_token(m, Dtype::bf16), 36);
  EXPECT_EQ(forward_gemm_flops_per_token(m), 2 * (3 * 512 + 1536 + 2 * (768 + 384 + 64) + 320));
  EXPECT_EQ(attention_flops_per_token(m, 10), 3 * 2 * 2 * (6 + 4) * 10);
}

TEST(ModelParams, TinyGpt2Exact) {
  const ModelArch m = parse(R"({"model_type": "gpt2", "n_layer": 2, "n_embd": 8, "n_head": 2,
      "n_inner": null, "vocab_size": 10, "n_positions": 16})");
  // 12 d^2 + 13 d = 872 per layer; LayerNorm final 16; wte 80 + wpe 128; tied LM head.
  const ParamCounts c = count_params(m);
  EXPECT_EQ(c.total, 2 * 872 + 16 + 208);
  EXPECT_EQ(c.embedding_input, 208);
  EXPECT_EQ(active_matmul_params(m), 2 * (256 + 512) + 80);
}

TEST(ModelParams, TinyGptOssSlidingExact) {
  const ModelArch m = parse(R"({"model_type": "gpt_oss", "num_hidden_layers": 2,
      "hidden_size": 8, "num_attention_heads": 4, "num_key_value_heads": 2, "head_dim": 4,
      "intermediate_size": 8, "vocab_size": 10, "num_local_experts": 4, "experts_per_token": 2,
      "sliding_window": 4, "layer_types": ["sliding_attention", "full_attention"]})");
  // attention 384 + biases 32 + 8 + sinks 4; expert 192 + 24 bias; router 32 + 4; norms 16.
  EXPECT_EQ(attention_params_per_layer(m), 428);
  const ParamCounts c = count_params(m);
  EXPECT_EQ(c.total, 2 * (428 + 4 * 216 + 36 + 16) + 8 + 160);
  EXPECT_EQ(c.active, c.total - 2 * 2 * 216);
  EXPECT_EQ(kv_bytes_per_token(m, Dtype::bf16), 2 * 16 * 2);  // per token, every layer
  EXPECT_EQ(kv_cache_bytes(m, Dtype::bf16, 10), 16 * (10 + 4) * 2);
  EXPECT_EQ(kv_cache_bytes(m, Dtype::bf16, 3), 16 * (3 + 3) * 2);
  EXPECT_EQ(attention_flops_per_token(m, 10), 2 * 4 * (4 + 4) * (10 + 4));
}

TEST(ModelParams, Qwen2MoeDecoderSparseStep) {
  const ModelArch m = parse(R"({"model_type": "qwen2_moe", "num_hidden_layers": 4,
      "hidden_size": 8, "num_attention_heads": 2, "intermediate_size": 16, "vocab_size": 10,
      "num_experts": 4, "num_experts_per_tok": 1, "moe_intermediate_size": 4,
      "shared_expert_intermediate_size": 8, "decoder_sparse_step": 2, "mlp_only_layers": [3]})");
  EXPECT_FALSE(m.is_moe_layer(0));
  EXPECT_TRUE(m.is_moe_layer(1));
  EXPECT_FALSE(m.is_moe_layer(2));
  EXPECT_FALSE(m.is_moe_layer(3));  // would be MoE, forced dense by mlp_only_layers
  const ParamCounts c = count_params(m);
  EXPECT_EQ(c.mlp_dense, 3 * 384);
  EXPECT_EQ(c.experts_routed, 4 * 96);
  EXPECT_EQ(c.experts_shared, 192 + 8);  // shared MLP + its sigmoid gate
  EXPECT_EQ(c.router, 32);
}

TEST(ModelParams, MoeLayerCountClosedFormMatchesPerLayerRule) {
  ModelArch m;
  m.n_experts = 4;
  for (int layers = 0; layers < 10; ++layers) {
    for (int freq = 1; freq <= 3; ++freq) {
      for (int offset = 0; offset <= 1; ++offset) {
        for (int dense = 0; dense <= 3; ++dense) {
          for (const std::vector<int>& only : {std::vector<int>{}, {1, 1, 4}, {0, 7, 9}}) {
            m.n_layers = layers;
            m.moe_layer_freq = freq;
            m.moe_layer_offset = offset;
            m.n_dense_layers = dense;
            m.mlp_only_layers = only;
            int expected = 0;
            for (int layer = 0; layer < layers; ++layer) expected += m.is_moe_layer(layer) ? 1 : 0;
            EXPECT_EQ(m.n_moe_layers(), expected) << layers << " " << freq << " " << offset;
          }
        }
      }
    }
  }
}

TEST(ModelParams, HugeLayerCountsDoNotLoop) {
  const std::string tail = R"(, "hidden_size": 8, "num_attention_heads": 2,
      "intermediate_size": 16, "vocab_size": 10, "num_experts": 4, "num_experts_per_tok": 1,
      "moe_intermediate_size": 4})";
  const ModelArch m = parse(R"({"model_type": "qwen3_moe", "num_hidden_layers": 200000000)" + tail);
  EXPECT_EQ(m.n_moe_layers(), 200000000);
  EXPECT_GT(count_params(m).total, 1e11);
  auto r = parse_hf_config(R"({"model_type": "qwen3_moe", "num_hidden_layers": 2000000000)" + tail,
                           "huge.json");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("'num_hidden_layers' is implausibly large"), std::string::npos);
}

// --- real models ---

TEST(ModelParams, ExactCheckpointSizes) {
  // Element counts of the published safetensors checkpoints.
  EXPECT_EQ(count_params(load("llama-3.1-8b")).total, 8030261248.0);
  EXPECT_EQ(count_params(load("llama-2-7b")).total, 6738415616.0);
  EXPECT_EQ(count_params(load("mixtral-8x7b")).total, 46702792704.0);
  EXPECT_EQ(count_params(load("gpt-oss-120b")).total, 116829156672.0);
}

TEST(ModelParams, EveryCatalogTotalMatchesPublished) {
  const YAML::Node index = YAML::LoadFile((kModelsDir / "models.yaml").string());
  int n = 0;
  for (const YAML::Node& entry : index["models"]) {
    const auto id = entry["id"].as<std::string>();
    const Published p = published(entry["published_params"].as<std::string>());
    const double total = count_params(load(id)).total;
    EXPECT_LE(rel_err(total, p.value), p.tolerance)
        << id << ": " << total / 1e9 << "B vs published " << p.value / 1e9 << "B";
    ++n;
  }
  EXPECT_GE(n, 32);
}

// Active parameters as the authors count them: Mistral and Qwen include the input embedding
// table, OpenAI and DeepSeek do not (the LM head is counted by all).
struct ActiveCase {
  const char* id;
  const char* published;
  bool with_input_embedding;
  double tolerance;  // 0: the rule of published()
};

TEST(ModelParams, MoeActiveMatchesPublished) {
  const ActiveCase cases[] = {
      {"mixtral-8x7b", "12.9B", true, 0},
      {"mixtral-8x22b", "39B", true, 0},
      {"deepseek-v3", "37B", false, 0},
      {"deepseek-r1", "37B", false, 0},
      {"qwen3-235b-a22b", "22B", true, 0},
      {"qwen3-30b-a3b", "3.3B", true, 0.02},  // 3.353B published truncated as "3.3B"
      {"qwen3-coder-480b-a35b", "35B", true, 0},
      {"qwen1.5-moe-a2.7b", "2.7B", true, 0},
      {"gpt-oss-120b", "5.13B", false, 0},
      {"gpt-oss-20b", "3.61B", false, 0},
  };
  for (const ActiveCase& c : cases) {
    const ModelArch m = load(c.id);
    const double active = c.with_input_embedding ? count_params(m).active
                                                 : active_params_excluding_input_embedding(m);
    const Published p = published(c.published);
    EXPECT_LE(rel_err(active, p.value), c.tolerance > 0 ? c.tolerance : p.tolerance)
        << c.id << ": " << active / 1e9 << "B vs published " << c.published;
  }
}

TEST(ModelParams, DeepSeekV3TotalsAndMtp) {
  const ParamCounts c = count_params(load("deepseek-v3"));
  EXPECT_LE(rel_err(c.total, 671e9), 0.001);
  // The 685B of the Hugging Face checkpoint is the main model plus the MTP module, which the
  // checkpoint stores with its own copies of the embedding and LM head (2 x 0.93B).
  EXPECT_NEAR((c.total + c.mtp + c.embedding) / 1e9, 685, 1.0);
}

TEST(ModelParams, KvBytesPerToken) {
  EXPECT_EQ(kv_bytes_per_token(load("llama-3.1-8b"), Dtype::bf16), 2 * 8 * 128 * 32 * 2);
  EXPECT_EQ(kv_bytes_per_token(load("llama-3.1-8b"), Dtype::bf16), 131072);
  EXPECT_EQ(kv_bytes_per_token(load("llama-3.1-70b"), Dtype::fp8), 2 * 8 * 128 * 80 * 1);
  EXPECT_EQ(kv_bytes_per_token(load("llama-2-7b"), Dtype::fp16), 2 * 32 * 128 * 32 * 2);
  EXPECT_EQ(kv_bytes_per_token(load("deepseek-v3"), Dtype::bf16), (512 + 64) * 61 * 2);
  EXPECT_EQ(kv_bytes_per_token(load("qwen3-235b-a22b"), Dtype::bf16), 2 * 4 * 128 * 94 * 2);
  EXPECT_EQ(kv_bytes_per_token(load("chatglm3-6b"), Dtype::bf16), 2 * 2 * 128 * 28 * 2);
  EXPECT_EQ(kv_bytes_per_token(load("gpt-oss-120b"), Dtype::bf16), 2 * 8 * 64 * 36 * 2);
  // gpt-oss: 18 sliding layers keep 128 tokens, 18 full layers keep the whole context.
  EXPECT_EQ(kv_cache_bytes(load("gpt-oss-120b"), Dtype::bf16, 8192),
            2.0 * 8 * 64 * 2 * (18 * 8192 + 18 * 128));
  EXPECT_EQ(kv_cache_bytes(load("llama-3.1-8b"), Dtype::bf16, 1000), 131072.0 * 1000);
}

TEST(ModelParams, FlopsPerToken) {
  const ModelArch llama = load("llama-3.1-8b");
  const ParamCounts c = count_params(llama);
  // Dense, no biases: every weight except the embedding table and the norms is a GEMM weight.
  EXPECT_EQ(forward_gemm_flops_per_token(llama), 2 * (c.total - c.embedding_input - c.norms));
  EXPECT_EQ(attention_flops_per_token(llama, 4096), 4.0 * 32 * 128 * 4096 * 32);
  // MLA: QK^T over 192 dims, PV over 128 dims, 128 heads.
  EXPECT_EQ(attention_flops_per_token(load("deepseek-v3"), 1000),
            2.0 * 128 * (192 + 128) * 1000 * 61);
  // DeepSeek-V3: 2 x 37B-class active weights (report: about 2 x 37B per token).
  EXPECT_NEAR(forward_gemm_flops_per_token(load("deepseek-v3")) / 1e9, 73.2, 0.5);
}

}  // namespace
}  // namespace suanli::model
