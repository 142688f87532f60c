// MindIE: the keys of MindIE Service's conf/config.json that the configuration decides (world
// size and devices, attention tp/dp, MoE tp/ep and the DeepSeek EP level, MTP, batch and prefill
// token budgets) and the daemon's start command per node (docs/launch-configs.md).
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "detail/deployment.hpp"

namespace suanli::launch::detail {
namespace {

using nlohmann::ordered_json;

constexpr const char* service_dir = "/usr/local/Ascend/mindie/latest/mindie-service";

ordered_json model_config(Script& s, const Deployment& d, const Pool& p, int world_size) {
  const perf::Layout& l = p.layout;
  ordered_json m;
  m["modelName"] = d.model_id;
  m["modelWeightPath"] = "MODEL_WEIGHT_PATH";
  m["worldSize"] = world_size;
  if (d.moe) {
    m["tp"] = l.tp;
    m["dp"] = l.dpa;
    m["moe_tp"] = l.etp;
    m["moe_ep"] = l.ep;
    if (l.ep > 1 && d.model_type.starts_with("deepseek")) {
      m["models"] = {{"deepseekv2", {{"ep_level", 2}}}};  // all-to-all dispatch, as modelled
    }
  }
  if (d.mtp && d.draft_tokens <= 2) {
    m["plugin_params"] =
        fmt::format(R"({{"plugin_type":"mtp","num_speculative_tokens":{}}})", d.draft_tokens);
    if (d.weights != hw::Dtype::int8) {
      s.undecided("MindIE runs MTP with W8A8 weights only; suanli predicted " +
                  std::string(hw::to_string(d.weights)) + " weights");
    }
  } else if (d.mtp) {
    s.undecided(fmt::format("MindIE takes 1 or 2 MTP tokens; suanli predicted {}", d.draft_tokens));
  } else if (!d.eagle.empty()) {
    s.undecided(fmt::format("an {} draft head is not a MindIE plugin suanli writes", d.eagle));
  }
  return m;
}

std::string config_json(Script& s, const Deployment& d, const Pool& p, int per_node, int world_size,
                        bool multi_node) {
  ordered_json ids = ordered_json::array();
  for (int i = 0; i < per_node; ++i) {
    ordered_json one = ordered_json::array();
    for (int k = 0; k < world_size; ++k) one.push_back(i * world_size + k);
    ids.push_back(std::move(one));
  }
  ordered_json backend;
  backend["modelInstanceNumber"] = per_node;
  backend["npuDeviceIds"] = std::move(ids);
  backend["multiNodesInferEnabled"] = multi_node;
  backend["ModelDeployConfig"]["ModelConfig"] =
      ordered_json::array({model_config(s, d, p, world_size)});
  ordered_json schedule;
  if (p.concurrency > 0) schedule["maxBatchSize"] = per_engine(p, p.layout.instances);
  schedule["maxPrefillTokens"] = p.step_tokens;
  backend["ScheduleConfig"] = std::move(schedule);
  ordered_json root;
  root["BackendConfig"] = std::move(backend);
  return root.dump(2) + "\n";
}

}  // namespace

core::Result<LaunchConfig> mindie_config(const Deployment& d) {
  if (d.disaggregated()) {
    core::Error e = core::make_error(
        core::ErrorCode::invalid_input,
        "mindie: disaggregated prefill/decode is deployed by MindIE Motor on Kubernetes, which "
        "suanli does not write");
    e.hints.emplace_back(
        "use --emit vllm-ascend for a disaggregated deployment on Ascend, or "
        "predict without --disaggregate");
    return e;
  }
  const Pool& p = d.pools.front();
  if (p.layout.pp > 1) {
    core::Error e = core::make_error(
        core::ErrorCode::invalid_input,
        fmt::format("mindie: MindIE Service has no pipeline-parallel setting; the configuration "
                    "uses pp {}",
                    p.layout.pp));
    e.hints.emplace_back("predict with --pp 1, or use --emit vllm-ascend");
    return e;
  }
  LaunchConfig config;
  config.stack = Stack::mindie;
  config.flags_of = "MindIE 2.1 (MindIE Service conf/config.json)";
  const int nodes = p.instance_nodes();
  const bool multi_node = nodes > 1;
  const int world = multi_node ? p.chips_per_node : p.instance_chips();
  const int per_node =
      multi_node ? 1 : std::max(1, std::min(p.layout.instances, p.chips_per_node / world));
  const int servers =
      multi_node ? p.layout.instances : (p.layout.instances + per_node - 1) / per_node;
  for (int node = 0; node < nodes; ++node) {
    Script s(config);
    describe_pool(s, p, node, nodes);
    if (servers > 1) {
      s.comment(
          fmt::format("run {} such servers ({} model instances each) behind a load "
                      "balancer",
                      servers, per_node));
    }
    if (node == 0) {
      common_undecided(s, d);
      s.undecided(
          "MODEL_WEIGHT_PATH in config.json: the local weights (MindIE loads converted "
          "weights from disk)");
      if (d.weights == hw::Dtype::int8) {
        s.undecided("int8 weights: serve W8A8 weights quantised with msModelSlim");
      }
      if (d.kv_cache == hw::Dtype::int8) {
        s.undecided("an int8 KV cache comes with the quantised weights (KV int8), not a key");
      }
      config.files.push_back(
          {"conf/config.json", config_json(s, d, p, per_node, world, multi_node)});
      s.comment("merge the keys of the file conf/config.json below into " +
                std::string(service_dir) +
                "/conf/config.json (other keys keep their shipped "
                "values)");
    }
    if (multi_node) {
      if (node == 0) {
        s.undecided("RANK_TABLE_FILE: the HCCL rank table of the nodes (device IPs of every NPU)");
        s.undecided("NODE_IP: the address of each node");
      }
      s.line("export RANK_TABLE_FILE=/path/to/rank_table.json");
      s.line("export MIES_CONTAINER_IP=$NODE_IP");
    }
    s.line(fmt::format("cd {} && ./bin/mindieservice_daemon", service_dir));
    config.commands.push_back({p.role, node, s.text()});
  }
  return config;
}

}  // namespace suanli::launch::detail
