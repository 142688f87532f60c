#include <fmt/format.h>

#include <algorithm>

#include "detail/loaders.hpp"
#include "suanli/policy/date.hpp"
#include "suanli/units/parse.hpp"

namespace suanli::catalog::detail {
namespace {

using units::Area, units::Bytes, units::BytesPerSecond, units::FlopPerSecond, units::Usd,
    units::Watts;

// Plausibility bounds in base units: wide enough for any real part, narrow enough to catch a
// wrong prefix (e.g. "3.35 PB/s" for HBM).
constexpr double max_peak = 1e17;              // 100 PFLOP/s per chip
constexpr double max_memory = 2e13;            // 20 TB per chip
constexpr double max_mem_bw = 1e14;            // 100 TB/s
constexpr double max_sram = 1e11;              // 100 GB on-chip
constexpr double max_link_bw = 1e14;           // 100 TB/s
constexpr double max_tdp = 1e5;                // 100 kW per chip
constexpr double max_die = 1e5;                // 1000 cm2
constexpr double max_price = 1e8;              // 100 M USD per chip
constexpr long max_compute_units = 1'000'000;  // SMs, CUs or cores per chip

const std::vector<std::string> allowed_vendors{
    "nvidia",        "amd",   "huawei", "google", "intel",   "aws",      "cambricon", "kunlunxin",
    "moore-threads", "metax", "hygon",  "biren",  "enflame", "iluvatar", "other"};
const std::vector<std::string> allowed_markets{"global", "china-sku", "domestic-cn"};

void read_peaks(MapReader& chip, const std::set<std::string>& sources, hw::Chip& out) {
  if (!chip.has("dense_peak")) return;
  MapReader peaks(chip.get("dense_peak"), chip.child_path("dense_peak"), chip.problems());
  if (!peaks.valid()) return;
  for (hw::Dtype d : hw::all_dtypes) {
    const std::string key(hw::to_string(d));
    auto fig = peaks.figure<FlopPerSecond>(key, units::parse_flop_per_second, 1e9, max_peak, true,
                                           sources);
    if (fig.state != hw::FigureState::unknown) out.dense_peak[d] = fig;
  }
  peaks.finish();
}

void read_memory(MapReader& chip, const std::set<std::string>& sources, hw::Chip& out) {
  if (!chip.has("memory")) return;
  MapReader mem(chip.get("memory"), chip.child_path("memory"), chip.problems());
  if (!mem.valid()) return;
  out.memory_type = mem.string("type", false).value_or("");
  out.memory_capacity =
      mem.figure<Bytes>("capacity", units::parse_bytes, 1e8, max_memory, false, sources);
  out.memory_bandwidth = mem.figure<BytesPerSecond>("bandwidth", units::parse_bytes_per_second, 1e9,
                                                    max_mem_bw, false, sources);
  mem.finish();
}

void read_links(MapReader& chip, const std::set<std::string>& sources, hw::Chip& out) {
  if (chip.has("scaleup")) {
    MapReader up(chip.get("scaleup"), chip.child_path("scaleup"), chip.problems());
    if (up.valid()) {
      out.scaleup_link = up.string("link", false).value_or("");
      out.scaleup_bandwidth = up.figure<BytesPerSecond>("bandwidth", units::parse_bytes_per_second,
                                                        1e8, max_link_bw, false, sources);
      up.finish();
    }
  }
  if (chip.has("scaleout")) {
    MapReader out_net(chip.get("scaleout"), chip.child_path("scaleout"), chip.problems());
    if (out_net.valid()) {
      out.scaleout_bandwidth = out_net.figure<BytesPerSecond>(
          "bandwidth", units::parse_bytes_per_second, 1e8, max_link_bw, false, sources);
      out_net.finish();
    }
  }
  out.io_bandwidth = chip.figure<BytesPerSecond>("io_bandwidth", units::parse_bytes_per_second, 1e8,
                                                 max_link_bw, false, sources);
}

void read_die(MapReader& chip, const std::set<std::string>& sources, hw::Chip& out) {
  if (!chip.has("die")) return;
  MapReader die(chip.get("die"), chip.child_path("die"), chip.problems());
  if (!die.valid()) return;
  out.die_area = die.figure<Area>("area", units::parse_area, 10, max_die, false, sources);
  out.die_basis = die.string("basis", false).value_or("");
  die.finish();
}

// A launch is a year, a month or a day ("2024", "2024-03", "2024-03-18") that exists.
void check_launch(MapReader& reader, const std::string& launch) {
  std::string full = launch;
  if (launch.size() == 4) full += "-01-01";
  if (launch.size() == 7) full += "-01";
  auto date = policy::Date::parse(full);
  if (date) return;
  // "'2025-13-01' is not a valid date: month 13 is outside 1-12 (expected ...)" -> the reason.
  std::string why = date.error().message;
  if (const auto at = why.find("date: "); at != std::string::npos) why = why.substr(at + 6);
  if (const auto end = why.find(" (expected"); end != std::string::npos) why.resize(end);
  reader.problems().add(reader.get("launch"), reader.child_path("launch"),
                        fmt::format("'{}' is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD "
                                    "({})",
                                    launch, why));
}

}  // namespace

std::optional<hw::Chip> load_chip(const SourceFile& file, Problems& problems, bool in_catalog) {
  const std::size_t before = problems.size();
  const auto doc = read_yaml(file, problems);
  if (!doc) return std::nullopt;
  MapReader r(*doc, "", problems);
  if (!r.valid()) return std::nullopt;

  hw::Chip chip;
  chip.sources = read_sources(r);
  const std::set<std::string> keys = source_keys(chip.sources);
  chip.id = r.string("id", true).value_or("");
  if (!chip.id.empty() && in_catalog)
    check_id_matches_file(file.path, chip.id, r.get("id"), problems);
  chip.name = r.string("name", true).value_or("");
  chip.vendor = r.string("vendor", true).value_or("");
  if (!chip.vendor.empty()) r.check_choice("vendor", chip.vendor, allowed_vendors);
  chip.family = r.string("family", true).value_or("");
  chip.market = r.string("market", true).value_or("");
  if (!chip.market.empty()) r.check_choice("market", chip.market, allowed_markets);
  chip.form_factor = r.string("form_factor", false).value_or("");
  chip.launch = r.string("launch", false).value_or("");
  if (!chip.launch.empty()) check_launch(r, chip.launch);
  chip.process = r.string("process", false).value_or("");
  chip.datacenter = r.boolean("datacenter", false).value_or(true);
  chip.devices_per_package = r.integer("devices_per_package", false, 1, 64).value_or(1);
  chip.notes = r.string("notes", false).value_or("");

  read_peaks(r, keys, chip);
  read_memory(r, keys, chip);
  chip.sram = r.figure<Bytes>("sram", units::parse_bytes, 1e3, max_sram, false, keys);
  read_links(r, keys, chip);
  chip.tdp = r.figure<Watts>("tdp", units::parse_watts, 1, max_tdp, false, keys);
  read_die(r, keys, chip);
  chip.price = r.figure<Usd>("price", units::parse_usd, 1, max_price, false, keys);
  chip.compute_units = r.count_figure("compute_units", 1, max_compute_units, keys);
  chip.full_rate_part = r.string("full_rate_part", false).value_or("");
  r.finish();
  if (problems.size() != before) return std::nullopt;
  return chip;
}

void resolve_full_rate_parts(Catalog& cat, std::vector<core::Problem>& problems) {
  const std::vector<std::string> ids = cat.chip_ids();
  for (hw::Chip& chip : cat.chips) {
    chip.unit_matrix_share = 1.0;
    if (chip.full_rate_part.empty()) continue;
    const std::string file = cat.file_of(chip.id);
    const auto problem = [&](std::string message, std::string hint = {}) {
      problems.push_back(
          core::Problem{file, 0, "full_rate_part", std::move(message), std::move(hint)});
    };
    const auto part = std::find_if(cat.chips.begin(), cat.chips.end(),
                                   [&](const hw::Chip& c) { return c.id == chip.full_rate_part; });
    if (part == cat.chips.end()) {
      problem(fmt::format("unknown chip '{}'", chip.full_rate_part),
              core::did_you_mean(chip.full_rate_part, ids));
      continue;
    }
    if (part->id == chip.id) {
      problem(
          fmt::format("'{}' names itself: leave full_rate_part out of a full-rate part", chip.id));
      continue;
    }
    if (part->family != chip.family) {
      problem(fmt::format("'{}' is of family '{}', not '{}': units compare only within a family",
                          part->id, part->family, chip.family));
      continue;
    }
    const auto units = chip.compute_units.get();
    const auto part_units = part->compute_units.get();
    const auto peak = chip.peak(hw::Dtype::bf16);
    const auto part_peak = part->peak(hw::Dtype::bf16);
    if (!units || !part_units || !peak || !part_peak) {
      problem(
          fmt::format("comparing the units of '{}' and '{}' needs the compute_units and the "
                      "bf16 peak of both",
                      chip.id, part->id));
      continue;
    }
    const double share = (peak->value / *units) / (part_peak->value / *part_units);
    if (share > 1.0 + 1e-9) {
      problem(
          fmt::format("a unit of '{}' has {:.3g}x the bf16 rate of a unit of '{}': the "
                      "full-rate part cannot be the slower one",
                      chip.id, share, part->id));
      continue;
    }
    chip.unit_matrix_share = std::min(share, 1.0);
  }
}

}  // namespace suanli::catalog::detail
