#include "suanli/model/hf_config.hpp"

#include <algorithm>
#include <array>
#include <string>
#include <utility>

#include <nlohmann/json.hpp>

#include "detail/config_reader.hpp"
#include "detail/families.hpp"
#include "suanli/core/did_you_mean.hpp"
#include "suanli/model/json_syntax.hpp"

namespace suanli::model {

namespace {

using nlohmann::json;
using Reader = void (*)(detail::ConfigReader&, ModelArch&);

struct Family {
  const char* model_type;
  Reader read;
};

constexpr auto families = std::to_array<Family>({
    {"llama", detail::read_llama},
    {"mistral", detail::read_mistral},
    {"mixtral", detail::read_mistral},
    {"qwen2", detail::read_qwen},
    {"qwen2_moe", detail::read_qwen},
    {"qwen3", detail::read_qwen},
    {"qwen3_moe", detail::read_qwen},
    {"deepseek_v2", detail::read_deepseek},
    {"deepseek_v3", detail::read_deepseek},
    {"gpt_oss", detail::read_gpt_oss},
    {"baichuan", detail::read_llama},
    {"glm", detail::read_glm},
    {"glm4", detail::read_glm},
    {"chatglm", detail::read_chatglm},
    {"gpt2", detail::read_gpt2},
    {"gptj", detail::read_gptj},
    {"gpt_neox", detail::read_gpt_neox},
});

core::Error single_problem(const std::string& origin, int line, std::string key,
                           std::string message, std::string hint = "") {
  std::string summary = origin + (line > 0 ? ":" + std::to_string(line) : "") + ": " + message;
  if (!hint.empty()) {
    summary += " (" + hint + ")";
  }
  return core::make_error(
      core::ErrorCode::invalid_input, std::move(summary),
      core::Problem{origin, line, std::move(key), std::move(message), std::move(hint)});
}

core::Error malformed(std::string_view text, const std::string& origin) {
  const JsonSyntaxError e = json_syntax_error(text);
  return single_problem(origin, e.line, "", "malformed JSON at " + e.detail);
}

std::string supported_list() {
  std::string out;
  for (const std::string& t : supported_model_types()) {
    out += (out.empty() ? "" : ", ") + t;
  }
  return out;
}

// Checks that hold for every family once the keys are read.
void validate(detail::ConfigReader& r, const ModelArch& m) {
  if (m.attention != AttentionKind::mla && m.n_heads > 0 && m.n_kv_heads > 0 &&
      m.n_heads % m.n_kv_heads != 0) {
    r.problem("num_key_value_heads", "query heads " + std::to_string(m.n_heads) +
                                         " are not a multiple of key/value heads " +
                                         std::to_string(m.n_kv_heads));
  }
  if (m.n_kv_heads > m.n_heads && m.n_heads > 0) {
    r.problem("num_key_value_heads", "key/value heads " + std::to_string(m.n_kv_heads) +
                                         " exceed query heads " + std::to_string(m.n_heads));
  }
  if (m.is_moe() && m.n_active_experts > m.n_experts) {
    r.problem("num_experts_per_tok", "experts per token " + std::to_string(m.n_active_experts) +
                                         " exceed the " + std::to_string(m.n_experts) +
                                         " routed experts");
  }
  if (m.n_dense_layers > m.n_layers && m.n_layers > 0) {
    r.problem("first_k_dense_replace", "dense leading layers " + std::to_string(m.n_dense_layers) +
                                           " exceed the " + std::to_string(m.n_layers) + " layers");
  }
  for (int layer : m.mlp_only_layers) {
    if (layer >= m.n_layers) {
      r.problem("mlp_only_layers", "layer " + std::to_string(layer) + " does not exist (" +
                                       std::to_string(m.n_layers) + " layers)");
      break;
    }
  }
}

std::string id_from_origin(const std::string& origin) {
  std::string id = origin.substr(origin.find_last_of("/\\") + 1);
  if (id.size() > 5 && id.ends_with(".json")) {
    id.resize(id.size() - 5);
  }
  return id;
}

bool is_four_bit_method(const json& q) {
  const auto method = q.find("quant_method");
  if (method == q.end() || !method->is_string()) return false;
  const std::string m = method->get<std::string>();
  if (m == "mxfp4" || m == "nvfp4" || m == "modelopt_fp4" || m == "fp4") return true;
  const auto algo = q.find("quant_algo");
  return m == "modelopt" && algo != q.end() && algo->is_string() &&
         algo->get<std::string>() == "NVFP4";
}

// True when a 4-bit quantization_config leaves the attention projections unconverted
// (modules_to_not_convert in transformers, ignore in compressed-tensors, exclude_modules in
// ModelOpt): the checkpoint keeps them in 16 bits.
bool fp4_attention_left_16bit(const json& root) {
  const auto q = root.find("quantization_config");
  if (q == root.end() || !q->is_object() || !is_four_bit_method(*q)) return false;
  for (const char* key : {"modules_to_not_convert", "ignore", "exclude_modules"}) {
    const auto list = q->find(key);
    if (list == q->end() || !list->is_array()) continue;
    for (const json& entry : *list) {
      if (entry.is_string() && entry.get<std::string>().find("self_attn") != std::string::npos) {
        return true;
      }
    }
  }
  return false;
}

// ModelArch::checkpoint_weights from quantization_config, else torch_dtype.
std::string checkpoint_weights(const json& root) {
  const auto q = root.find("quantization_config");
  if (q != root.end() && q->is_object()) {
    if (is_four_bit_method(*q)) return "fp4";
    const auto method = q->find("quant_method");
    if (method != q->end() && method->is_string() && method->get<std::string>() == "fp8") {
      return "fp8";
    }
    const auto bits = q->find("bits");
    if (bits != q->end() && bits->is_number_integer()) {
      if (bits->get<int>() == 8) return "int8";
      if (bits->get<int>() == 4) return "int4";
    }
    return "";  // a method not read here: its format is unknown, not torch_dtype
  }
  auto dtype = root.find("torch_dtype");
  if (dtype == root.end()) dtype = root.find("dtype");  // the newer transformers key
  if (dtype == root.end() || !dtype->is_string()) return "";
  const std::string d = dtype->get<std::string>();
  if (d == "bfloat16") return "bf16";
  if (d == "float16") return "fp16";
  if (d == "float32") return "fp32";
  return "";
}

}  // namespace

const std::vector<std::string>& supported_model_types() {
  static const std::vector<std::string> types = [] {
    std::vector<std::string> out;
    out.reserve(families.size());
    for (const Family& f : families) {
      out.emplace_back(f.model_type);
    }
    return out;
  }();
  return types;
}

core::Result<ModelArch> parse_hf_config(std::string_view json_text, const std::string& origin) {
  const json root = json::parse(json_text, nullptr, false);
  if (root.is_discarded()) {
    return malformed(json_text, origin);
  }
  if (!root.is_object()) {
    return single_problem(origin, 0, "",
                          "expected a JSON object at the top level, got " + detail::brief(root));
  }
  const auto type_it = root.find("model_type");
  if (type_it == root.end() || !type_it->is_string()) {
    const std::string what = type_it == root.end() ? "is missing" : "must be a string";
    return single_problem(origin, 0, "model_type",
                          "'model_type' " + what + " (supported: " + supported_list() + ")");
  }
  const std::string model_type = type_it->get<std::string>();
  const Family* family = nullptr;
  for (const Family& f : families) {
    if (model_type == f.model_type) {
      family = &f;
    }
  }
  if (family == nullptr) {
    return single_problem(
        origin, 0, "model_type",
        "model_type '" + model_type + "' is not supported (supported: " + supported_list() + ")",
        core::did_you_mean(model_type, supported_model_types()));
  }

  ModelArch m;
  m.id = id_from_origin(origin);
  m.model_type = model_type;
  detail::ConfigReader reader(root, origin, model_type);
  family->read(reader, m);
  validate(reader, m);
  m.fp4_attention_16bit = fp4_attention_left_16bit(root);
  m.checkpoint_weights = checkpoint_weights(root);
  if (m.attention != AttentionKind::mla) {
    m.attention = m.n_kv_heads == m.n_heads ? AttentionKind::mha : AttentionKind::gqa;
  }
  const auto& problems = reader.problems();
  if (problems.empty()) {
    return m;
  }
  std::string summary = origin + ": " + problems.front().message;
  if (problems.size() > 1) {
    summary += " (and " + std::to_string(problems.size() - 1) + " more)";
  }
  core::Error error = core::make_error(core::ErrorCode::invalid_input, std::move(summary));
  error.problems = problems;
  return error;
}

}  // namespace suanli::model
