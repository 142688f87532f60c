#include "suanli/api/chips.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "detail/field_makers.hpp"
#include "suanli/core/did_you_mean.hpp"
#include "suanli/hw/chip_metrics.hpp"
#include "suanli/units/parse.hpp"

namespace suanli::api {
namespace {

using R = ChipsRequest;
namespace d = detail;

// A text field whose value must parse with `Parse` (a units parser); the text is kept.
template <auto Parse, auto M>
Field<R> quantity(std::string_view name, std::string_view help) {
  return {name,
          help,
          FieldKind::value,
          false,
          [](R& r, std::string_view t) -> core::Status {
            if (auto v = Parse(t); !v)
              return core::make_error(core::ErrorCode::usage, v.error().message);
            r.*M = std::string(t);
            return core::ok_status();
          },
          [](const R& r) { return parse::nonempty(r.*M); }};
}

core::Status set_sort(R& r, std::string_view t) {
  if (t != "id" && hw::find_chip_metric(std::string(t)) == nullptr) {
    std::vector<std::string> keys{"id"};
    for (const auto& m : hw::chip_metrics()) keys.push_back(m.key);
    core::Error e = core::make_error(core::ErrorCode::usage, fmt::format("unknown metric '{}'", t));
    e.hints.push_back(core::did_you_mean(t, keys));
    return e;
  }
  r.sort = std::string(t);
  return core::ok_status();
}

const std::array chips_fields{
    d::text<R, &R::vendor>("vendor", "Only this vendor (e.g. nvidia, huawei)"),
    d::text<R, &R::market>("market", "Only global, china-sku or domestic-cn parts"),
    d::text<R, &R::family>("family", "Only this micro-architecture family"),
    quantity<units::parse_bytes, &R::min_memory>("min-memory", "At least this memory, e.g. 80GB"),
    quantity<units::parse_bytes_per_second, &R::min_bandwidth>(
        "min-bandwidth", "At least this memory bandwidth, e.g. '3 TB/s'"),
    d::precision<R, &R::supports>("supports", "Only chips with this precision, e.g. fp8"),
    Field<R>{"sort", "Sort by a metric key (descending), or id (default)", FieldKind::value, false,
             set_sort,
             [](const R& r) -> std::optional<std::string> {
               if (r.sort == "id") return std::nullopt;
               return r.sort;
             }},
};

}  // namespace

template <>
std::span<const Field<ChipsRequest>> fields<ChipsRequest>() {
  return chips_fields;
}

core::Result<ChipsAnswer> list_chips(const catalog::Catalog& cat, const ChipsRequest& f) {
  std::optional<units::Bytes> min_mem;
  std::optional<units::BytesPerSecond> min_bw;
  if (!f.min_memory.empty()) {
    auto m = units::parse_bytes(f.min_memory);
    if (!m) return core::make_error(core::ErrorCode::usage, "min-memory: " + m.error().message);
    min_mem = *m;
  }
  if (!f.min_bandwidth.empty()) {
    auto b = units::parse_bytes_per_second(f.min_bandwidth);
    if (!b) return core::make_error(core::ErrorCode::usage, "min-bandwidth: " + b.error().message);
    min_bw = *b;
  }
  ChipsAnswer out;
  for (const hw::Chip& c : cat.chips) {
    if (!f.vendor.empty() && c.vendor != f.vendor) continue;
    if (!f.market.empty() && c.market != f.market) continue;
    if (!f.family.empty() && c.family != f.family) continue;
    if (min_mem && (!c.memory_capacity.known() || c.memory_capacity.value < *min_mem)) continue;
    if (min_bw && (!c.memory_bandwidth.known() || c.memory_bandwidth.value < *min_bw)) continue;
    if (f.supports && !c.supports(*f.supports)) continue;
    out.chips.push_back(&c);
  }
  if (f.sort == "id") return out;
  const hw::ChipMetric* metric = hw::find_chip_metric(f.sort);
  if (metric == nullptr) {
    R checked;
    return set_sort(checked, f.sort).error();
  }
  // Descending; unknown values last; ties by id (the catalog order) for a stable order.
  std::stable_sort(out.chips.begin(), out.chips.end(), [&](const hw::Chip* a, const hw::Chip* b) {
    const auto va = metric->value(*a);
    const auto vb = metric->value(*b);
    if (va.has_value() != vb.has_value()) return va.has_value();
    return va && vb && *va > *vb;
  });
  return out;
}

}  // namespace suanli::api
