// `suanli plan`: size a serving fleet (or, with --train, a training cluster) on every system of
// the catalog for a model and a target, with availability, levies, cost, power and energy.
#include <fmt/format.h>

#include "commands.hpp"
#include "infer_args.hpp"
#include "plan_options.hpp"
#include "suanli/catalog/infer_data.hpp"
#include "suanli/io/number.hpp"
#include "suanli/io/plan_json.hpp"
#include "suanli/search/plan.hpp"
#include "suanli/search/plan_train.hpp"
#include "suanli/units/parse.hpp"

namespace suanli::cli {
namespace {

core::Error usage(const std::string& flag, std::string message) {
  return core::make_error(core::ErrorCode::usage, fmt::format("{}: {}", flag, message));
}

std::optional<hw::Dtype> pick_precision(CliContext& ctx, const std::string& text,
                                        hw::Dtype fallback) {
  if (text.empty()) return fallback;
  auto d = hw::parse_dtype(text);
  if (!d) ctx.fail(usage("--precision", fmt::format("unknown precision '{}'", text)));
  return d;
}

// The request fields that serving and training plans take alike from the parsed options and the
// catalog.
template <class Request>
void set_common_fields(Request& req, const PlanCommon& common, const catalog::Catalog& cat,
                       const PlanOptions& o) {
  req.systems = common.systems;
  req.efficiency = &cat.efficiency;
  req.destination = common.destination;
  req.constraints = common.constraints;
  req.objective = common.objective;
  req.assumptions = common.assumptions;
  req.prices = &cat.prices;
  req.threads = o.threads;
}

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

void run_inference(CliContext& ctx, const catalog::Catalog& cat, const PlanOptions& o,
                   const model::ModelArch& model) {
  if (o.target.empty()) {
    ctx.fail(usage("--target", "a serving plan needs a target, e.g. --target 1M-tok/s"));
    return;
  }
  auto target = search::parse_target(o.target);
  if (!target) {
    ctx.fail(target.error());
    return;
  }
  auto scenario = catalog::find_scenario(cat, o.scenario);
  if (!scenario) {
    ctx.fail(scenario.error());
    return;
  }
  auto weights = pick_precision(ctx, o.precision, hw::Dtype::fp8);
  if (!weights) return;
  auto common = parse_plan_common(ctx, cat, o, cost::Usage::inference);
  if (!common) return;
  search::PlanRequest req;
  req.model = &model;
  req.workload = perf::workload_of(**scenario);
  req.precision.weights = *weights;
  if (!o.software.empty()) req.software = o.software;
  req.target_tps = *target;
  set_common_fields(req, *common, cat, o);
  if (o.software.empty()) {
    // The serving stack each vendor ships, as `suanli infer` and `compare` assume.
    for (auto& sc : req.systems) sc.software = default_software(*sc.chip);
  }
  req.max_pipeline = o.max_pipeline;
  req.max_sizes = o.max_sizes;
  auto res = search::plan_inference(req);
  if (!res) {
    ctx.fail(res.error());
    return;
  }
  std::string header = fmt::format(
      "plan: {} {} ({}), target {} output tok/s, {} {}, ranked by {}\n{}", model.id,
      (*scenario)->id, (*scenario)->name, io::format_number(*target, 4), hw::to_string(*weights),
      "weights", search::to_string(req.objective), assumptions_line(req.assumptions));
  header += destination_line(req.destination);
  emit_plan(ctx, *res, header, io::plan_json, io::plan_csv_table, io::plan_table);
  if (ctx.format() == Format::text && !res->pareto_tpot.empty()) {
    ctx.out << "pareto ($/M vs TPOT):";
    for (const auto& p : res->pareto_tpot) {
      ctx.out << fmt::format(" {} [{}] {}/{}ms;", p.system, p.config,
                             io::format_number(p.cost_per_m_tokens, 3),
                             io::format_number(p.tpot_ms, 3));
    }
    ctx.out << "\n";
  }
}

void run_training(CliContext& ctx, const catalog::Catalog& cat, const PlanOptions& o,
                  const model::ModelArch& model) {
  if (o.tokens.empty() || o.days.empty()) {
    ctx.fail(usage("--train", "a training plan needs --tokens (e.g. 15T) and --days"));
    return;
  }
  auto tokens = units::parse_count(o.tokens);
  if (!tokens) {
    ctx.fail(usage("--tokens", tokens.error().message));
    return;
  }
  auto days = parse_number(ctx, "--days", o.days);
  if (!days) return;
  auto batch = units::parse_count(o.batch_tokens);
  if (!batch) {
    ctx.fail(usage("--batch-tokens", batch.error().message));
    return;
  }
  auto compute = pick_precision(ctx, o.precision, hw::Dtype::bf16);
  if (!compute) return;
  auto common = parse_plan_common(ctx, cat, o, cost::Usage::training);
  if (!common) return;
  search::TrainPlanRequest req;
  req.model = &model;
  req.workload.seq_len = o.seq_len;
  req.workload.compute = *compute;
  req.tokens = *tokens;
  req.days = *days;
  req.batch_tokens = *batch;
  if (!o.software.empty()) req.software = o.software;
  set_common_fields(req, *common, cat, o);
  auto res = search::plan_training(req);
  if (!res) {
    ctx.fail(res.error());
    return;
  }
  std::string header = fmt::format(
      "training plan: {} on {} tokens within {:g} days, {}, ranked "
      "by {}\n{}",
      model.id, io::format_number(*tokens, 4), *days, hw::to_string(*compute),
      search::to_string(req.objective), assumptions_line(req.assumptions));
  header += destination_line(req.destination);
  emit_plan(ctx, *res, header, io::train_plan_json, io::train_plan_table, io::train_plan_table);
}

}  // namespace

void register_plan(CLI::App& app, CliContext& ctx) {
  auto opts = std::make_shared<PlanOptions>();
  CLI::App* cmd = app.add_subcommand(
      "plan", "Size a fleet for a model on every system: availability, cost, power, energy");
  add_plan_options(*cmd, *opts);
  cmd->callback([&ctx, opts] {
    const catalog::Catalog* cat = ctx.catalog();
    if (cat == nullptr) return;
    auto model = cat->find_model(opts->model);
    if (!model) {
      ctx.fail(model.error());
      return;
    }
    if (!model->note.empty()) ctx.note(model->note);
    if (opts->train) {
      run_training(ctx, *cat, *opts, *model->item);
    } else {
      run_inference(ctx, *cat, *opts, *model->item);
    }
  });
}

}  // namespace suanli::cli
