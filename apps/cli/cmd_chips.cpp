// `suanli chips` (list with filters) and `suanli chips compare A B`.
#include <fmt/format.h>

#include "commands.hpp"
#include "request_options.hpp"
#include "suanli/api/chips.hpp"
#include "suanli/hw/chip_metrics.hpp"
#include "suanli/io/catalog_answer_json.hpp"
#include "suanli/io/catalog_json.hpp"
#include "suanli/io/number.hpp"

namespace suanli::cli {
namespace {

const std::vector<std::string> list_columns{"bf16_tflops",   "fp8_tflops",  "memory_gb",
                                            "memory_bw_tbs", "scaleup_gbs", "tdp_w"};

void emit_list(CliContext& ctx, const api::ChipsAnswer& answer) {
  io::Table table;
  table.headers = {"id", "vendor"};
  table.right_align = {false, false};
  for (const auto& key : list_columns) {
    table.headers.push_back(hw::find_chip_metric(key)->label);
    table.right_align.push_back(true);
  }
  for (const hw::Chip* c : answer.chips) {
    std::vector<std::string> row{c->id, c->vendor};
    for (const auto& key : list_columns) {
      const hw::ChipMetric* m = hw::find_chip_metric(key);
      const std::string state = hw::metric_state(*c, *m);
      row.push_back(state == "unsupported" ? "n/a" : io::format_number(m->value(*c)));
    }
    table.add_row(std::move(row));
  }
  ctx.emit(io::chips_json(answer.chips), table);
}

void run_compare(CliContext& ctx, const std::string& a_id, const std::string& b_id) {
  const catalog::Catalog* cat = ctx.catalog();
  if (cat == nullptr) return;
  auto a = cat->find_chip(a_id);
  if (!a) {
    ctx.fail(a.error());
    return;
  }
  auto b = cat->find_chip(b_id);
  if (!b) {
    ctx.fail(b.error());
    return;
  }
  for (const std::string* note : {&a->note, &b->note}) {
    if (!note->empty()) ctx.note(*note);
  }
  const hw::Chip& ca = *a->item;
  const hw::Chip& cb = *b->item;
  io::Table table;
  table.headers = {"metric", ca.id, cb.id, "ratio"};
  table.right_align = {false, true, true, true};
  for (const hw::ChipMetric& m : hw::chip_metrics()) {
    const auto va = m.value(ca);
    const auto vb = m.value(cb);
    const auto cell = [&](const hw::Chip& c, std::optional<double> v) {
      const std::string state = hw::metric_state(c, m);
      if (state == "unsupported") return std::string("n/a");
      return io::format_number(v) + (state == "estimate" ? " (est.)" : "");
    };
    std::optional<double> ratio;
    if (va && vb && *vb != 0) ratio = *va / *vb;
    table.add_row(
        {m.label, cell(ca, va), cell(cb, vb), ratio ? io::format_number(ratio, 3) + "x" : "-"});
  }
  ctx.emit(io::chip_comparison_json(ca, cb), table);
}

}  // namespace

void register_chips(CLI::App& app, CliContext& ctx) {
  auto opts = std::make_shared<RequestOptions<api::ChipsRequest>>();
  CLI::App* chips = app.add_subcommand("chips", "List accelerators in the catalog");
  opts->add_to(*chips);

  auto ids = std::make_shared<std::vector<std::string>>();
  CLI::App* compare = chips->add_subcommand("compare", "Two chips side by side with ratio A/B");
  compare->add_option("chips", *ids, "Chip ids A and B")->required()->expected(2);
  compare->callback([&ctx, ids] { run_compare(ctx, (*ids)[0], (*ids)[1]); });
  chips->callback([&ctx, opts, compare] {
    if (compare->parsed()) return;
    run_request(ctx, *opts, api::list_chips,
                [&ctx](const api::ChipsAnswer& a) { emit_list(ctx, a); });
  });
}

}  // namespace suanli::cli
