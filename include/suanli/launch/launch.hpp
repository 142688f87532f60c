// Launch configurations: the resolved configuration of a prediction (model, chips and nodes,
// precision, layout, batch and token budgets, speculative decoding, disaggregated pools) as the
// per-node command lines and config files of a serving stack (vLLM, SGLang, TensorRT-LLM, MindIE,
// vLLM-Ascend). Flag names and the release they follow: docs/launch-configs.md. A setting suanli
// cannot decide is written as a comment saying so, never guessed.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "suanli/core/result.hpp"
#include "suanli/perf/infer/estimate.hpp"
#include "suanli/perf/infer/request.hpp"

namespace suanli::launch {

enum class Stack { vllm, sglang, trtllm, mindie, vllm_ascend };

std::string_view to_string(Stack s);                      // "vllm", ..., "vllm-ascend"
std::optional<Stack> parse_stack(std::string_view text);  // also "tensorrt-llm" for trtllm
std::span<const Stack> all_stacks();
// The serving-stack id the performance model uses for `s` ("tensorrt-llm" for trtllm).
std::string_view software_id(Stack s);

// One shell snippet to run: comment lines, environment, the command with "\" continuations.
struct Command {
  std::string role;    // "serve" (co-located), "prefill", "decode" or "router"
  int node = 0;        // node of the role's pool (0 = the head node)
  std::string script;  // what to paste on that node
};

// A file the commands read (written next to them).
struct File {
  std::string name;     // e.g. "extra-llm-api-config.yml"
  std::string content;  // complete text
};

struct LaunchConfig {
  Stack stack = Stack::vllm;
  std::string flags_of;                // the release whose flags the template follows
  std::vector<Command> commands;       // in launch order
  std::vector<File> files;             // files the commands name
  std::vector<std::string> undecided;  // settings suanli cannot decide (also comments above)
};

// What a launch config needs beyond the prediction.
struct Target {
  Stack stack = Stack::vllm;
  std::string model_repo;  // Hugging Face repo of the weights; "" = unknown (a placeholder)
};

// Ok when `stack` runs on `chip`'s vendor and its writer gives that vendor's launch (vLLM's and
// SGLang's give the GPU one: on Ascend it is vLLM-Ascend's); otherwise an invalid-input error
// whose hint names the stacks that do.
core::Status check_runs_on(Stack stack, const hw::Chip& chip);

// The launch config of a feasible estimate of `request` (as evaluated: the found layout in
// `estimate.layout`). Errors: an infeasible estimate, a stack that does not run on the chip's
// vendor (with a hint naming the stacks that do), or a deployment the stack cannot express.
core::Result<LaunchConfig> launch_config(const perf::InferenceRequest& request,
                                         const perf::InferenceEstimate& estimate,
                                         const Target& target);

}  // namespace suanli::launch
