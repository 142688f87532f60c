// `suanli chips` (list with filters) and `suanli chips compare A B`.
#include <fmt/format.h>

#include <algorithm>
#include <tuple>

#include "commands.hpp"
#include "suanli/core/did_you_mean.hpp"
#include "suanli/hw/chip_metrics.hpp"
#include "suanli/io/catalog_json.hpp"
#include "suanli/io/number.hpp"
#include "suanli/units/parse.hpp"

namespace suanli::cli {
namespace {

struct ChipFilter {
  std::string vendor;
  std::string market;
  std::string family;
  std::string min_memory;
  std::string min_bandwidth;
  std::string supports;
  std::string sort = "id";
};

const std::vector<std::string> list_columns{"bf16_tflops",   "fp8_tflops",  "memory_gb",
                                            "memory_bw_tbs", "scaleup_gbs", "tdp_w"};

// A filter value that no chip of the catalog has is a typo (an empty list would say "none"):
// a usage error with did-you-mean over the values the catalog does have.
core::Status check_filter(const catalog::Catalog& cat, std::string_view flag,
                          const std::string& value, std::string hw::Chip::*member) {
  if (value.empty()) return core::ok_status();
  std::vector<std::string> known;
  for (const hw::Chip& c : cat.chips) {
    if (std::find(known.begin(), known.end(), c.*member) == known.end()) known.push_back(c.*member);
  }
  if (std::find(known.begin(), known.end(), value) != known.end()) return core::ok_status();
  std::sort(known.begin(), known.end());
  core::Error e = core::make_error(
      core::ErrorCode::usage, fmt::format("{}: no chip in the catalog has '{}' (known: {})", flag,
                                          value, fmt::join(known, ", ")));
  e.hints.push_back(core::did_you_mean(value, known));
  return e;
}

core::Result<std::vector<const hw::Chip*>> select(const catalog::Catalog& cat,
                                                  const ChipFilter& f) {
  for (auto [flag, value, member] : {std::tuple{"--vendor", &f.vendor, &hw::Chip::vendor},
                                     std::tuple{"--market", &f.market, &hw::Chip::market},
                                     std::tuple{"--family", &f.family, &hw::Chip::family}}) {
    if (auto st = check_filter(cat, flag, *value, member); !st) return st.error();
  }
  std::optional<units::Bytes> min_mem;
  std::optional<units::BytesPerSecond> min_bw;
  if (!f.min_memory.empty()) {
    auto m = units::parse_bytes(f.min_memory);
    if (!m) return core::make_error(core::ErrorCode::usage, "--min-memory: " + m.error().message);
    min_mem = *m;
  }
  if (!f.min_bandwidth.empty()) {
    auto b = units::parse_bytes_per_second(f.min_bandwidth);
    if (!b)
      return core::make_error(core::ErrorCode::usage, "--min-bandwidth: " + b.error().message);
    min_bw = *b;
  }
  std::optional<hw::Dtype> dtype;
  if (!f.supports.empty()) {
    dtype = hw::parse_dtype(f.supports);
    if (!dtype) {
      return core::make_error(core::ErrorCode::usage,
                              fmt::format("--supports: unknown precision '{}'", f.supports));
    }
  }
  std::vector<const hw::Chip*> out;
  for (const hw::Chip& c : cat.chips) {
    if (!f.vendor.empty() && c.vendor != f.vendor) continue;
    if (!f.market.empty() && c.market != f.market) continue;
    if (!f.family.empty() && c.family != f.family) continue;
    if (min_mem && (!c.memory_capacity.known() || c.memory_capacity.value < *min_mem)) continue;
    if (min_bw && (!c.memory_bandwidth.known() || c.memory_bandwidth.value < *min_bw)) continue;
    if (dtype && !c.supports(*dtype)) continue;
    out.push_back(&c);
  }
  if (f.sort != "id") {
    const hw::ChipMetric* metric = hw::find_chip_metric(f.sort);
    if (metric == nullptr) {
      std::vector<std::string> keys{"id"};
      for (const auto& m : hw::chip_metrics()) keys.push_back(m.key);
      core::Error e = core::make_error(core::ErrorCode::usage,
                                       fmt::format("--sort: unknown metric '{}'", f.sort));
      e.hints.push_back(core::did_you_mean(f.sort, keys));
      return e;
    }
    // Descending; unknown values last; ties by id for a stable order.
    std::stable_sort(out.begin(), out.end(), [&](const hw::Chip* a, const hw::Chip* b) {
      const auto va = metric->value(*a);
      const auto vb = metric->value(*b);
      if (va.has_value() != vb.has_value()) return va.has_value();
      return va && vb && *va > *vb;
    });
  }
  return out;
}

void run_list(CliContext& ctx, const ChipFilter& filter) {
  const catalog::Catalog* cat = ctx.catalog();
  if (cat == nullptr) return;
  auto chips = select(*cat, filter);
  if (!chips) {
    ctx.fail(chips.error());
    return;
  }
  nlohmann::ordered_json json = nlohmann::ordered_json::array();
  io::Table table;
  table.headers = {"id", "vendor"};
  table.right_align = {false, false};
  for (const auto& key : list_columns) {
    table.headers.push_back(hw::find_chip_metric(key)->label);
    table.right_align.push_back(true);
  }
  for (const hw::Chip* c : *chips) {
    json.push_back(io::chip_json(*c));
    std::vector<std::string> row{c->id, c->vendor};
    for (const auto& key : list_columns) {
      const hw::ChipMetric* m = hw::find_chip_metric(key);
      const std::string state = hw::metric_state(*c, *m);
      row.push_back(state == "unsupported" ? "n/a" : io::format_number(m->value(*c)));
    }
    table.add_row(std::move(row));
  }
  ctx.emit(json, table);
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
  auto filter = std::make_shared<ChipFilter>();
  CLI::App* chips = app.add_subcommand("chips", "List accelerators in the catalog");
  chips->add_option("--vendor", filter->vendor, "Only this vendor (e.g. nvidia, huawei)");
  chips->add_option("--market", filter->market, "Only global, china-sku or domestic-cn parts");
  chips->add_option("--family", filter->family, "Only this micro-architecture family");
  chips->add_option("--min-memory", filter->min_memory, "At least this memory, e.g. 80GB");
  chips->add_option("--min-bandwidth", filter->min_bandwidth,
                    "At least this memory bandwidth, e.g. '3 TB/s'");
  chips->add_option("--supports", filter->supports, "Only chips with this precision, e.g. fp8");
  chips->add_option("--sort", filter->sort, "Sort by a metric key (descending), or id")
      ->capture_default_str();

  auto ids = std::make_shared<std::vector<std::string>>();
  CLI::App* compare = chips->add_subcommand("compare", "Two chips side by side with ratio A/B");
  compare->add_option("chips", *ids, "Chip ids A and B")->required()->expected(2);
  compare->callback([&ctx, ids] { run_compare(ctx, (*ids)[0], (*ids)[1]); });
  chips->callback([&ctx, filter, compare] {
    if (compare->parsed()) return;
    run_list(ctx, *filter);
  });
}

}  // namespace suanli::cli
