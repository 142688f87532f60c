// parse_hf_config: every catalog config parses into the expected architecture, models.yaml and
// the config files agree, and bad input yields invalid_input errors that name the key.
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>
#include <nlohmann/json.hpp>

#include "suanli/model/hf_config.hpp"
#include "suanli/model/model_stats.hpp"

namespace suanli::model {
namespace {

using ::testing::HasSubstr;

const std::filesystem::path kModelsDir = std::filesystem::path(SUANLI_DATA_DIR) / "models";

std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Llama-3-8B's config with `quantization_config` set to the JSON object `qc`.
core::Result<ModelArch> llama_quantized(const std::string& qc) {
  std::string text = read_text(kModelsDir / "llama-3-8b.json");
  text.insert(text.find('{') + 1, "\"quantization_config\": " + qc + ",");
  return parse_hf_config(text, "config.json");
}

ModelArch load(const std::string& id) {
  auto r = parse_hf_config(read_text(kModelsDir / (id + ".json")), id + ".json");
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().describe());
  return r.ok() ? r.value() : ModelArch{};
}

core::Error parse_error(const std::string& text) {
  auto r = parse_hf_config(text, "config.json");
  EXPECT_FALSE(r.ok());
  return r.ok() ? core::Error{} : r.error();
}

TEST(ModelConfig, EveryCatalogConfigParses) {
  int n = 0;
  for (const auto& entry : std::filesystem::directory_iterator(kModelsDir)) {
    if (entry.path().extension() != ".json") continue;
    auto r = parse_hf_config(read_text(entry.path()), entry.path().string());
    ASSERT_TRUE(r.ok()) << r.error().describe();
    EXPECT_EQ(r->id, entry.path().stem().string());
    EXPECT_GT(r->n_layers, 0);
    EXPECT_GT(r->head_dim, 0);
    ++n;
  }
  EXPECT_GE(n, 32);
}

TEST(ModelConfig, IndexAndFilesAgree) {
  const YAML::Node index = YAML::LoadFile((kModelsDir / "models.yaml").string());
  ASSERT_TRUE(index["models"].IsSequence());
  std::set<std::string> ids;
  std::set<std::string> names;
  const std::set<std::string> allowed{"id",
                                      "repo",
                                      "source",
                                      "published_params",
                                      "aliases",
                                      "fp4_attention",
                                      "fp4_attention_source"};
  for (const YAML::Node& entry : index["models"]) {
    for (const char* key : {"id", "repo", "source", "published_params"}) {
      EXPECT_TRUE(entry[key].IsScalar()) << key << " missing in " << entry;
    }
    for (const auto& kv : entry) EXPECT_TRUE(allowed.count(kv.first.as<std::string>()));
    const auto id = entry["id"].as<std::string>();
    EXPECT_TRUE(ids.insert(id).second) << "duplicate id " << id;
    EXPECT_TRUE(names.insert(id).second) << id;
    EXPECT_TRUE(std::filesystem::exists(kModelsDir / (id + ".json"))) << id;
    if (entry["aliases"]) {
      for (const YAML::Node& alias : entry["aliases"]) {
        EXPECT_TRUE(names.insert(alias.as<std::string>()).second) << alias;
      }
    }
  }
  for (const auto& file : std::filesystem::directory_iterator(kModelsDir)) {
    if (file.path().extension() == ".json") {
      EXPECT_TRUE(ids.count(file.path().stem().string())) << file.path();
    }
  }
  for (const char* id :
       {"llama-2-7b",   "llama-2-13b",   "llama-2-70b",       "llama-3-8b",   "llama-3-70b",
        "llama-3.1-8b", "llama-3.3-70b", "llama-3.1-405b",    "mixtral-8x7b", "gpt-j-6b",
        "gpt-3-175b",   "mt-nlg-530b",   "megatron-1t",       "deepseek-v3",  "qwen3-8b",
        "qwen3-32b",    "qwen3-30b-a3b", "qwen3-235b-a22b",   "gpt-oss-120b", "chatglm3-6b",
        "qwen1.5-7b",   "qwen1.5-14b",   "qwen1.5-moe-a2.7b", "baichuan2-7b", "glm-4-9b"}) {
    EXPECT_TRUE(ids.count(id)) << "validation suite id missing from the catalog: " << id;
  }
}

TEST(ModelConfig, LlamaGqa) {
  const ModelArch m = load("llama-3.1-8b");
  EXPECT_EQ(m.model_type, "llama");
  EXPECT_EQ(m.n_layers, 32);
  EXPECT_EQ(m.d_model, 4096);
  EXPECT_EQ(m.n_heads, 32);
  EXPECT_EQ(m.n_kv_heads, 8);
  EXPECT_EQ(m.head_dim, 128);
  EXPECT_EQ(m.d_ff, 14336);
  EXPECT_EQ(m.vocab, 128256);
  EXPECT_EQ(m.max_position, 131072);
  EXPECT_EQ(m.attention, AttentionKind::gqa);
  EXPECT_EQ(m.mlp, MlpKind::gated);
  EXPECT_FALSE(m.tied_embeddings);
  EXPECT_FALSE(m.qkv_bias);
  EXPECT_FALSE(m.is_moe());
  EXPECT_EQ(load("llama-2-7b").attention, AttentionKind::mha);
}

TEST(ModelConfig, Qwen3ExplicitHeadDim) {
  const ModelArch m = load("qwen3-32b");
  EXPECT_EQ(m.head_dim, 128);  // explicit, while 5120 / 64 = 80
  EXPECT_TRUE(m.qk_norm);
  EXPECT_FALSE(m.qkv_bias);
  EXPECT_EQ(m.sliding_window, 0);  // use_sliding_window false
  EXPECT_TRUE(load("qwen1.5-7b").qkv_bias);
}

TEST(ModelConfig, MoeVariants) {
  const ModelArch mixtral = load("mixtral-8x7b");
  EXPECT_EQ(mixtral.n_experts, 8);
  EXPECT_EQ(mixtral.n_active_experts, 2);
  EXPECT_EQ(mixtral.d_ff_expert, 14336);
  EXPECT_EQ(mixtral.n_moe_layers(), 32);

  const ModelArch qmoe = load("qwen1.5-moe-a2.7b");
  EXPECT_EQ(qmoe.n_experts, 60);
  EXPECT_EQ(qmoe.n_active_experts, 4);
  EXPECT_EQ(qmoe.d_ff_expert, 1408);
  EXPECT_EQ(qmoe.d_ff_shared, 5632);
  EXPECT_TRUE(qmoe.shared_expert_gate);
  EXPECT_EQ(qmoe.n_moe_layers(), 24);

  const ModelArch q3 = load("qwen3-235b-a22b");
  EXPECT_EQ(q3.n_experts, 128);
  EXPECT_EQ(q3.n_active_experts, 8);
  EXPECT_EQ(q3.n_shared_experts, 0);
  EXPECT_EQ(q3.n_moe_layers(), 94);
}

TEST(ModelConfig, DeepSeekMla) {
  const ModelArch m = load("deepseek-v3");
  EXPECT_EQ(m.attention, AttentionKind::mla);
  EXPECT_EQ(m.q_lora_rank, 1536);
  EXPECT_EQ(m.kv_lora_rank, 512);
  EXPECT_EQ(m.qk_nope_head_dim, 128);
  EXPECT_EQ(m.qk_rope_head_dim, 64);
  EXPECT_EQ(m.v_head_dim, 128);
  EXPECT_EQ(m.n_experts, 256);
  EXPECT_EQ(m.n_active_experts, 8);
  EXPECT_EQ(m.n_shared_experts, 1);
  EXPECT_EQ(m.d_ff_shared, 2048);
  EXPECT_EQ(m.n_dense_layers, 3);
  EXPECT_EQ(m.n_moe_layers(), 58);
  EXPECT_EQ(m.n_mtp_layers, 1);
  EXPECT_TRUE(m.router_bias);
}

TEST(ModelConfig, GptOssSlidingLayers) {
  const ModelArch m = load("gpt-oss-120b");
  EXPECT_EQ(m.sliding_window, 128);
  EXPECT_EQ(m.n_sliding_layers, 18);
  EXPECT_EQ(m.n_experts, 128);
  EXPECT_EQ(m.n_active_experts, 4);
  EXPECT_EQ(m.head_dim, 64);
  EXPECT_TRUE(m.attn_sinks);
  EXPECT_TRUE(m.mlp_bias);
  // Its MXFP4 quantization_config leaves model.layers.*.self_attn unconverted.
  EXPECT_TRUE(m.fp4_attention_16bit);
}

// The checkpoint's weight format: quantization_config first, else torch_dtype.
TEST(ModelConfig, CheckpointWeightsFollowTheQuantizationConfigThenTheDtype) {
  EXPECT_EQ(load("deepseek-v3").checkpoint_weights, "fp8");
  EXPECT_EQ(load("gpt-oss-120b").checkpoint_weights, "fp4");
  EXPECT_EQ(load("llama-3-8b").checkpoint_weights, "bf16");
  EXPECT_EQ(load("llama-2-70b").checkpoint_weights, "fp16");
  const auto with = [](const std::string& qc) {
    auto r = llama_quantized(qc);
    EXPECT_TRUE(r.ok()) << qc;
    return r.ok() ? r->checkpoint_weights : std::string("error");
  };
  EXPECT_EQ(with(R"({"quant_method": "awq", "bits": 4})"), "int4");
  EXPECT_EQ(with(R"({"quant_method": "gptq", "bits": 8})"), "int8");
  // A method whose format is not read here is unknown, not the torch_dtype of its config.
  EXPECT_EQ(with(R"({"quant_method": "bitsandbytes", "load_in_4bit": true})"), "");
  EXPECT_EQ(with(R"({"quant_method": "compressed-tensors"})"), "");
}

// A 4-bit quantization_config that leaves self_attn unconverted keeps the attention projections
// in 16 bits; other methods, other lists and malformed entries do not.
TEST(ModelConfig, FourBitCheckpointsThatLeaveAttentionUnconverted) {
  const auto with = [](const std::string& qc) {
    auto r = llama_quantized(qc);
    EXPECT_TRUE(r.ok()) << qc;
    return r.ok() && r->fp4_attention_16bit;
  };
  EXPECT_TRUE(
      with(R"({"quant_method": "mxfp4", "modules_to_not_convert": ["model.layers.*.self_attn"]})"));
  EXPECT_TRUE(with(
      R"({"quant_method": "modelopt", "quant_algo": "NVFP4", "exclude_modules": ["lm_head", "model.layers.0.self_attn.o_proj"]})"));
  EXPECT_TRUE(with(R"({"quant_method": "nvfp4", "ignore": ["re:.*self_attn.*"]})"));
  EXPECT_FALSE(
      with(R"({"quant_method": "fp8", "modules_to_not_convert": ["model.layers.*.self_attn"]})"));
  EXPECT_FALSE(with(R"({"quant_method": "mxfp4", "modules_to_not_convert": ["lm_head"]})"));
  EXPECT_FALSE(with(R"({"quant_method": "mxfp4", "modules_to_not_convert": "self_attn"})"));
  EXPECT_FALSE(with(R"({"quant_method": 4, "modules_to_not_convert": ["self_attn"]})"));
  EXPECT_FALSE(with(R"({"quant_method": "mxfp4", "modules_to_not_convert": [1, null]})"));
  EXPECT_FALSE(with(R"("mxfp4")"));
  EXPECT_FALSE(load("llama-3-8b").fp4_attention_16bit);
}

TEST(ModelConfig, ChatGlmAndGptFamilies) {
  const ModelArch glm = load("chatglm3-6b");
  EXPECT_EQ(glm.n_layers, 28);
  EXPECT_EQ(glm.n_kv_heads, 2);
  EXPECT_EQ(glm.head_dim, 128);
  EXPECT_EQ(glm.d_ff, 13696);
  EXPECT_EQ(glm.vocab, 65024);
  EXPECT_TRUE(glm.qkv_bias);
  EXPECT_FALSE(glm.attn_out_bias);

  const ModelArch gptj = load("gpt-j-6b");
  EXPECT_TRUE(gptj.parallel_attn_mlp);
  EXPECT_EQ(gptj.mlp, MlpKind::plain);
  EXPECT_EQ(gptj.d_ff, 16384);  // n_inner null -> 4 x n_embd
  EXPECT_EQ(gptj.rotary_dim, 64);
  EXPECT_EQ(gptj.n_norms_per_layer, 1);

  const ModelArch gpt3 = load("gpt-3-175b");
  EXPECT_TRUE(gpt3.tied_embeddings);
  EXPECT_TRUE(gpt3.learned_positions);
  EXPECT_EQ(gpt3.norm, NormKind::layer);
  EXPECT_EQ(gpt3.head_dim, 128);
}

TEST(ModelConfig, DeepSeekV2LiteNullQLora) {
  const std::string text = R"({"model_type": "deepseek_v2", "num_hidden_layers": 27,
    "hidden_size": 2048, "num_attention_heads": 16, "intermediate_size": 10944,
    "vocab_size": 102400, "q_lora_rank": null, "kv_lora_rank": 512, "qk_nope_head_dim": 128,
    "qk_rope_head_dim": 64, "v_head_dim": 128, "n_routed_experts": 64, "num_experts_per_tok": 6,
    "moe_intermediate_size": 1408, "n_shared_experts": 2, "first_k_dense_replace": 1})";
  auto r = parse_hf_config(text, "v2-lite.json");
  ASSERT_TRUE(r.ok()) << r.error().describe();
  EXPECT_EQ(r->q_lora_rank, 0);
  EXPECT_EQ(r->d_ff_shared, 2 * 1408);
  EXPECT_FALSE(r->router_bias);
}

// --- bad input ---

TEST(ModelConfigErrors, MalformedJson) {
  const core::Error e = parse_error("{\n  \"model_type\": \"llama\",\n  \"hidden_size\": 4096,\n}");
  EXPECT_EQ(e.code, core::ErrorCode::invalid_input);
  EXPECT_THAT(e.message, HasSubstr("config.json:4: malformed JSON at column 1: syntax error"));
  ASSERT_EQ(e.problems.size(), 1u);
  EXPECT_EQ(e.problems[0].line, 4);
}

TEST(ModelConfigErrors, NotAnObject) {
  EXPECT_THAT(parse_error("[1, 2]").message, HasSubstr("expected a JSON object"));
}

TEST(ModelConfigErrors, MissingKeyNamesKeyAndFamily) {
  const core::Error e = parse_error(R"({"model_type": "llama", "num_hidden_layers": 2,
      "num_attention_heads": 2, "intermediate_size": 16, "vocab_size": 10})");
  EXPECT_EQ(e.code, core::ErrorCode::invalid_input);
  EXPECT_THAT(e.message,
              HasSubstr("config.json: 'hidden_size' is missing (needed for model_type llama)"));
  ASSERT_EQ(e.problems.size(), 1u);
  EXPECT_EQ(e.problems[0].key_path, "hidden_size");
  EXPECT_EQ(e.problems[0].file, "config.json");
}

TEST(ModelConfigErrors, ChatGlmMissingLayersNamesBothKeys) {
  const core::Error e = parse_error(R"({"model_type": "chatglm", "hidden_size": 64,
      "num_attention_heads": 4, "ffn_hidden_size": 128, "padded_vocab_size": 100})");
  EXPECT_THAT(e.message, HasSubstr("'num_layers' or 'num_hidden_layers' is missing"));
}

TEST(ModelConfigErrors, UnsupportedModelTypeListsAndSuggests) {
  const core::Error e = parse_error(R"({"model_type": "lama", "hidden_size": 8})");
  EXPECT_THAT(e.message, HasSubstr("model_type 'lama' is not supported"));
  EXPECT_THAT(e.message, HasSubstr("supported: llama, mistral, mixtral, qwen2"));
  EXPECT_THAT(e.message, HasSubstr("did you mean 'llama'"));
  EXPECT_THAT(e.describe(), HasSubstr("did you mean 'llama'"));
}

TEST(ModelConfigErrors, MissingModelType) {
  EXPECT_THAT(parse_error(R"({"hidden_size": 8})").message,
              HasSubstr("'model_type' is missing (supported: llama"));
  EXPECT_THAT(parse_error(R"({"model_type": 3})").message,
              HasSubstr("'model_type' must be a string"));
}

TEST(ModelConfigErrors, WrongTypeAndNonPositive) {
  const core::Error e = parse_error(R"({"model_type": "llama", "num_hidden_layers": "32",
      "hidden_size": 0, "num_attention_heads": 2.5, "intermediate_size": -1, "vocab_size": 10,
      "tie_word_embeddings": "no"})");
  EXPECT_THAT(e.message, HasSubstr("'num_hidden_layers' must be an integer, got a string \"32\""));
  EXPECT_THAT(e.message, HasSubstr("(and 4 more)"));
  const std::string all = e.describe();
  EXPECT_THAT(all, HasSubstr("'hidden_size' must be positive, got 0"));
  EXPECT_THAT(all, HasSubstr("'num_attention_heads' must be an integer, got a number"));
  EXPECT_THAT(all, HasSubstr("'intermediate_size' must be positive, got -1"));
  EXPECT_THAT(all, HasSubstr("'tie_word_embeddings' must be true or false"));
}

TEST(ModelConfigErrors, HeadsMustDivideWithoutHeadDim) {
  const std::string base = R"({"model_type": "llama", "num_hidden_layers": 2, "hidden_size": 100,
      "num_attention_heads": 3, "intermediate_size": 16, "vocab_size": 10)";
  EXPECT_THAT(parse_error(base + "}").message,
              HasSubstr("'hidden_size' 100 is not divisible by 'num_attention_heads' 3"));
  auto ok = parse_hf_config(base + R"(, "head_dim": 32})", "config.json");
  ASSERT_TRUE(ok.ok()) << ok.error().describe();
  EXPECT_EQ(ok->head_dim, 32);
}

TEST(ModelConfigErrors, KvHeadsMustDivideHeads) {
  const core::Error e = parse_error(R"({"model_type": "llama", "num_hidden_layers": 2,
      "hidden_size": 64, "num_attention_heads": 8, "num_key_value_heads": 3,
      "intermediate_size": 16, "vocab_size": 10})");
  EXPECT_THAT(e.message, HasSubstr("query heads 8 are not a multiple of key/value heads 3"));
}

TEST(ModelConfigErrors, MoeConsistency) {
  const core::Error e = parse_error(R"({"model_type": "mixtral", "num_hidden_layers": 2,
      "hidden_size": 64, "num_attention_heads": 8, "intermediate_size": 16, "vocab_size": 10,
      "num_local_experts": 4, "num_experts_per_tok": 6})");
  EXPECT_THAT(e.message, HasSubstr("experts per token 6 exceed the 4 routed experts"));
  EXPECT_THAT(parse_error(R"({"model_type": "mixtral", "num_hidden_layers": 2,
      "hidden_size": 64, "num_attention_heads": 8, "intermediate_size": 16,
      "vocab_size": 10, "num_experts_per_tok": 2})")
                  .message,
              HasSubstr("'num_local_experts' is missing (needed for model_type mixtral)"));
}

TEST(ModelConfigErrors, GptOssLayerTypesLength) {
  const core::Error e = parse_error(R"({"model_type": "gpt_oss", "num_hidden_layers": 3,
      "hidden_size": 64, "num_attention_heads": 8, "num_key_value_heads": 2, "head_dim": 8,
      "intermediate_size": 64, "vocab_size": 10, "num_local_experts": 4,
      "experts_per_token": 2, "sliding_window": 16,
      "layer_types": ["sliding_attention", "full_attention"]})");
  EXPECT_THAT(e.message, HasSubstr("'layer_types' has 2 entries but 'num_hidden_layers' is 3"));
}

TEST(ModelConfigErrors, MlpOnlyLayerOutOfRange) {
  const core::Error e = parse_error(R"({"model_type": "qwen3_moe", "num_hidden_layers": 2,
      "hidden_size": 64, "num_attention_heads": 8, "intermediate_size": 64, "vocab_size": 10,
      "num_experts": 4, "num_experts_per_tok": 2, "moe_intermediate_size": 16,
      "mlp_only_layers": [5]})");
  EXPECT_THAT(e.message, HasSubstr("layer 5 does not exist (2 layers)"));
}

// Every key of every catalog config replaced by values of the wrong kind: parsing must return
// a value or an invalid_input error, never crash, and accepted configs give finite counts.
TEST(ModelConfigErrors, MutatedCatalogConfigsNeverCrash) {
  const nlohmann::json bad_values[] = {
      nullptr,         -1,  0, "x", 1e300, nlohmann::json::array(), nlohmann::json::object(),
      1099511627776LL, true};
  int rejected = 0;
  for (const auto& entry : std::filesystem::directory_iterator(kModelsDir)) {
    if (entry.path().extension() != ".json") continue;
    const nlohmann::json original = nlohmann::json::parse(read_text(entry.path()));
    for (const auto& item : original.items()) {
      for (const nlohmann::json& bad : bad_values) {
        nlohmann::json mutated = original;
        mutated[item.key()] = bad;
        auto r = parse_hf_config(mutated.dump(), entry.path().filename().string());
        if (!r.ok()) {
          EXPECT_EQ(r.error().code, core::ErrorCode::invalid_input);
          EXPECT_FALSE(r.error().problems.empty());
          ++rejected;
          continue;
        }
        const ParamCounts c = count_params(*r);
        EXPECT_TRUE(std::isfinite(c.total) && c.total > 0) << item.key() << " = " << bad.dump();
      }
    }
  }
  EXPECT_GT(rejected, 1000);
}

TEST(ModelConfig, SupportedTypesListed) {
  const auto& types = supported_model_types();
  for (const char* t : {"llama", "mistral", "mixtral", "qwen2", "qwen2_moe", "qwen3", "qwen3_moe",
                        "deepseek_v2", "deepseek_v3", "gptj", "gpt2", "gpt_neox", "chatglm",
                        "baichuan", "glm", "glm4", "gpt_oss"}) {
    EXPECT_NE(std::find(types.begin(), types.end(), t), types.end()) << t;
  }
}

}  // namespace
}  // namespace suanli::model
