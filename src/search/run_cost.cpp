#include "suanli/search/run_cost.hpp"

#include "detail/plan_eval.hpp"

namespace suanli::search {

RunCost training_run_cost(const SystemChoice& choice, const Destination& destination,
                          const cost::Assumptions& assumptions, const cost::PriceBook& book,
                          int chips, double wall_s) {
  const SystemInputs in = system_inputs(destination, assumptions, book, choice);
  RunCost r;
  r.priced = in.priced;
  r.price_error = in.price_error;
  r.powered = in.powered;
  r.levy_percent = in.levy_percent;
  r.notes = in.notes;
  const bool own = assumptions.mode == cost::CostMode::own;
  r.cost = cost::training_cost(chips, wall_s, in.hour, in.power, own ? &in.capex : nullptr);
  return r;
}

}  // namespace suanli::search
