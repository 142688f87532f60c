#include "suanli/perf/common/software_profile.hpp"

namespace suanli::perf {

// Defaults of each stack's scheduler as documented by the stack (docs/models/inference.md
// §software lists the source of each figure).
SoftwareProfile software_profile(const std::string& software, double memory_bytes) {
  SoftwareProfile p;
  p.id = software.empty() ? "other" : software;
  const bool large = memory_bytes >= 70e9;  // vLLM raises its defaults on >= 70 GiB parts
  if (software == "tensorrt-llm") {
    // trtllm-bench / MLPerf: max_batch_size up to 2048, max_num_tokens 8192, FP8 KV with FP8
    // ModelOpt checkpoints, kv_cache_free_gpu_mem_fraction 0.90-0.95.
    p.max_batch = 2048;
    p.max_step_tokens = 8192;
    p.fp8_kv_default = true;
    p.memory_fraction = 0.93;
  } else if (software == "vllm" || software == "vllm-ascend") {
    // vLLM V1 engine: max_num_seqs 1024 and max_num_batched_tokens 8192 on >= 70 GB devices,
    // 256 / 2048 below; gpu_memory_utilization 0.9.
    p.max_batch = large ? 1024 : 256;
    p.max_step_tokens = large ? 8192 : 2048;
    p.memory_fraction = 0.90;
  } else if (software == "sglang") {
    // SGLang: chunked_prefill_size 8192 (4096 below 60 GB), mem_fraction_static ~0.88,
    // running requests bounded by the KV pool.
    p.max_batch = 1024;
    p.max_step_tokens = memory_bytes >= 60e9 ? 8192 : 4096;
    p.memory_fraction = 0.88;
  } else if (software == "mindie") {
    // MindIE Service config.json: maxBatchSize 200, maxPrefillTokens 8192, npuMemSize by fraction.
    p.max_batch = 200;
    p.max_step_tokens = 8192;
    p.memory_fraction = 0.90;
  } else if (software == "lmdeploy") {
    // LMDeploy: max_batch_size 256, max_prefill_token_num 8192, cache_max_entry_count 0.8 of free.
    p.max_batch = 256;
    p.max_step_tokens = 8192;
    p.memory_fraction = 0.90;
  } else {
    // Unknown or in-house stacks: a vLLM-like scheduler.
    p.max_batch = large ? 1024 : 256;
    p.max_step_tokens = 8192;
    p.memory_fraction = 0.90;
  }
  return p;
}

}  // namespace suanli::perf
