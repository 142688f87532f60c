// SGLang: `python -m sglang.launch_server` with its server arguments, one command per node of an
// instance (--nnodes / --node-rank / --dist-init-addr), DP attention and expert parallelism for
// MoE models, and the SGLang router for disaggregated prefill/decode (docs/launch-configs.md).
#include <fmt/format.h>

#include "detail/deployment.hpp"

namespace suanli::launch::detail {
namespace {

int port_of(const Pool& p) {
  return p.role == "prefill" ? 30000 : p.role == "decode" ? 30001 : 30000;
}

void add_formats(Script& s, CommandLine& c, const Deployment& d) {
  switch (d.weights) {
    case hw::Dtype::fp8:
      c.arg("--quantization", "fp8");
      break;
    case hw::Dtype::int8:
    case hw::Dtype::fp4:
    case hw::Dtype::int4:
      quantised_checkpoint(s, d.weights);
      break;
    default:
      break;
  }
  if (d.kv_cache == hw::Dtype::fp8) {
    c.arg("--kv-cache-dtype", "fp8_e4m3");
  } else if (d.kv_cache == hw::Dtype::int8) {
    s.undecided("SGLang has no int8 KV cache; suanli predicted one");
  }
}

CommandLine server(Script& s, const Deployment& d, const Pool& p, bool fold) {
  const perf::Layout& l = p.layout;
  CommandLine c("python3 -m sglang.launch_server");
  c.arg("--model-path", d.model).arg("--host", "0.0.0.0").arg("--port", port_of(p));
  // --tp-size counts the ranks of one pipeline stage; with DP attention they hold dp-size
  // attention ranks and one MoE group.
  c.arg("--tp-size", d.moe ? l.moe_group : l.tp);
  if (l.pp > 1) c.arg("--pp-size", l.pp);
  if (fold) c.arg("--dp-size", l.instances);
  const bool dp_attention = d.moe && l.dpa > 1;
  if (dp_attention) c.arg("--dp-size", l.dpa).flag("--enable-dp-attention");
  if (d.moe && l.ep > 1) {
    c.arg("--ep-size", l.ep);
    if (d.vendor == "nvidia") {
      c.arg("--moe-a2a-backend", "deepep");
    } else {
      s.undecided(
          "the MoE all-to-all backend on this vendor (--moe-a2a-backend) is left at "
          "SGLang's default");
    }
  }
  const int servers = fold ? 1 : l.instances;
  if (p.concurrency > 0) c.arg("--max-running-requests", per_engine(p, servers));
  // SGLang divides --chunked-prefill-size among the DP-attention ranks; suanli's budget is a
  // rank's.
  c.arg("--chunked-prefill-size", dp_attention ? p.step_tokens * l.dpa : p.step_tokens);
  c.arg("--mem-fraction-static", fmt::format("{:.2f}", d.memory_fraction));
  add_formats(s, c, d);
  if (d.mtp || !d.eagle.empty()) {
    // MTP modules are drafted through SGLang's EAGLE path; an EAGLE-3 head through EAGLE3 with
    // its own weights. A chain (topk 1) unless more tokens are verified than drafted.
    c.arg("--speculative-algorithm", d.eagle == "eagle3" ? "EAGLE3" : "EAGLE");
    if (!d.eagle.empty()) c.arg("--speculative-draft-model-path", "$DRAFT_MODEL_PATH");
    c.arg("--speculative-num-steps", d.draft_tokens);
    if (d.verify_tokens > d.draft_tokens + 1) {
      s.undecided(
          "the draft tree's branching (--speculative-eagle-topk) is not modelled; "
          "suanli predicted the tree's verified tokens only");
    } else {
      c.arg("--speculative-eagle-topk", 1);
    }
    c.arg("--speculative-num-draft-tokens", d.verify_tokens);
  }
  if (d.disaggregated()) {
    c.arg("--disaggregation-mode", p.role).arg("--disaggregation-transfer-backend", "mooncake");
    s.undecided(
        "the RDMA device for the KV transfer (--disaggregation-ib-device) depends on "
        "your hosts");
  }
  return c;
}

void emit_pool(LaunchConfig& config, const Deployment& d, const Pool& p) {
  const perf::Layout& l = p.layout;
  // Dense replicas on one node fold into --dp-size (SGLang's data-parallel controller).
  const bool fold = !d.moe && l.instances > 1 && p.nodes() == 1;
  const int nodes = fold ? 1 : p.instance_nodes();
  for (int node = 0; node < nodes; ++node) {
    Script s(config);
    describe_pool(s, p, node, nodes);
    if (!fold && l.instances > 1) {
      s.comment(
          fmt::format("run these commands once per instance ({} instances of {}, "
                      "each on its own devices and port)",
                      l.instances, ranks(p.instance_chips())));
    }
    if (node == 0 && p.role == (d.disaggregated() ? "prefill" : "serve")) common_undecided(s, d);
    CommandLine c = server(s, d, p, fold);
    if (nodes > 1) {
      if (node == 0) s.undecided("HEAD_IP: the address of this instance's node 1");
      c.arg("--dist-init-addr", "$HEAD_IP:5000").arg("--nnodes", nodes).arg("--node-rank", node);
    }
    s.command(c);
    config.commands.push_back({p.role, node, s.text()});
  }
}

}  // namespace

core::Result<LaunchConfig> sglang_config(const Deployment& d) {
  return pooled_config(d, Stack::sglang,
                       "SGLang 0.5 (python -m sglang.launch_server server arguments)",
                       [&d](LaunchConfig& config, const Pool& p) { emit_pool(config, d, p); },
                       {"PREFILL_IP / DECODE_IP: the head nodes of the prefill and decode pools",
                        CommandLine("python3 -m sglang_router.launch_router")
                            .flag("--pd-disaggregation")
                            .arg("--prefill", "http://$PREFILL_IP:30000")
                            .arg("--decode", "http://$DECODE_IP:30001")
                            .arg("--host", "0.0.0.0")
                            .arg("--port", 8000)});
}

}  // namespace suanli::launch::detail
