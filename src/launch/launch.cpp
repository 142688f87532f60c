#include "suanli/launch/launch.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <array>

#include "detail/deployment.hpp"
#include "suanli/perf/common/software_profile.hpp"

namespace suanli::launch {
namespace {

struct StackInfo {
  Stack stack;
  std::string_view name;      // --emit value
  std::string_view software;  // the performance model's stack id
};

constexpr std::array<StackInfo, 5> stacks{{
    {Stack::vllm, "vllm", "vllm"},
    {Stack::sglang, "sglang", "sglang"},
    {Stack::trtllm, "trtllm", "tensorrt-llm"},
    {Stack::mindie, "mindie", "mindie"},
    {Stack::vllm_ascend, "vllm-ascend", "vllm-ascend"},
}};

constexpr std::array<Stack, 5> stack_list{Stack::vllm, Stack::sglang, Stack::trtllm, Stack::mindie,
                                          Stack::vllm_ascend};

const StackInfo& info(Stack s) {
  return *std::find_if(stacks.begin(), stacks.end(),
                       [&](const StackInfo& i) { return i.stack == s; });
}

// The stack whose writer has a vendor's flavour of the portable engines: the writers of vLLM and
// SGLang give their GPU launch (device flags, NCCL settings); on Ascend NPUs vLLM runs as the
// vLLM-Ascend plugin, whose writer gives the NPU one.
struct OwnFlavour {
  std::string_view vendor;
  Stack stack;
};
constexpr std::array<OwnFlavour, 1> own_flavours{{{"huawei", Stack::vllm_ascend}}};

// The stack to emit instead of `i` on `vendor`'s chips, when `i` is portable and the vendor has
// a flavour of its own.
std::optional<Stack> flavour_on(const StackInfo& i, std::string_view vendor) {
  if (!perf::stack_vendor(i.software).empty()) return std::nullopt;
  for (const OwnFlavour& f : own_flavours) {
    if (f.vendor == vendor) return f.stack;
  }
  return std::nullopt;
}

// Which vendor a stack runs on is the performance model's (perf::stack_vendor), so --emit and
// --software refuse the same stacks.
bool runs_on(const StackInfo& i, std::string_view vendor) {
  const std::string_view only = perf::stack_vendor(i.software);
  return only.empty() || only == vendor;
}

// The stacks whose launch fits `vendor`'s chips, `first` (when given) first.
std::string fitting(std::string_view vendor, std::optional<Stack> first) {
  std::vector<std::string> fit;
  if (first) fit.emplace_back(info(*first).name);
  for (const StackInfo& i : stacks) {
    if (runs_on(i, vendor) && !flavour_on(i, vendor) && i.stack != first) {
      fit.emplace_back(i.name);
    }
  }
  return fmt::format("on {} chips use --emit {}", vendor, fmt::join(fit, " or --emit "));
}

core::Error not_on_vendor(Stack s, const hw::Chip& chip) {
  core::Error e = core::make_error(
      core::ErrorCode::invalid_input,
      fmt::format("{} does not run on {} ({} chips)", to_string(s), chip.id, chip.vendor));
  e.hints.push_back(fitting(chip.vendor, std::nullopt));
  return e;
}

core::Error not_this_flavour(Stack s, Stack flavour, const hw::Chip& chip) {
  core::Error e = core::make_error(core::ErrorCode::invalid_input,
                                   fmt::format("--emit {} writes the launch for GPUs, not for {} "
                                               "({} chips)",
                                               to_string(s), chip.id, chip.vendor));
  e.hints.push_back(fitting(chip.vendor, flavour));
  return e;
}

}  // namespace

std::string_view to_string(Stack s) {
  return info(s).name;
}

std::optional<Stack> parse_stack(std::string_view text) {
  for (const StackInfo& i : stacks) {
    if (text == i.name || text == i.software) return i.stack;
  }
  return std::nullopt;
}

std::span<const Stack> all_stacks() {
  return stack_list;
}

std::string_view software_id(Stack s) {
  return info(s).software;
}

core::Status check_runs_on(Stack stack, const hw::Chip& chip) {
  if (!runs_on(info(stack), chip.vendor)) return not_on_vendor(stack, chip);
  if (auto flavour = flavour_on(info(stack), chip.vendor)) {
    return not_this_flavour(stack, *flavour, chip);
  }
  return core::ok_status();
}

core::Result<LaunchConfig> launch_config(const perf::InferenceRequest& request,
                                         const perf::InferenceEstimate& estimate,
                                         const Target& target) {
  if (!estimate.feasible) {
    return core::make_error(core::ErrorCode::infeasible,
                            "no launch config for an infeasible configuration: " + estimate.reason);
  }
  if (auto st = check_runs_on(target.stack, *request.cluster.chip); !st) return st.error();
  const detail::Deployment d = detail::describe(request, estimate, target);
  switch (target.stack) {
    case Stack::vllm:
      return detail::vllm_config(d, false);
    case Stack::vllm_ascend:
      return detail::vllm_config(d, true);
    case Stack::sglang:
      return detail::sglang_config(d);
    case Stack::trtllm:
      return detail::trtllm_config(d);
    case Stack::mindie:
      return detail::mindie_config(d);
  }
  return core::make_error(core::ErrorCode::internal, "unknown stack");
}

}  // namespace suanli::launch
