// Switching cost: what a buyer pays to leave its current software stack (CUDA, CANN, ...) for the
// stack of another vendor's chips: a one-off porting effort (engineer-months by workload kind
// times a monthly engineer cost) and an efficiency ramp while the new stack matures in the
// buyer's hands, plus the stack's known gaps. Data: data/switching/; docs/models/cost.md
// §switching.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "suanli/core/result.hpp"
#include "suanli/cost/assumptions.hpp"
#include "suanli/cost/price_book.hpp"

namespace suanli::cost {

// When a gap of a stack matters to a plan.
enum class GapWhen { always, fp8, mla, moe, training };
std::string_view to_string(GapWhen w);
std::optional<GapWhen> parse_gap_when(std::string_view text);
std::vector<std::string> gap_when_names();

// A known shortcoming of a stack, with its source.
struct StackGap {
  GapWhen when = GapWhen::always;  // which plans it concerns
  std::string text;                // what is missing or broken, in words
  std::string source;              // citation
};

// One vendor software stack and what moving onto it costs.
struct Stack {
  std::string id;                    // e.g. "cann"; the name --from takes
  std::string name;                  // e.g. "Huawei CANN (torch_npu, MindIE, vLLM-Ascend)"
  std::vector<std::string> vendors;  // chip vendors (hw::Chip::vendor) whose chips run it
  Param porting_inference;           // engineer-months to bring a serving deployment onto it
  Param porting_training;            // engineer-months to bring a training pipeline onto it
  std::vector<double> ramp;          // throughput / mature throughput in months 1, 2, ... (< 1)
  Param ramp_basis;                  // value unused (0); source and reasoning of `ramp`
  std::vector<StackGap> gaps;        // known gaps
};

struct SwitchingBook {
  Param usd_per_engineer_month;  // USD, fully loaded cost of one engineer for a month
  std::vector<Stack> stacks;     // sorted by id

  const Stack* find(std::string_view id) const;
  const Stack* of_vendor(std::string_view vendor) const;  // nullptr when no stack lists it
  std::vector<std::string> ids() const;
};

// The request's side of the question: the buyer's current stack and its overrides.
struct SwitchingAsk {
  const Stack* from = nullptr;                   // never null when asked
  std::optional<double> usd_per_engineer_month;  // --engineer-month-cost; nullopt = the book's
  std::vector<std::pair<std::string, double>> porting_months;  // --porting-months STACK=N
};

// Resolves --from STACK (not_found with did-you-mean and the list of stacks) and the overrides:
// "STACK=N" engineer-months (stack checked likewise, N in (0, 1000]) and a monthly engineer cost
// ("20000 USD", in [1000, 1e6] USD).
core::Result<SwitchingAsk> resolve_switching(const SwitchingBook& book, std::string_view from,
                                             const std::vector<std::string>& porting_months,
                                             std::string_view engineer_month_cost);

// The cost lines of moving one fleet onto `to`.
struct SwitchingCost {
  std::string from;                   // the buyer's stack id
  std::string to;                     // the target stack id
  bool switching = false;             // from != to; every figure below is 0 when false
  double engineer_months = 0;         // porting effort, engineer-months
  double usd_per_engineer_month = 0;  // USD per engineer-month
  double porting_usd = 0;             // one-off, at the start of the plan
  int ramp_months = 0;                // months of the ramp that fall within the horizon
  double ramp_usd = 0;                // extra fleet cost while the stack ramps
  bool estimate = false;              // a figure used is an estimate (porting or ramp)
  std::string basis;                  // the estimates' reasoning, or the overrides named
};

// Porting = engineer-months x USD per engineer-month. Ramp: in month m the stack delivers
// ramp[m-1] of its mature throughput, so holding the target takes 1/ramp[m-1] times the fleet:
// extra = sum over the first min(len(ramp), horizon) months of (1/ramp[m-1] - 1) x fleet USD per
// month. `training` picks the training porting effort.
SwitchingCost switching_cost(const SwitchingBook& book, const SwitchingAsk& ask, const Stack& to,
                             bool training, double fleet_usd_per_month, double horizon_months);

}  // namespace suanli::cost
