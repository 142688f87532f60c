// `suanli classify CHIP [--date D]` and `suanli classify --spec design.yaml`: the ECCN class of a
// catalog chip or a hypothetical design on a date, with TPP / PD arithmetic and the rule trace.
#include <fmt/format.h>

#include "commands.hpp"
#include "policy_cli.hpp"
#include "request_options.hpp"
#include "suanli/api/policy.hpp"
#include "suanli/io/number.hpp"
#include "suanli/io/policy_json.hpp"
#include "suanli/policy/classify.hpp"

namespace suanli::cli {
namespace {

std::string band_text(const policy::DieAreaBand& b) {
  if (!b.above_mm2) return fmt::format("<= {} mm2", io::format_number(b.up_to_mm2));
  if (!b.up_to_mm2) return fmt::format("> {} mm2", io::format_number(b.above_mm2));
  return fmt::format("> {} and <= {} mm2", io::format_number(b.above_mm2),
                     io::format_number(b.up_to_mm2));
}

void print_text(CliContext& ctx, const policy::Classification& c) {
  const auto& m = c.metrics;
  std::string out = fmt::format("{} on {}: {}{}\n", c.chip_id, c.date.to_string(), c.eccn,
                                c.rule_id.empty() ? "" : " (rule " + c.rule_id + ")");
  if (c.eccn == policy::indeterminate) {
    out += fmt::format("possible classes: {}\n", fmt::join(c.possible, ", "));
  }
  out += fmt::format("TPP: {} ({})\n", io::format_number(m.tpp.value, 6), m.tpp.arithmetic);
  out += fmt::format("performance density: {} ({})\n",
                     io::format_number(m.performance_density.value, 4),
                     m.performance_density.arithmetic);
  out += fmt::format("I/O bandwidth: {}\n", m.io_bandwidth.arithmetic);
  out += fmt::format("DRAM bandwidth: {}\n", m.dram_bandwidth.arithmetic);
  if (!c.die_area_bands.empty()) {
    out += "class by applicable die area (not published):\n";
    for (const auto& b : c.die_area_bands) out += fmt::format("  {}: {}\n", band_text(b), b.eccn);
  }
  ctx.out << out << "\n" << trace_table(c.trace).to_text();
}

void emit(CliContext& ctx, const api::ClassifyAnswer& answer) {
  const policy::Classification& c = answer.classification;
  switch (ctx.format()) {
    case Format::json:
      ctx.emit_json(io::classification_json(c));
      break;
    case Format::csv:
      ctx.out << trace_table(c.trace).to_csv();
      break;
    case Format::text:
      print_text(ctx, c);
      break;
  }
}

}  // namespace

void register_classify(CLI::App& app, CliContext& ctx) {
  add_request_command<api::ClassifyRequest>(
      app, ctx, "classify",
      "ECCN 3A090 class of a chip on a date, with TPP / performance-density arithmetic",
      [](const catalog::Catalog& cat, const api::ClassifyRequest& r) {
        return api::classify(cat, r);
      },
      [&ctx](const api::ClassifyAnswer& a) { emit(ctx, a); });
}

}  // namespace suanli::cli
