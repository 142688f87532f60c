// Serving-stack defaults that change predictions but are not efficiencies: batch and token
// budgets, default KV-cache format, memory reserve. Values and their sources in
// docs/models/inference.md §software.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "suanli/hw/dtype.hpp"

namespace suanli::hw {
struct Chip;
}

namespace suanli::perf {

struct SoftwareProfile {
  std::string id;              // e.g. "vllm"; "other" for unknown stacks
  int max_batch = 256;         // sequences per model instance (scheduler cap)
  int max_step_tokens = 8192;  // tokens per engine step (chunked-prefill budget)
  // The step budget is the instance's, shared evenly by its attention-DP ranks (SGLang divides
  // chunked_prefill_size by dp_size under DP attention); false: each rank has the whole budget.
  bool step_budget_split_over_dp = false;
  // Decode tokens count against the step budget (vLLM max_num_batched_tokens, TensorRT-LLM
  // max_num_tokens); false where it bounds prefill batches only (SGLang chunked_prefill_size,
  // MindIE maxPrefillTokens, LMDeploy max_prefill_token_num): the decode batch is not capped by it.
  bool step_budget_counts_decode = true;
  bool fp8_kv_default = false;  // KV cache defaults to fp8 when the weights are fp8/fp4
  // Chip family on which the stack attends an fp8 KV cache in fp8 (the query cast to fp8); "" =
  // none. Hopper for the FlashAttention-3 / FlashMLA-FP8 stacks.
  std::string_view fp8_attention_family;
  double memory_fraction = 0.90;  // share of device memory the engine may use
  // Norms, rotary, residual adds and activations run fused into a few kernels (every serving
  // stack); false for plain PyTorch model code, where each is its own kernel and pass over memory.
  bool fused_elementwise = true;

  // Tokens one attention-DP rank may hold in a step by default, of `max_step_tokens`.
  [[nodiscard]] int rank_step_tokens(int dp_attention_ranks) const;
};

// Profile for a stack id; `memory_bytes` is the chip's memory and `device_name` its name (some
// defaults depend on them: vLLM keeps A100s in its smaller tier).
SoftwareProfile software_profile(const std::string& software, double memory_bytes,
                                 std::string_view device_name = {});
// The profile of a stack on `chip`: its device memory and name.
SoftwareProfile software_profile(const std::string& software, const hw::Chip& chip);

// The serving stacks the table knows, "other" (an in-house or unlisted stack) last.
std::vector<std::string> serving_stacks();

// The training stacks the engine tells apart (the suite format's training frameworks,
// PyTorch-native code and "other" for an in-house stack, last); each may have its own efficiency
// entries.
std::vector<std::string> training_stacks();

// True for plain PyTorch model code: the model runs on the framework's own kernels (cuBLAS GEMMs,
// SDPA attention) with no serving engine between them, so a step realises the kernel rates and
// has no stack share to fit (docs/models/inference.md §9).
bool runs_framework_kernels(std::string_view software);

// The chip vendor a stack runs on only ("nvidia" for TensorRT-LLM), "" when it is portable or
// unknown.
std::string_view stack_vendor(std::string_view software);

}  // namespace suanli::perf
