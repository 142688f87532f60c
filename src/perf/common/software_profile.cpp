#include "suanli/perf/common/software_profile.hpp"

#include <array>
#include <string_view>

namespace suanli::perf {
namespace {

// One serving stack's scheduler defaults; devices with at least `large_from` bytes of memory get
// the `_large` figures.
struct StackDefaults {
  std::string_view id;
  double large_from;      // bytes of device memory from which the larger defaults apply
  int max_batch;          // sequences per instance below `large_from`
  int max_batch_large;    // at or above `large_from`
  int step_tokens;        // chunked-prefill budget below `large_from`
  int step_tokens_large;  // at or above `large_from`
  bool fp8_kv_default;
  std::string_view fp8_attention_family;  // fp8 cache attended in fp8 there (inference.md §9)
  double memory_fraction;
  std::string_view vendor;  // the only chip vendor the stack runs on; "" = portable
};

// Defaults of each stack's scheduler as documented by the stack (docs/models/inference.md
// §software lists the source of each figure).
constexpr std::array<StackDefaults, 7> stacks{{
    // trtllm-bench / MLPerf: max_batch_size up to 2048, max_num_tokens 8192, FP8 KV with FP8
    // ModelOpt checkpoints, kv_cache_free_gpu_mem_fraction 0.90-0.95. FP8 context FMHA is opt-in
    // (use_fp8_context_fmha), so attention is taken as 16-bit.
    {"tensorrt-llm", 0, 2048, 2048, 8192, 8192, true, "", 0.93, "nvidia"},
    // vLLM V1 engine: max_num_seqs 1024 and max_num_batched_tokens 8192 on >= 70 GB devices,
    // 256 / 2048 below; gpu_memory_utilization 0.9. With an FP8 KV cache its FlashAttention-3
    // backend (Hopper) quantizes the query too and attends in FP8 (vLLM docs, quantized KV cache).
    {"vllm", 70e9, 256, 1024, 2048, 8192, false, "hopper", 0.90, ""},
    {"vllm-ascend", 70e9, 256, 1024, 2048, 8192, false, "", 0.90, "huawei"},
    // SGLang: chunked_prefill_size 8192 (4096 below 60 GB), mem_fraction_static ~0.88, running
    // requests bounded by the KV pool. With fp8_e4m3 KV its FA3 backend (Hopper) casts Q to FP8
    // (flashattention_backend.py) and FlashMLA-FP8 decodes MLA in FP8 (LMSYS, 2025-09-26).
    {"sglang", 60e9, 1024, 1024, 4096, 8192, false, "hopper", 0.88, ""},
    // MindIE Service config.json: maxBatchSize 200, maxPrefillTokens 8192, npuMemSize by fraction.
    {"mindie", 0, 200, 200, 8192, 8192, false, "", 0.90, "huawei"},
    // LMDeploy: max_batch_size 256, max_prefill_token_num 8192, cache_max_entry_count 0.8 of free.
    {"lmdeploy", 0, 256, 256, 8192, 8192, false, "", 0.90, ""},
    // Plain PyTorch model code (torch.matmul / cuBLAS GEMMs, scaled_dot_product_attention, a
    // decode loop captured in CUDA graphs): no scheduler, so no batch cap of its own (2048, the
    // largest cap above, only bounds the search; memory decides) and no chunked prefill (a step
    // holds whole prompts up to 16,384 tokens, the largest GEMM of the measured kernel sets). SDPA
    // has no fp8 path; the caching allocator reserves no pool (0.95: the CUDA context and the
    // allocator's slack, an estimate).
    {"pytorch", 0, 2048, 2048, 16384, 16384, false, "", 0.95, ""},
}};

// Unknown or in-house stacks: a vLLM-like scheduler (its batch cap, an 8192-token step); attention
// in 16 bits, since nothing says the stack has FP8 attention kernels.
constexpr StackDefaults other{"other", 70e9, 256, 1024, 8192, 8192, false, "", 0.90, ""};

}  // namespace

SoftwareProfile software_profile(const std::string& software, double memory_bytes) {
  const StackDefaults* d = &other;
  for (const StackDefaults& s : stacks) {
    if (s.id == software) d = &s;
  }
  const bool large = memory_bytes >= d->large_from;
  SoftwareProfile p;
  p.id = software.empty() ? "other" : software;
  p.max_batch = large ? d->max_batch_large : d->max_batch;
  p.max_step_tokens = large ? d->step_tokens_large : d->step_tokens;
  p.fp8_kv_default = d->fp8_kv_default;
  p.fp8_attention_family = d->fp8_attention_family;
  p.memory_fraction = d->memory_fraction;
  p.fused_elementwise = !runs_framework_kernels(software);
  return p;
}

std::vector<std::string> serving_stacks() {
  std::vector<std::string> out;
  out.reserve(stacks.size() + 1);
  for (const StackDefaults& s : stacks) out.emplace_back(s.id);
  out.emplace_back(other.id);
  return out;
}

std::vector<std::string> training_stacks() {
  return {"megatron", "nemo", "deepspeed", "maxtext", "mindformers", "pytorch", "other"};
}

std::string_view stack_vendor(std::string_view software) {
  for (const StackDefaults& s : stacks) {
    if (s.id == software) return s.vendor;
  }
  return {};
}

bool runs_framework_kernels(std::string_view software) {
  return software == "pytorch";
}

}  // namespace suanli::perf
