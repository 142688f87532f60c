// `suanli train`: step time, tokens/s, MFU and memory of training a model on a cluster, for a
// given layout or the best searched one (api::predict_training), and the time and cost to train.
#include <fmt/format.h>

#include "commands.hpp"
#include "progress_bar.hpp"
#include "request_options.hpp"
#include "suanli/api/train.hpp"
#include "suanli/io/answer_json.hpp"
#include "suanli/io/number.hpp"
#include "suanli/io/training_json.hpp"

namespace suanli::cli {
namespace {

void emit(CliContext& ctx, const api::TrainAnswer& a) {
  const nlohmann::ordered_json json = io::train_answer_json(a);
  if (ctx.format() == Format::json) return ctx.emit_json(json);
  const perf::TrainingEstimate& e = a.estimate;
  ctx.emit(json, io::training_table(e));
  if (ctx.format() != Format::text) return;
  if (a.run) {
    const perf::TrainingRun& run = *a.run;
    ctx.out << fmt::format("\n{} tokens: {} steps, {} days, {} chip-hours\n",
                           io::format_number(run.tokens), static_cast<std::int64_t>(run.steps),
                           io::format_number(run.days), io::format_number(run.chip_hours));
  }
  if (a.cost) {
    const search::RunCost& r = a.cost->run;
    const std::string money =
        r.priced ? fmt::format("${} (amortized share of a ${} cluster, energy and facility)",
                               io::format_number(r.cost.usd),
                               io::format_number(r.cost.cluster_capex_usd))
                 : "unknown (" + r.price_error + ")";
    const std::string energy =
        r.powered ? fmt::format("{} MWh at {} MW", io::format_number(r.cost.energy_mwh),
                                io::format_number(r.cost.facility_mw))
                  : "unknown (no power figure)";
    ctx.out << fmt::format("cost {}; energy {}\n{}\n", money, energy,
                           io::assumptions_line(a.cost->assumptions));
  }
  if (a.search) {
    const perf::TrainingSearchResult& search = *a.search;
    ctx.out << "\n" << io::training_top_table(search).to_text();
    std::string rejected;
    for (std::size_t i = 0; i < search.rejected.size(); ++i) {
      if (search.rejected[i] == 0) continue;
      rejected += fmt::format("{}{} {}", rejected.empty() ? "" : ", ",
                              perf::to_string(perf::all_reject_reasons[i]), search.rejected[i]);
    }
    ctx.out << fmt::format("\n{} layouts evaluated ({}); rejected: {}\n", search.evaluated,
                           perf::to_string(search.stop), rejected.empty() ? "none" : rejected);
  }
  for (const std::string& n : e.notes) ctx.out << "note: " << n << "\n";
}

}  // namespace

void register_train(CLI::App& app, CliContext& ctx) {
  add_request_command<api::TrainRequest>(
      app, ctx, "train",
      "Training step time, tokens/s, MFU and memory for a layout, or the best layouts",
      [&ctx](const catalog::Catalog& cat, const api::TrainRequest& r) {
        ProgressBar bar(ctx, "");
        api::TrainOptions options;
        options.progress = bar.callback();
        return api::predict_training(cat, r, options);
      },
      [&ctx](const api::TrainAnswer& a) { emit(ctx, a); });
}

}  // namespace suanli::cli
