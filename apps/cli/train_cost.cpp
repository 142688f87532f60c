#include "train_cost.hpp"

#include <fmt/format.h>

#include "plan_options.hpp"
#include "suanli/io/number.hpp"
#include "suanli/search/run_cost.hpp"

namespace suanli::cli {

std::optional<TrainRunCost> train_run_cost(CliContext& ctx, const catalog::Catalog& cat,
                                           const std::string& system_id,
                                           const perf::TrainingRun& run) {
  if (system_id.empty()) {
    ctx.note("cost to train needs a catalog system (--system): `suanli plan --train` prices one");
    return std::nullopt;
  }
  auto sys = cat.find_system(system_id);
  if (!sys) return std::nullopt;
  auto chip = cat.find_chip(sys->item->chip_id);
  if (!chip) return std::nullopt;
  auto assumptions = cost::resolve_assumptions(cat.prices, {}, cost::Usage::training, "");
  if (!assumptions) {
    ctx.note("cost to train: " + assumptions.error().message);
    return std::nullopt;
  }
  const search::SystemChoice choice{sys->item, chip->item, ""};
  const search::RunCost r =
      search::training_run_cost(choice, {}, *assumptions, cat.prices, run.chips, run.wall_s);
  const auto or_null = [](bool known, double v) {
    return known ? nlohmann::ordered_json(v) : nlohmann::ordered_json(nullptr);
  };
  TrainRunCost out;
  out.json = {{"usd", or_null(r.priced, r.cost.usd)},
              {"cluster_capex_usd", or_null(r.priced, r.cost.cluster_capex_usd)},
              {"energy_mwh", or_null(r.powered, r.cost.energy_mwh)},
              {"facility_mw", or_null(r.powered, r.cost.facility_mw)},
              {"basis", assumptions_line(*assumptions)},
              {"notes", r.notes}};
  if (!r.priced) out.json["price_error"] = r.price_error;
  const std::string money =
      r.priced
          ? fmt::format("${} (amortized share of a ${} cluster, energy and facility)",
                        io::format_number(r.cost.usd), io::format_number(r.cost.cluster_capex_usd))
          : "unknown (" + r.price_error + ")";
  const std::string energy =
      r.powered ? fmt::format("{} MWh at {} MW", io::format_number(r.cost.energy_mwh),
                              io::format_number(r.cost.facility_mw))
                : "unknown (no power figure)";
  out.text = fmt::format("cost {}; energy {}\n{}\n", money, energy, assumptions_line(*assumptions));
  return out;
}

}  // namespace suanli::cli
