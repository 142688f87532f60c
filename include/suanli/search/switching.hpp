// The switching cost of one plan row: the buyer's current stack (--from) against the stack of
// the row's chip vendor, the porting and ramp lines over the plan's horizon, the stack's gaps
// that concern the plan, and the cost per million tokens with switching included.
// docs/models/cost.md §switching.
#pragma once

#include <string>
#include <vector>

#include "suanli/cost/currency.hpp"
#include "suanli/cost/switching.hpp"
#include "suanli/hw/chip.hpp"
#include "suanli/hw/dtype.hpp"
#include "suanli/model/model_arch.hpp"

namespace suanli::search {

// What a plan asks about switching; `book` is null when --from was not given.
struct SwitchingRequest {
  const cost::SwitchingBook* book = nullptr;  // data/switching; null = no switching question
  cost::SwitchingAsk ask;                     // --from and the overrides (ask.from set with book)
};

// What a plan needs to know of its workload to price switching and pick the gaps.
struct SwitchingWorkload {
  const model::ModelArch* model = nullptr;  // never null
  hw::Dtype compute = hw::Dtype::bf16;      // the GEMM format asked for
  bool training = false;                    // training porting effort and training gaps
};

struct RowSwitching {
  std::string stack;                 // the row's stack id; "" = no stack lists its vendor
  cost::SwitchingCost cost;          // the porting and ramp lines (when stack is known)
  std::vector<cost::StackGap> gaps;  // the stack's gaps that concern this plan
  double horizon_months = 0;         // months the lines are spread over
  double total_usd = 0;              // fleet cost over the horizon + porting + ramp
  double usd_per_m_output = 0;       // total_usd per million output tokens served
};

// `usd_per_year`: the fleet's yearly cost; `served_tps`: output tokens/s the fleet serves.
// With no stack for the chip's vendor, `stack` is "" and the money figures are 0.
RowSwitching row_switching(const SwitchingRequest& request, const SwitchingWorkload& workload,
                           const hw::Chip& chip, double usd_per_year, double served_tps,
                           double horizon_months);

// One line of a row's switching cost in words, e.g. "switching cuda -> cann: porting 6
// engineer-months x $16k = $96k; ramp 3 months $2.1M (estimates)", money in `currency`.
std::string switching_text(const RowSwitching& s, const cost::Currency& currency = {});

}  // namespace suanli::search
