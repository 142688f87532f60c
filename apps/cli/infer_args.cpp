#include "infer_args.hpp"

#include <fmt/format.h>

#include <filesystem>

#include "suanli/units/parse.hpp"

namespace suanli::cli {

core::Result<ModelRef> resolve_model(const catalog::Catalog& cat, const std::string& id) {
  ModelRef ref;
  if (id.ends_with(".json") || std::filesystem::is_regular_file(id)) {
    auto m = catalog::load_model_file(id);
    if (!m) return m.error();
    ref.owned = std::make_shared<model::ModelArch>(std::move(*m));
    ref.arch = ref.owned.get();
    return ref;
  }
  auto found = cat.find_model(id);
  if (!found) return found.error();
  ref.arch = found->item;
  ref.note = found->note;
  return ref;
}

std::string default_software(const hw::Chip& chip) {
  if (chip.vendor == "nvidia") return "tensorrt-llm";
  if (chip.vendor == "huawei") return "mindie";
  return "vllm";
}

core::Result<hw::Dtype> parse_precision_flag(const std::string& flag, const std::string& text) {
  if (auto d = hw::parse_dtype(text)) return *d;
  return core::make_error(
      core::ErrorCode::usage,
      fmt::format("{}: unknown precision '{}' (expected one of bf16, fp16, fp8, "
                  "int8, int4, fp4)",
                  flag, text));
}

core::Result<double> parse_duration_flag(const std::string& flag, const std::string& text) {
  auto s = units::parse_seconds(text);
  if (!s) {
    return core::make_error(core::ErrorCode::usage,
                            fmt::format("{}: {} (e.g. 50ms, '2 s')", flag, s.error().message));
  }
  if (!(s->value > 0)) {
    return core::make_error(core::ErrorCode::usage, fmt::format("{}: must be > 0", flag));
  }
  return s->value;
}

core::Result<Hardware> resolve_hardware(const catalog::Catalog& cat, const std::string& system,
                                        const std::string& chip, int n_chips) {
  Hardware hw;
  if (!system.empty() && !chip.empty()) {
    return core::make_error(core::ErrorCode::usage, "give --system or --chip, not both");
  }
  if (system.empty() && chip.empty()) {
    return core::make_error(core::ErrorCode::usage, "give --system S or --chip C --chips N");
  }
  if (!system.empty()) {
    auto sys = cat.find_system(system);
    if (!sys) return sys.error();
    if (!sys->note.empty()) hw.notes.push_back(sys->note);
    hw.system = sys->item;
    auto c = cat.find_chip(hw.system->chip_id);
    if (!c) return c.error();
    hw.chip = c->item;
    auto cl = perf::make_cluster(*hw.system, *hw.chip, n_chips);
    if (!cl) return core::make_error(core::ErrorCode::usage, "--chips: " + cl.error().message);
    hw.cluster = *cl;
    return hw;
  }
  auto c = cat.find_chip(chip);
  if (!c) return c.error();
  if (!c->note.empty()) hw.notes.push_back(c->note);
  hw.chip = c->item;
  if (n_chips < 1) {
    return core::make_error(core::ErrorCode::usage, "--chip needs --chips N (N >= 1)");
  }
  auto cl = perf::make_cluster(*hw.chip, n_chips);
  if (!cl) return core::make_error(core::ErrorCode::usage, "--chips: " + cl.error().message);
  hw.cluster = *cl;
  return hw;
}

}  // namespace suanli::cli
