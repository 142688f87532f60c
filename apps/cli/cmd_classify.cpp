// `suanli classify CHIP [--date D]` and `suanli classify --spec design.yaml`: the ECCN class of a
// catalog chip or a hypothetical design on a date, with TPP / PD arithmetic and the rule trace.
#include <fmt/format.h>

#include "commands.hpp"
#include "policy_cli.hpp"
#include "suanli/io/number.hpp"
#include "suanli/io/policy_json.hpp"
#include "suanli/policy/classify.hpp"

namespace suanli::cli {
namespace {

struct ClassifyArgs {
  std::string chip;  // catalog id or alias
  std::string spec;  // path to a chip YAML (hypothetical design)
  std::string date;  // YYYY-MM-DD, empty = newest policy event
};

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

void run(CliContext& ctx, const ClassifyArgs& args) {
  const policy::RuleSet* rules = pick_rules(ctx);
  if (rules == nullptr) return;
  hw::Chip spec_chip;
  const hw::Chip* chip = nullptr;
  if (!args.spec.empty()) {
    auto loaded = catalog::load_chip_file(args.spec);
    if (!loaded) {
      ctx.fail(loaded.error());
      return;
    }
    spec_chip = std::move(loaded).value();
    chip = &spec_chip;
  } else {
    chip = pick_chip(ctx, args.chip);
    if (chip == nullptr) return;
  }
  const auto date = pick_date(ctx, *rules, args.date);
  if (!date) return;
  auto c = policy::classify(*rules, *chip, *date);
  if (!c) {
    ctx.fail(c.error());
    return;
  }
  switch (ctx.format()) {
    case Format::json:
      ctx.emit_json(io::classification_json(*c));
      break;
    case Format::csv:
      ctx.out << trace_table(c->trace).to_csv();
      break;
    case Format::text:
      print_text(ctx, *c);
      break;
  }
}

}  // namespace

void register_classify(CLI::App& app, CliContext& ctx) {
  auto args = std::make_shared<ClassifyArgs>();
  CLI::App* cmd = app.add_subcommand(
      "classify",
      "ECCN 3A090 class of a chip on a date, with TPP / performance-density arithmetic");
  auto* chip = cmd->add_option("chip", args->chip, "Chip id (see `suanli chips`)");
  auto* spec = cmd->add_option("--spec", args->spec,
                               "A chip YAML in the data/chips schema (a hypothetical design)");
  chip->excludes(spec);
  cmd->add_option("--date", args->date, "Date YYYY-MM-DD (default: the newest policy event date)");
  cmd->callback([&ctx, args, chip, spec] {
    if (chip->count() == 0 && spec->count() == 0) {
      ctx.fail(core::make_error(core::ErrorCode::usage, "classify needs a chip id or --spec FILE"));
      return;
    }
    run(ctx, *args);
  });
}

}  // namespace suanli::cli
