// vLLM and vLLM-Ascend: `vllm serve` with the engine arguments of vLLM (docs/launch-configs.md
// lists the release and the source of every flag). vLLM-Ascend is a platform plugin that takes
// the same arguments on Ascend NPUs.
#include <fmt/format.h>

#include "detail/deployment.hpp"

namespace suanli::launch::detail {
namespace {

constexpr int rpc_port = 13345;  // --data-parallel-rpc-port, as in vLLM's examples

int port_of(const Pool& p) {
  return p.role == "prefill" ? 8100 : p.role == "decode" ? 8200 : 8000;
}

// How one deployment of a pool spreads over nodes.
enum class Spread { one_node, nodes, data_parallel, ray };

struct Shape {
  int dp = 1;           // --data-parallel-size of one deployment
  int chips = 0;        // ranks of one deployment
  int deployments = 1;  // copies of the deployment (MoE instances run separately)
  int nodes = 1;        // nodes of one deployment
  int local_dp = 0;     // DP ranks per node (data_parallel)
  Spread spread = Spread::one_node;
};

// Dense replicas fold into --data-parallel-size (independent ranks behind one API server); the
// DP ranks of an MoE model form one expert group, so each MoE instance is its own deployment.
Shape shape_of(const Deployment& d, const Pool& p) {
  const perf::Layout& l = p.layout;
  Shape s;
  const bool fold = !d.moe;
  s.dp = fold ? l.dp : l.dpa;
  s.deployments = fold ? 1 : l.instances;
  s.chips = fold ? p.chips : p.instance_chips();
  s.nodes = (s.chips + p.chips_per_node - 1) / p.chips_per_node;
  const int rank_chips = l.tp * l.pp;  // GPUs of one DP rank
  if (s.nodes == 1) {
    s.spread = Spread::one_node;
  } else if (s.dp == 1) {
    s.spread = Spread::nodes;
  } else if (rank_chips <= p.chips_per_node && p.chips_per_node % rank_chips == 0) {
    s.spread = Spread::data_parallel;
    s.local_dp = p.chips_per_node / rank_chips;
  } else {
    s.spread = Spread::ray;
  }
  return s;
}

void add_weights(Script& s, CommandLine& c, const Deployment& d, bool ascend) {
  switch (d.weights) {
    case hw::Dtype::fp8:
      c.arg("--quantization", "fp8");  // online FP8, or the checkpoint's own FP8 scales
      break;
    case hw::Dtype::int8:
      if (ascend) {
        c.arg("--quantization", "ascend");
        s.undecided("int8 weights: serve a W8A8 checkpoint quantised with msModelSlim");
      } else {
        quantised_checkpoint(s, d.weights);
      }
      break;
    case hw::Dtype::fp4:
    case hw::Dtype::int4:
      quantised_checkpoint(s, d.weights);
      break;
    default:
      break;  // 16-bit: the checkpoint's dtype
  }
  if (d.kv_cache == hw::Dtype::fp8) {
    c.arg("--kv-cache-dtype", "fp8");
  } else if (d.kv_cache == hw::Dtype::int8) {
    s.undecided("an int8 KV cache comes with the quantised checkpoint (KV int8), not a flag");
  }
}

CommandLine engine(Script& s, const Deployment& d, const Pool& p, const Shape& shape, bool ascend) {
  const perf::Layout& l = p.layout;
  CommandLine c("vllm serve " + d.model);
  c.arg("--port", port_of(p));
  c.arg("--tensor-parallel-size", l.tp);
  if (l.pp > 1) c.arg("--pipeline-parallel-size", l.pp);
  if (shape.dp > 1) c.arg("--data-parallel-size", shape.dp);
  if (d.moe && l.ep > 1) {
    c.flag("--enable-expert-parallel");
    if (l.etp > 1) {
      s.undecided(
          fmt::format("vLLM spreads experts over all {} ranks of a MoE group (expert "
                      "tp 1); suanli predicted expert tp {}",
                      l.moe_group, l.etp));
    }
    if (!ascend) {
      s.undecided(
          "the all-to-all backend (--all2all-backend) is left at vLLM's default; suanli "
          "models DeepEP-style dispatch");
    }
  }
  if (p.concurrency > 0) c.arg("--max-num-seqs", per_engine(p, l.dp));  // per DP rank
  c.arg("--max-num-batched-tokens", p.step_tokens);
  c.flag("--enable-chunked-prefill");
  c.arg("--gpu-memory-utilization", fmt::format("{:.2f}", d.memory_fraction));
  add_weights(s, c, d, ascend);
  if (d.mtp) {
    c.arg("--speculative-config",
          fmt::format(R"('{{"method": "mtp", "num_speculative_tokens": {}}}')", d.draft_tokens));
  } else if (!d.eagle.empty()) {
    c.arg("--speculative-config", fmt::format(R"('{{"method": "{}", "model": "$DRAFT_MODEL_PATH", )"
                                              R"("num_speculative_tokens": {}}}')",
                                              d.eagle, d.draft_tokens));
  }
  if (d.disaggregated()) {
    if (ascend) {
      const char* role = p.role == "prefill" ? "kv_producer" : "kv_consumer";
      c.arg("--kv-transfer-config",
            fmt::format(R"('{{"kv_connector": "MooncakeConnector", "kv_role": "{}"}}')", role));
      s.undecided(
          "Mooncake ports, engine ids and the prefill/decode layout in "
          "kv_connector_extra_config depend on your hosts");
    } else {
      c.arg("--kv-transfer-config", R"('{"kv_connector": "NixlConnector", "kv_role": "kv_both"}')");
    }
  }
  return c;
}

void emit_pool(LaunchConfig& config, const Deployment& d, const Pool& p, bool ascend) {
  const Shape shape = shape_of(d, p);
  for (int node = 0; node < shape.nodes; ++node) {
    Script s(config);
    describe_pool(s, p, node, shape.nodes);
    if (shape.deployments > 1) {
      s.comment(
          fmt::format("run these commands once per instance ({} deployments of {}, "
                      "each on its own devices and port)",
                      shape.deployments, ranks(shape.chips)));
    }
    if (node == 0 && p.role == (d.disaggregated() ? "prefill" : "serve")) common_undecided(s, d);
    CommandLine c = engine(s, d, p, shape, ascend);
    switch (shape.spread) {
      case Spread::one_node:
        break;
      case Spread::nodes:
        if (node == 0) s.undecided("HEAD_IP: the address of this pool's node 1");
        c.arg("--nnodes", shape.nodes).arg("--node-rank", node).arg("--master-addr", "$HEAD_IP");
        if (node > 0) c.flag("--headless");
        break;
      case Spread::data_parallel: {
        if (node == 0) s.undecided("HEAD_IP: the address of this pool's node 1");
        const int start = node * shape.local_dp;
        c.arg("--data-parallel-size-local", std::min(shape.local_dp, shape.dp - start));
        c.arg("--data-parallel-address", "$HEAD_IP").arg("--data-parallel-rpc-port", rpc_port);
        if (node > 0) c.flag("--headless").arg("--data-parallel-start-rank", start);
        break;
      }
      case Spread::ray:
        if (node == 0) {
          s.undecided("HEAD_IP: the address of this pool's node 1 (the Ray head)");
          s.line("ray start --head --port 6379");
          s.line("export VLLM_RAY_DP_PACK_STRATEGY=span");
          c.arg("--data-parallel-backend", "ray");
        } else {
          s.line("ray start --address $HEAD_IP:6379");
        }
        break;
    }
    if (shape.spread != Spread::ray || node == 0) s.command(c);
    config.commands.push_back({p.role, node, s.text()});
  }
}

}  // namespace

core::Result<LaunchConfig> vllm_config(const Deployment& d, bool ascend) {
  return pooled_config(
      d, ascend ? Stack::vllm_ascend : Stack::vllm,
      ascend ? "vLLM-Ascend 0.11 (vllm serve engine arguments)"
             : "vLLM 0.12 (vllm serve engine arguments)",
      [&d, ascend](LaunchConfig& config, const Pool& p) { emit_pool(config, d, p, ascend); },
      {"the router that sends each request to a prefill server, then to a decode server (vLLM "
       "ships only example proxies; suanli does not choose one)",
       std::nullopt});
}

}  // namespace suanli::launch::detail
