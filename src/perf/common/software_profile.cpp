#include "suanli/perf/common/software_profile.hpp"

#include "suanli/hw/chip.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>
#include <string_view>

namespace suanli::perf {
namespace {

constexpr double gib = 1024.0 * 1024.0 * 1024.0;

// A scheduler default that steps with the device's memory: from `from_bytes` up (the largest
// tier not above the device's memory applies).
struct Tier {
  double from_bytes;
  int max_batch;    // sequences per instance (per attention-DP rank)
  int step_tokens;  // chunked-prefill budget per engine step
};

// One serving stack's scheduler defaults, tiers ascending (a tier with from_bytes < 0 is unused).
struct StackDefaults {
  std::string_view id;
  std::array<Tier, 4> tiers;
  // Devices whose name holds this (lower case) stay in the first tier whatever their memory.
  std::string_view first_tier_names;
  // The budget is one for all attention-DP ranks of an instance, split evenly among them.
  bool step_budget_split_over_dp;
  // Decode tokens count against the budget (else it bounds prefill batches only).
  bool step_budget_counts_decode;
  bool fp8_kv_default;
  std::string_view fp8_attention_family;  // fp8 cache attended in fp8 there (inference.md §9)
  double memory_fraction;
  std::string_view vendor;  // the only chip vendor the stack runs on; "" = portable
};

constexpr Tier unused{-1, 0, 0};
constexpr std::array<Tier, 4> flat(int max_batch, int step_tokens) {
  return {{{0, max_batch, step_tokens}, unused, unused, unused}};
}
// vLLM V1 engine (EngineArgs._set_default_args, OpenAI API server): max_num_seqs 1024 and
// max_num_batched_tokens 8192 on devices of >= 70 GiB whose name does not hold "a100", 256 /
// 2048 on the others.
constexpr std::array<Tier, 4> vllm_tiers{{{0, 256, 2048}, {70 * gib, 1024, 8192}, unused, unused}};

// Defaults of each stack's scheduler as documented by the stack (docs/models/inference.md
// §software lists the source of each figure).
constexpr std::array<StackDefaults, 7> stacks{{
    // trtllm-bench / MLPerf: max_batch_size up to 2048, max_num_tokens 8192, FP8 KV with FP8
    // ModelOpt checkpoints, kv_cache_free_gpu_mem_fraction 0.90-0.95. FP8 context FMHA is opt-in
    // (use_fp8_context_fmha), so attention is taken as 16-bit.
    {"tensorrt-llm", flat(2048, 8192), "", false, true, true, "", 0.93, "nvidia"},
    // vLLM (tiers above); gpu_memory_utilization 0.9. With an FP8 KV cache its FlashAttention-3
    // backend (Hopper) quantizes the query too and attends in FP8 (vLLM docs, quantized KV cache).
    {"vllm", vllm_tiers, "a100", false, true, false, "hopper", 0.90, ""},
    {"vllm-ascend", vllm_tiers, "", false, true, false, "", 0.90, "huawei"},
    // SGLang (ServerArgs._handle_gpu_memory_settings): chunked_prefill_size 2048 below 35 GiB,
    // 4096 below 60 GiB, 8192 below 160 GiB, 16384 from there; with DP attention the size is
    // divided by dp_size (_handle_data_parallelism: each attention rank gets its share).
    // mem_fraction_static ~0.88; running requests bounded by the KV pool. With fp8_e4m3 KV its FA3
    // backend (Hopper) casts Q to FP8 (flashattention_backend.py) and FlashMLA-FP8 decodes MLA in
    // FP8 (LMSYS, 2025-09-26).
    {"sglang",
     {{{0, 1024, 2048}, {35 * gib, 1024, 4096}, {60 * gib, 1024, 8192}, {160 * gib, 1024, 16384}}},
     "",
     true,
     false,
     false,
     "hopper",
     0.88,
     ""},
    // MindIE Service config.json: maxBatchSize 200, maxPrefillTokens 8192, npuMemSize by fraction.
    {"mindie", flat(200, 8192), "", false, false, false, "", 0.90, "huawei"},
    // LMDeploy: max_batch_size 256, max_prefill_token_num 8192, cache_max_entry_count 0.8 of free.
    {"lmdeploy", flat(256, 8192), "", false, false, false, "", 0.90, ""},
    // Plain PyTorch model code (torch.matmul / cuBLAS GEMMs, scaled_dot_product_attention, a
    // decode loop captured in CUDA graphs): no scheduler, so no batch cap of its own (2048, the
    // largest cap above, only bounds the search; memory decides) and no chunked prefill (a step
    // holds whole prompts up to 16,384 tokens, the largest GEMM of the measured kernel sets). SDPA
    // has no fp8 path; the caching allocator reserves no pool (0.95: the CUDA context and the
    // allocator's slack, an estimate).
    {"pytorch", flat(2048, 16384), "", false, true, false, "", 0.95, ""},
}};

// Unknown or in-house stacks: a vLLM-like scheduler (its batch cap, an 8192-token step); attention
// in 16 bits, since nothing says the stack has FP8 attention kernels.
constexpr StackDefaults other{"other", {{{0, 256, 8192}, {70 * gib, 1024, 8192}, unused, unused}},
                              "",      false,
                              true,    false,
                              "",      0.90,
                              ""};

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

const Tier& tier_of(const StackDefaults& d, double memory_bytes, std::string_view device_name) {
  const Tier* t = &d.tiers.front();
  if (!d.first_tier_names.empty() &&
      lower(device_name).find(d.first_tier_names) != std::string::npos) {
    return *t;
  }
  for (const Tier& next : d.tiers) {
    if (next.from_bytes >= 0 && memory_bytes >= next.from_bytes) t = &next;
  }
  return *t;
}

}  // namespace

SoftwareProfile software_profile(const std::string& software, double memory_bytes,
                                 std::string_view device_name) {
  const StackDefaults* d = &other;
  for (const StackDefaults& s : stacks) {
    if (s.id == software) d = &s;
  }
  const Tier& tier = tier_of(*d, memory_bytes, device_name);
  SoftwareProfile p;
  p.id = software.empty() ? "other" : software;
  p.max_batch = tier.max_batch;
  p.max_step_tokens = tier.step_tokens;
  p.step_budget_split_over_dp = d->step_budget_split_over_dp;
  p.step_budget_counts_decode = d->step_budget_counts_decode;
  p.fp8_kv_default = d->fp8_kv_default;
  p.fp8_attention_family = d->fp8_attention_family;
  p.memory_fraction = d->memory_fraction;
  p.fused_elementwise = !runs_framework_kernels(software);
  return p;
}

SoftwareProfile software_profile(const std::string& software, const hw::Chip& chip) {
  return software_profile(software, chip.device_memory_bytes(), chip.name);
}

int SoftwareProfile::rank_step_tokens(int dp_attention_ranks) const {
  if (!step_budget_split_over_dp || dp_attention_ranks <= 1) return max_step_tokens;
  return std::max(1, max_step_tokens / dp_attention_ranks);
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
