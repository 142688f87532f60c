// `suanli plan`: size a serving fleet (or, with --train, a training cluster) on every system of
// the catalog for a model and a target (api::plan), with availability, levies, cost, power and
// energy.
#include <fmt/format.h>

#include "commands.hpp"
#include "request_options.hpp"
#include "suanli/api/plan.hpp"
#include "suanli/io/answer_json.hpp"
#include "suanli/io/launch_json.hpp"
#include "suanli/io/number.hpp"
#include "suanli/io/plan_json.hpp"

namespace suanli::cli {
namespace {

// The header line naming the --dest destination; empty without one.
std::string destination_line(const search::Destination& d) {
  if (d.country.empty()) return "";
  return fmt::format("\ndestination {} on {}", d.country, d.date.to_string());
}

// Writes the result; a plan with no ok row exits 3 with its explanation.
template <class Result, class Json, class Csv, class Text>
void emit_plan(CliContext& ctx, const Result& res, const std::string& header, Json json, Csv csv,
               Text text) {
  if (ctx.format() == Format::json) {
    ctx.emit_json(json(res));
  } else if (ctx.format() == Format::csv) {
    ctx.out << csv(res).to_csv();
  } else {
    ctx.out << header << "\n" << text(res).to_text();
    for (const auto& n : res.notes) ctx.out << "note: " << n << "\n";
  }
  if (res.n_ok == 0) {
    ctx.fail(core::make_error(core::ErrorCode::infeasible, res.explanation));
  }
}

void emit_serving(CliContext& ctx, const api::PlanAnswer& a) {
  const search::PlanRequest& req = *a.serving;
  const search::PlanResult& res = *a.serving_result;
  std::string header =
      fmt::format("plan: {} {} ({}), target {} output tok/s, {} {}, ranked by {}\n{}", a.model->id,
                  a.scenario->id, a.scenario->name, io::format_number(req.target_tps, 4),
                  hw::to_string(req.precision.weights), "weights", search::to_string(req.objective),
                  io::assumptions_line(req.assumptions));
  header += destination_line(req.destination);
  if (req.switching.book != nullptr) {
    header += fmt::format(
        "\nswitching from {} over a {:g}-month horizon: $/M +switch adds porting and ramp",
        req.switching.ask.from->id, req.assumptions.horizon_months);
  }
  emit_plan(
      ctx, res, header, [&a](const search::PlanResult&) { return io::plan_answer_json(a); },
      io::plan_csv_table,
      [&a](const search::PlanResult& r) { return io::plan_table(r, a.currency); });
  if (ctx.format() == Format::text && !res.pareto_tpot.empty()) {
    ctx.out << "pareto ($/M vs TPOT):";
    for (const auto& p : res.pareto_tpot) {
      ctx.out << fmt::format(" {} [{}] {}/{}ms;", p.system, p.config,
                             io::format_number(p.cost_per_m_tokens, 3),
                             io::format_number(p.tpot_ms, 3));
    }
    ctx.out << "\n";
  }
  if (ctx.format() == Format::text) {
    for (const auto& line : io::switching_lines(res, a.currency)) {
      ctx.out << "switching: " << line << "\n";
    }
    for (const auto& line : io::horizon_lines(res, a.currency)) {
      ctx.out << "horizon: " << line << "\n";
    }
    for (const auto& line : io::deliveries_lines(res)) ctx.out << "deliveries: " << line << "\n";
    for (const auto& line : io::risk_lines(res)) ctx.out << "risk: " << line << "\n";
  }
  if (a.launch && ctx.format() == Format::text) ctx.out << "\n" << io::launch_text(*a.launch);
}

void emit_training(CliContext& ctx, const api::PlanAnswer& a) {
  const search::TrainPlanRequest& req = *a.training;
  std::string header = fmt::format(
      "training plan: {} on {} tokens within {:g} days, {}, ranked by {}\n{}", a.model->id,
      io::format_number(req.tokens, 4), req.days, hw::to_string(req.workload.compute),
      search::to_string(req.objective), io::assumptions_line(req.assumptions));
  header += destination_line(req.destination);
  emit_plan(ctx, *a.training_result, header, io::train_plan_json, io::train_plan_table,
            io::train_plan_table);
  if (ctx.format() == Format::text) {
    for (const auto& line : io::deliveries_lines(*a.training_result)) {
      ctx.out << "deliveries: " << line << "\n";
    }
    for (const auto& line : io::risk_lines(*a.training_result)) ctx.out << "risk: " << line << "\n";
  }
}

}  // namespace

void register_plan(CLI::App& app, CliContext& ctx) {
  add_request_command<api::PlanRequest>(
      app, ctx, "plan",
      "Size a fleet for a model on every system: availability, cost, power, energy",
      [](const catalog::Catalog& cat, const api::PlanRequest& r) { return api::plan(cat, r); },
      [&ctx](const api::PlanAnswer& a) {
        if (a.serving) {
          emit_serving(ctx, a);
        } else {
          emit_training(ctx, a);
        }
      });
}

}  // namespace suanli::cli
