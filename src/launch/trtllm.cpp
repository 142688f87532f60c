// TensorRT-LLM: `trtllm-serve` (PyTorch backend) with its command-line options and an extra LLM
// API options YAML (--config) for what has no flag: attention DP, KV-cache format and memory,
// chunked prefill, MTP, the KV transceiver of disaggregated pools. Multi-node instances run under
// MPI with trtllm-llmapi-launch; disaggregated pools behind `trtllm-serve disaggregated`
// (docs/launch-configs.md).
#include <fmt/format.h>

#include "detail/deployment.hpp"

namespace suanli::launch::detail {
namespace {

int port_of(const Pool& p) {
  return p.role == "prefill" ? 8001 : p.role == "decode" ? 8002 : 8000;
}

std::string file_of(const Pool& p) {
  return p.role == "serve" ? "extra-llm-api-config.yml" : p.role + "-config.yml";
}

bool attention_dp(const Deployment& d, const Pool& p) {
  return d.moe && p.layout.dpa > 1;
}

std::string options_yaml(Script& s, const Deployment& d, const Pool& p) {
  std::string y;
  if (attention_dp(d, p)) y += "enable_attention_dp: true\n";
  y += "enable_chunked_prefill: true\n";
  y += "kv_cache_config:\n";
  if (d.kv_cache == hw::Dtype::fp8) y += "  dtype: fp8\n";
  if (d.kv_cache == hw::Dtype::int8) y += "  dtype: int8\n";
  y += fmt::format("  free_gpu_memory_fraction: {:.2f}\n", d.memory_fraction);
  if (d.mtp) {
    y += fmt::format("speculative_config:\n  decoding_type: MTP\n  num_nextn_predict_layers: {}\n",
                     d.draft_tokens);
  } else if (!d.eagle.empty()) {
    s.undecided(
        fmt::format("the speculative_config of an {} head ({} steps) is not written by "
                    "suanli for this stack",
                    d.eagle, d.draft_tokens));
  }
  if (d.disaggregated()) {
    y += "cache_transceiver_config:\n  backend: DEFAULT\n";
    if (p.role == "prefill") y += "disable_overlap_scheduler: true\n";
  }
  if (attention_dp(d, p) && p.layout.tp > 1) {
    s.undecided(
        fmt::format("TensorRT-LLM's attention DP runs attention at tp 1; suanli predicted "
                    "attention tp {} inside each MoE group",
                    p.layout.tp));
  }
  return y;
}

CommandLine server(Script& s, const Deployment& d, const Pool& p) {
  const perf::Layout& l = p.layout;
  CommandLine c("trtllm-serve " + d.model);
  c.arg("--backend", "pytorch").arg("--host", "0.0.0.0").arg("--port", port_of(p));
  c.arg("--tp_size", d.moe ? l.moe_group : l.tp).arg("--pp_size", l.pp);
  if (d.moe && l.ep > 1) c.arg("--ep_size", l.ep);
  // max_batch_size is per scheduler: each attention-DP rank schedules its own requests.
  const int schedulers = l.instances * (attention_dp(d, p) ? l.dpa : 1);
  if (p.concurrency > 0) c.arg("--max_batch_size", per_engine(p, schedulers));
  c.arg("--max_num_tokens", p.step_tokens);
  if (d.beams > 1) c.arg("--max_beam_width", d.beams);
  c.arg("--config", file_of(p));
  if (d.weights != hw::Dtype::bf16 && d.weights != hw::Dtype::fp16) {
    s.undecided(
        fmt::format("{} weights: trtllm-serve reads the format from the checkpoint; serve "
                    "one quantised to {} (e.g. with TensorRT Model Optimizer)",
                    hw::to_string(d.weights), hw::to_string(d.weights)));
  }
  return c;
}

void emit_pool(LaunchConfig& config, const Deployment& d, const Pool& p) {
  Script s(config);
  const int nodes = p.instance_nodes();
  describe_pool(s, p, 0, nodes);
  if (p.layout.instances > 1) {
    s.comment(
        fmt::format("run this command once per instance ({} instances of {}, each on "
                    "its own devices and port)",
                    p.layout.instances, ranks(p.instance_chips())));
  }
  if (p.role == (d.disaggregated() ? "prefill" : "serve")) common_undecided(s, d);
  config.files.push_back({file_of(p), options_yaml(s, d, p)});
  const CommandLine c = server(s, d, p);
  if (nodes > 1) {
    // One MPI launch from node 1 starts every rank of the instance.
    s.undecided("NODE_1 ... NODE_n: the hosts of this instance, reachable by mpirun");
    std::string hosts;
    for (int n = 1; n <= nodes; ++n) {
      hosts += fmt::format("{}$NODE_{}:{}", n > 1 ? "," : "", n, p.chips_per_node);
    }
    s.line(fmt::format("mpirun -H {} -n {} \\\n  trtllm-llmapi-launch {}", hosts,
                       p.instance_chips(), c.text()));
  } else {
    s.command(c);
  }
  config.commands.push_back({p.role, 0, s.text()});
}

// The orchestrator's file: one URL per instance of each pool (hosts left to the user).
std::string disagg_yaml(const Deployment& d) {
  std::string y = "hostname: 0.0.0.0\nport: 8000\nbackend: pytorch\n";
  for (const Pool& p : d.pools) {
    const bool prefill = p.role == "prefill";
    y += fmt::format("{}:\n  num_instances: {}\n  urls:\n",
                     prefill ? "context_servers" : "generation_servers", p.layout.instances);
    for (int i = 1; i <= p.layout.instances; ++i) {
      y += fmt::format("    - \"{}_IP_{}:{}\"\n", prefill ? "PREFILL" : "DECODE", i, port_of(p));
    }
  }
  return y;
}

}  // namespace

core::Result<LaunchConfig> trtllm_config(const Deployment& d) {
  LaunchConfig config = pooled_config(
      d, Stack::trtllm, "TensorRT-LLM 1.2 (trtllm-serve, PyTorch backend, LLM API options YAML)",
      [&d](LaunchConfig& c, const Pool& p) { emit_pool(c, d, p); },
      {"PREFILL_IP_i / DECODE_IP_i in disagg_config.yaml: the head node of each instance",
       CommandLine("trtllm-serve disaggregated").arg("-c", "disagg_config.yaml")});
  if (d.disaggregated()) config.files.push_back({"disagg_config.yaml", disagg_yaml(d)});
  return config;
}

}  // namespace suanli::launch::detail
