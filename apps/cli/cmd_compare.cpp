// `suanli compare --model M --scenario chat|reasoning|summarize|offline [--systems a,b]`: the
// best configuration of each system for a scenario, one row per system; a system that cannot
// run the model is a row with its reason.
#include <fmt/format.h>

#include <cmath>

#include "commands.hpp"
#include "compare_access.hpp"
#include "infer_args.hpp"
#include "suanli/catalog/infer_data.hpp"
#include "suanli/io/inference_json.hpp"
#include "suanli/perf/infer_search.hpp"

namespace suanli::cli {
namespace {

const std::vector<std::string> default_systems{"hgx-h20",       "hgx-h200",        "hgx-h100",
                                               "hgx-h800",      "hgx-b200",        "gb200-nvl72",
                                               "atlas-800t-a2", "cloudmatrix-384", "mi300x-8"};

struct CompareArgs {
  std::string model, scenario = "chat", systems, precision = "fp8", software;
  std::string dest, date;  // --dest/--date: availability, levy and effective price per chip
  int threads = 2;
  bool disaggregation = true;
};

std::vector<std::string> split(const std::string& text) {
  std::vector<std::string> out;
  std::string cur;
  for (char ch : text) {
    if (ch == ',') {
      if (!cur.empty()) out.push_back(cur);
      cur.clear();
    } else if (ch != ' ') {
      cur += ch;
    }
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
}

// A system that cannot serve the model in one unit (DeepSeek-R1 on one 8x80 GB node) is tried
// at 2, 4 and 8 units joined by its scale-out network, and the best per chip is kept; only when
// none serves it is it reported as infeasible, with the one-unit reason.
constexpr int max_units = 8;

// Chips of one deployment unit of the best configuration (an instance, or both pools).
int unit_chips(const perf::InferenceEstimate& e) {
  if (e.disaggregation.enabled()) return e.chips;
  return std::max(1, e.layout.chips_per_instance());
}

void run_compare(CliContext& ctx, const CompareArgs& a) {
  const catalog::Catalog* cat = ctx.catalog();
  if (cat == nullptr) return;
  auto model = resolve_model(*cat, a.model);
  if (!model) {
    ctx.fail(model.error());
    return;
  }
  auto preset = catalog::find_scenario(*cat, a.scenario);
  if (!preset) {
    ctx.fail(preset.error());
    return;
  }
  auto weights = parse_precision_flag("--precision", a.precision);
  if (!weights) {
    ctx.fail(weights.error());
    return;
  }
  const auto destination = pick_destination(ctx, a.dest, a.date);
  if (!destination) return;
  const std::vector<std::string> ids = a.systems.empty() ? default_systems : split(a.systems);
  std::vector<io::CompareRow> rows;
  for (const std::string& id : ids) {
    auto hw = resolve_hardware(*cat, id, "", 0);
    if (!hw) {
      ctx.fail(hw.error());
      return;
    }
    io::CompareRow row;
    row.system = hw->system->id;
    row.chip = hw->chip->id;
    perf::InferenceRequest& r = row.request;
    r.model = model->arch;
    r.cluster = hw->cluster;
    r.software = a.software.empty() ? default_software(*hw->chip) : a.software;
    r.efficiency =
        perf::lookup_efficiency(cat->efficiency, hw->chip->family, r.software, "inference");
    r.precision.weights = *weights;
    r.workload = perf::workload_of(**preset);
    perf::InferenceSearchOptions opt;
    opt.threads = a.threads;
    perf::Cluster chosen = r.cluster;
    for (int units = 1; units <= max_units; units *= 2) {
      if (units > 1) {
        auto grown = perf::make_cluster(*hw->system, *hw->chip, units * hw->system->chips);
        if (!grown) break;
        r.cluster = *grown;
      }
      opt.try_disaggregation = a.disaggregation && r.cluster.n_chips >= 16;
      perf::InferenceEstimate found = perf::search_inference(r, opt).best;
      if (units == 1) {
        row.estimate = std::move(found);
        if (row.estimate.feasible) break;
        continue;
      }
      if (!found.feasible) continue;
      if (!row.estimate.feasible ||
          found.output_tokens_per_s_per_chip > row.estimate.output_tokens_per_s_per_chip) {
        found.notes.push_back(fmt::format("one {}-chip unit cannot serve the model; {} units used",
                                          hw->system->chips, units));
        row.estimate = std::move(found);
        chosen = r.cluster;
      }
    }
    r.cluster = chosen;
    const perf::InferenceEstimate& e = row.estimate;
    if (e.feasible) {
      r.parallelism = {e.layout.tp, e.layout.pp, e.layout.dp, e.layout.ep};
      if (e.output_tokens_per_s_per_chip > 0) {
        const int unit = unit_chips(e);
        const double units = std::ceil(1e6 / (e.output_tokens_per_s_per_chip * unit));
        row.chips_for_1m = static_cast<int>(units) * unit;
      }
    }
    rows.push_back(std::move(row));
  }
  nlohmann::ordered_json context;
  context["model"] = model->arch->id;
  context["scenario"] = (*preset)->id;
  context["input_tokens"] = (*preset)->input_tokens;
  context["output_tokens"] = (*preset)->output_tokens;
  context["ttft_slo_ms"] = (*preset)->ttft_slo_s * 1e3;
  context["tpot_slo_ms"] = (*preset)->tpot_slo_s * 1e3;
  context["precision"] = a.precision;
  auto json = io::compare_json(rows, context);
  auto table = io::compare_table(rows);
  if (!destination->country.empty()) {
    std::vector<std::string> systems, chips;
    for (const auto& row : rows) {
      systems.push_back(row.system);
      chips.push_back(row.chip);
    }
    add_access_columns(*cat, *destination, systems, chips, json, table);
  }
  ctx.emit(json, table);
}

}  // namespace

void register_compare(CLI::App& app, CliContext& ctx) {
  auto a = std::make_shared<CompareArgs>();
  CLI::App* cmd = app.add_subcommand(
      "compare", "Best configuration and tokens/s per chip of several systems for a scenario");
  cmd->add_option("--model", a->model, "Model id or path to a config.json")->required();
  cmd->add_option("--scenario", a->scenario, "Scenario preset (data/scenarios)")
      ->capture_default_str();
  cmd->add_option("--systems", a->systems,
                  "Comma-separated system ids (default: H20, H200, H100, H800, B200, GB200 "
                  "NVL72, Atlas 800T A2, CloudMatrix 384, MI300X)");
  cmd->add_option("--precision", a->precision,
                  "Weight and compute format; chips without it fall back")
      ->capture_default_str();
  cmd->add_option("--software", a->software, "Serving stack for every system (default by vendor)");
  cmd->add_option("--dest", a->dest,
                  "Destination (ISO code): mark unavailable systems, add the levy to the price");
  cmd->add_option("--date", a->date, "Date of the question, YYYY-MM-DD (with --dest)");
  cmd->add_option("--threads", a->threads, "Search threads")
      ->check(CLI::Range(1, 64))
      ->capture_default_str();
  cmd->add_flag("!--no-disaggregation", a->disaggregation,
                "Do not consider prefill/decode disaggregation on systems of 16+ chips");
  cmd->callback([&ctx, a] { run_compare(ctx, *a); });
}

}  // namespace suanli::cli
