// The stack-neutral facts a launch config is written from: the pools of a deployment (one
// co-located pool, or prefill then decode), how an instance maps onto nodes, and the budgets and
// formats the prediction used. Each stack's writer (vllm.cpp, sglang.cpp, ...) reads only this.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "suanli/hw/dtype.hpp"
#include "suanli/launch/launch.hpp"
#include "suanli/perf/infer/plan.hpp"

namespace suanli::launch::detail {

struct Pool {
  std::string role;        // "serve", "prefill" or "decode"
  perf::Layout layout;     // the pool's layout (instances x pp x moe group)
  int chips = 0;           // ranks of the pool
  int chips_per_node = 8;  // ranks per host
  double concurrency = 0;  // mean sequences in flight over the pool (0: a prefill pool)
  int step_tokens = 0;     // tokens per engine step (chunked-prefill budget)
  // Ranks of one instance and the nodes it spans.
  int instance_chips() const { return layout.chips_per_instance(); }
  int instance_nodes() const;
  int nodes() const;  // nodes of the whole pool
};

struct Deployment {
  std::string model_id;                  // catalog id, e.g. "deepseek-r1"
  std::string model;                     // Hugging Face repo, or "$MODEL_PATH" when unknown
  bool model_known = false;              // `model` is a repo, not a placeholder
  std::string model_type;                // Hugging Face model_type, e.g. "deepseek_v3"
  bool moe = false;                      // the model has routed experts
  std::string vendor;                    // chip vendor, e.g. "nvidia"
  std::vector<Pool> pools;               // one co-located pool, or prefill then decode
  double memory_fraction = 0;            // share of device memory the engine may use
  hw::Dtype weights = hw::Dtype::bf16;   // GEMM weight format after chip fallback
  hw::Dtype kv_cache = hw::Dtype::bf16;  // KV-cache format after chip fallback
  int draft_tokens = 0;                  // speculative draft steps per decode step (0 = off)
  int verify_tokens = 0;                 // tokens verified per sequence (draft tree + root)
  bool mtp = false;                      // drafted by the model's own MTP modules
  std::string eagle;                     // "eagle" or "eagle3" when an EAGLE head drafts
  int beams = 1;                         // beam-search width
  bool disaggregated() const { return pools.size() == 2; }
};

Deployment describe(const perf::InferenceRequest& request, const perf::InferenceEstimate& e,
                    const Target& target);

// Sequences per engine when `pool`'s sequences are spread over `engines` schedulers, rounded
// up (at least 1).
int per_engine(const Pool& pool, int engines);

// Shell text builders: a command with one option per line, and a script of such commands with
// comments. Settings suanli cannot decide go through `undecided`, which writes the comment and
// records it in the config's list.
class CommandLine {
 public:
  explicit CommandLine(std::string program) : program_(std::move(program)) {}
  CommandLine& flag(std::string name);
  CommandLine& arg(std::string name, const std::string& value);
  CommandLine& arg(std::string name, long long value);
  std::string text() const;

 private:
  std::string program_;
  std::vector<std::string> options_;
};

class Script {
 public:
  explicit Script(LaunchConfig& config) : config_(&config) {}
  Script& comment(const std::string& text);
  Script& undecided(const std::string& text);
  Script& line(const std::string& text);
  Script& command(const CommandLine& c) { return line(c.text()); }
  std::string text() const;

 private:
  LaunchConfig* config_;
  std::vector<std::string> lines_;
};

// "1 rank", "8 ranks".
std::string ranks(int n);

// "# pool: ..." header lines shared by every stack: role, node, instances.
void describe_pool(Script& s, const Pool& pool, int node, int nodes);

// The comment for weights that need a checkpoint quantised ahead (int8, fp4, int4).
void quantised_checkpoint(Script& s, hw::Dtype weights);

// The front of a disaggregated deployment: what is left open about it, and its command (none
// when the stack has no router to name).
struct Router {
  std::string undecided;
  std::optional<CommandLine> command;
};

// A stack's launch config: each pool written by `write_pool`, then, when the deployment is
// disaggregated, the router (role "router", node 0).
LaunchConfig pooled_config(const Deployment& d, Stack stack, std::string flags_of,
                           const std::function<void(LaunchConfig&, const Pool&)>& write_pool,
                           const Router& router);

// Comments for a deployment's settings no stack flag carries (beam width, maximum lengths).
void common_undecided(Script& s, const Deployment& d);

// The per-stack writers.
core::Result<LaunchConfig> vllm_config(const Deployment& d, bool ascend);
core::Result<LaunchConfig> sglang_config(const Deployment& d);
core::Result<LaunchConfig> trtllm_config(const Deployment& d);
core::Result<LaunchConfig> mindie_config(const Deployment& d);

}  // namespace suanli::launch::detail
