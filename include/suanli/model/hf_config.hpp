// Reads a Hugging Face config.json (already parsed text) into a ModelArch. Supported model_type:
// llama, mistral, mixtral, qwen2, qwen2_moe, qwen3, qwen3_moe, deepseek_v3 (and v2), gptj, gpt2
// style (gpt2, gpt_neox-like "gpt" configs), chatglm, baichuan, glm4 / glm, gpt_oss.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "suanli/core/result.hpp"
#include "suanli/model/model_arch.hpp"

namespace suanli::model {

// `json_text` is the file content, `origin` names it in diagnostics (a path or an id).
core::Result<ModelArch> parse_hf_config(std::string_view json_text, const std::string& origin);

const std::vector<std::string>& supported_model_types();

}  // namespace suanli::model
