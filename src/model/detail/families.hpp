// One reader per Hugging Face model family: each fills a ModelArch from the config's keys and
// records problems in the ConfigReader. Dispatch by model_type lives in hf_config.cpp.
#pragma once

#include "detail/config_reader.hpp"
#include "suanli/model/model_arch.hpp"

namespace suanli::model::detail {

void read_llama(ConfigReader& r, ModelArch& m);     // llama, baichuan
void read_mistral(ConfigReader& r, ModelArch& m);   // mistral, mixtral
void read_qwen(ConfigReader& r, ModelArch& m);      // qwen2, qwen2_moe, qwen3, qwen3_moe
void read_deepseek(ConfigReader& r, ModelArch& m);  // deepseek_v2, deepseek_v3
void read_gpt_oss(ConfigReader& r, ModelArch& m);   // gpt_oss
void read_glm(ConfigReader& r, ModelArch& m);       // glm, glm4 (transformers-native GLM)
void read_chatglm(ConfigReader& r, ModelArch& m);   // chatglm (ChatGLM2/3, GLM-4 remote code)
void read_gpt2(ConfigReader& r, ModelArch& m);      // gpt2
void read_gptj(ConfigReader& r, ModelArch& m);      // gptj
void read_gpt_neox(ConfigReader& r, ModelArch& m);  // gpt_neox

}  // namespace suanli::model::detail
