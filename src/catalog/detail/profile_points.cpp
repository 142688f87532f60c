// Measured-point tables of a chip profile. Every point carries its shape, its median time and the
// rates derived from them; a derived rate that disagrees with shape / time by more than 1% is an
// error, so a hand-edited or mis-converted figure cannot pass silently.
#include "detail/profile_points.hpp"

#include <fmt/format.h>

#include <cmath>
#include <optional>
#include <vector>

#include "suanli/core/did_you_mean.hpp"
#include "suanli/units/parse.hpp"

namespace suanli::catalog::detail {
namespace {

using units::BytesPerSecond, units::Bytes, units::FlopPerSecond, units::Seconds;

// Plausibility bounds in base units: a point outside is a typo (a wrong prefix or unit).
constexpr double min_time = 1e-9;  // 1 ns: below one clock of any chip
constexpr double max_time = 3600;  // one kernel call of an hour
constexpr double max_bytes = 1e15;
constexpr double max_compute = 1e17;    // 100 PFLOP/s, the chips' peak bound
constexpr double max_bandwidth = 1e14;  // 100 TB/s
constexpr long max_dim = 1L << 30;
constexpr double rate_tolerance = 0.01;  // figures are written to 6 significant digits

int dim(MapReader& r, const std::string& key) {
  return r.integer(key, true, 1, max_dim).value_or(0);
}

Seconds time_of(MapReader& r) {
  return r.quantity<Seconds>("time", true, units::parse_seconds, min_time, max_time)
      .value_or(Seconds(0));
}

FlopPerSecond compute_of(MapReader& r, const std::string& key) {
  return r.quantity<FlopPerSecond>(key, true, units::parse_flop_per_second, 1, max_compute)
      .value_or(FlopPerSecond(0));
}

BytesPerSecond bandwidth_of(MapReader& r, const std::string& key) {
  return r.quantity<BytesPerSecond>(key, true, units::parse_bytes_per_second, 1, max_bandwidth)
      .value_or(BytesPerSecond(0));
}

hw::Dtype dtype_of(MapReader& r) {
  const auto text = r.string("dtype", true);
  if (!text) return hw::Dtype::bf16;
  if (const auto d = hw::parse_dtype(*text)) return *d;
  std::vector<std::string> names;
  names.reserve(hw::all_dtypes.size());
  for (hw::Dtype d : hw::all_dtypes) names.emplace_back(hw::to_string(d));
  r.problems().add(r.get("dtype"), r.child_path("dtype"),
                   fmt::format("'{}' is not one of: {}", *text, fmt::join(names, ", ")),
                   core::did_you_mean(*text, names));
  return hw::Dtype::bf16;
}

std::string choice_of(MapReader& r, const std::string& key,
                      const std::vector<std::string>& allowed) {
  std::string value = r.string(key, true).value_or("");
  if (value.empty() || allowed.empty()) return value;
  for (const auto& a : allowed) {
    if (a == value) return value;
  }
  r.problems().add(r.get(key), r.child_path(key),
                   fmt::format("'{}' is not one of: {}", value, fmt::join(allowed, ", ")),
                   core::did_you_mean(value, allowed));
  return value;
}

// A derived rate must equal amount / time (both already read without problems).
template <class Rate>
void check_rate(MapReader& r, const std::string& key, Rate stated, double amount, Seconds time,
                const char* formula) {
  if (stated.value <= 0 || amount <= 0 || time.value <= 0) return;
  const Rate expected(amount / time.value);
  if (std::fabs(stated.value / expected.value - 1) <= rate_tolerance) return;
  r.problems().add(r.get(key), r.child_path(key),
                   fmt::format("{} disagrees with {} = {} (more than 1% apart)",
                               r.get(key).Scalar(), formula, units::format(expected)));
}

void read_point(MapReader& r, hw::BandwidthPoint& p) {
  p.op = choice_of(r, "op", {"copy", "read"});
  p.bytes = r.quantity<Bytes>("bytes", true, units::parse_bytes, 1, max_bytes).value_or(Bytes(0));
  p.time = time_of(r);
  p.achieved = bandwidth_of(r, "achieved");
  const double moved = p.op == "copy" ? 2 * p.bytes.value : p.bytes.value;
  check_rate(r, "achieved", p.achieved, moved, p.time, "bytes moved / time");
}

void read_point(MapReader& r, hw::GemmPoint& p) {
  p.name = r.string("name", true).value_or("");
  p.m = dim(r, "m");
  p.n = dim(r, "n");
  p.k = dim(r, "k");
  p.dtype = dtype_of(r);
  p.time = time_of(r);
  p.compute = compute_of(r, "compute");
  p.bandwidth = bandwidth_of(r, "bandwidth");
  const double flop = 2.0 * p.m * p.n * p.k;
  check_rate(r, "compute", p.compute, flop, p.time, "2 m n k / time");
}

void read_point(MapReader& r, hw::AttentionPrefillPoint& p) {
  p.batch = dim(r, "batch");
  p.seq_len = dim(r, "seq_len");
  p.causal = r.boolean("causal", true).value_or(true);
  p.q_heads = dim(r, "q_heads");
  p.kv_heads = dim(r, "kv_heads");
  p.head_dim = dim(r, "head_dim");
  p.dtype = dtype_of(r);
  p.impl = r.string("impl", true).value_or("");
  p.time = time_of(r);
  p.compute = compute_of(r, "compute");
  const double s = p.seq_len;
  const double flop = 4.0 * p.batch * p.q_heads * s * s * p.head_dim * (p.causal ? 0.5 : 1.0);
  check_rate(r, "compute", p.compute, flop, p.time, "attention FLOPs / time");
}

void read_point(MapReader& r, hw::AttentionDecodePoint& p) {
  p.batch = dim(r, "batch");
  p.context = dim(r, "context");
  p.q_heads = dim(r, "q_heads");
  p.kv_heads = dim(r, "kv_heads");
  p.head_dim = dim(r, "head_dim");
  p.dtype = dtype_of(r);
  p.impl = r.string("impl", true).value_or("");
  p.time = time_of(r);
  p.bandwidth = bandwidth_of(r, "bandwidth");
  const double kv_bytes =
      2.0 * p.batch * p.context * p.kv_heads * p.head_dim * hw::bytes_per_element(p.dtype);
  check_rate(r, "bandwidth", p.bandwidth, kv_bytes, p.time, "K + V bytes / time");
}

void read_point(MapReader& r, hw::MoePoint& p) {
  p.experts = dim(r, "experts");
  p.rows_per_expert = dim(r, "rows_per_expert");
  p.hidden = dim(r, "hidden");
  p.expert_ffn = dim(r, "expert_ffn");
  p.dtype = dtype_of(r);
  p.impl = choice_of(r, "impl", {"grouped", "loop"});
  p.time = time_of(r);
  p.compute = compute_of(r, "compute");
  p.weight_bandwidth = bandwidth_of(r, "weight_bandwidth");
  const double weights = 3.0 * p.experts * p.hidden * p.expert_ffn;
  check_rate(r, "compute", p.compute, 2.0 * p.rows_per_expert * weights, p.time,
             "6 experts rows_per_expert hidden expert_ffn / time");
  check_rate(r, "weight_bandwidth", p.weight_bandwidth, weights * hw::bytes_per_element(p.dtype),
             p.time, "expert weight bytes / time");
}

template <class Point>
void read_table(MapReader& top, const std::string& key, std::vector<Point>& into) {
  if (!top.has(key)) return;
  const YAML::Node list = top.get(key);
  if (!list.IsSequence()) {
    top.problems().add(list, key, "expected a list of measured points");
    return;
  }
  for (std::size_t i = 0; i < list.size(); ++i) {
    MapReader r(list[i], fmt::format("{}[{}]", key, i), top.problems());
    if (!r.valid()) continue;
    const std::size_t before = top.problems().size();
    Point p;
    read_point(r, p);
    r.finish();
    if (top.problems().size() == before) into.push_back(std::move(p));
  }
}

}  // namespace

void read_profile_tables(MapReader& top, hw::ChipProfile& profile) {
  read_table(top, "bandwidth", profile.bandwidth);
  read_table(top, "gemm", profile.gemm);
  read_table(top, "attention_prefill", profile.attention_prefill);
  read_table(top, "attention_decode", profile.attention_decode);
  read_table(top, "moe", profile.moe);
}

}  // namespace suanli::catalog::detail
