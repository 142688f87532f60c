#include "suanli/units/parse.hpp"

#include <fmt/format.h>
#include <array>
#include <charconv>
#include <cmath>
#include <span>
#include <string>

#include "suanli/core/did_you_mean.hpp"

namespace suanli::units {
namespace {

struct UnitName {
  const char* name;
  double factor;  // multiply by this to reach the base unit
};

constexpr double kilo = 1e3, mega = 1e6, giga = 1e9, tera = 1e12, peta = 1e15, exa = 1e18;
constexpr double kibi = 1024.0, mebi = kibi * 1024, gibi = mebi * 1024, tebi = gibi * 1024,
                 pebi = tebi * 1024;

constexpr std::array bytes_units{
    UnitName{"B", 1},      UnitName{"kB", kilo},  UnitName{"KB", kilo},  UnitName{"MB", mega},
    UnitName{"GB", giga},  UnitName{"TB", tera},  UnitName{"PB", peta},  UnitName{"KiB", kibi},
    UnitName{"MiB", mebi}, UnitName{"GiB", gibi}, UnitName{"TiB", tebi}, UnitName{"PiB", pebi}};
constexpr std::array seconds_units{UnitName{"ns", 1e-9}, UnitName{"us", 1e-6}, UnitName{"µs", 1e-6},
                                   UnitName{"ms", 1e-3}, UnitName{"s", 1},     UnitName{"min", 60},
                                   UnitName{"h", 3600},  UnitName{"d", 86400}};
constexpr std::array flop_units{UnitName{"FLOP", 1},     UnitName{"kFLOP", kilo},
                                UnitName{"MFLOP", mega}, UnitName{"GFLOP", giga},
                                UnitName{"TFLOP", tera}, UnitName{"PFLOP", peta},
                                UnitName{"EFLOP", exa},  UnitName{"ZFLOP", exa* kilo}};
constexpr std::array flops_units{
    UnitName{"FLOP/s", 1},     UnitName{"GFLOP/s", giga}, UnitName{"TFLOP/s", tera},
    UnitName{"PFLOP/s", peta}, UnitName{"EFLOP/s", exa},  UnitName{"OP/s", 1},
    UnitName{"GOP/s", giga},   UnitName{"TOP/s", tera},   UnitName{"POP/s", peta}};
constexpr std::array bandwidth_units{
    UnitName{"B/s", 1},         UnitName{"kB/s", kilo},     UnitName{"MB/s", mega},
    UnitName{"GB/s", giga},     UnitName{"TB/s", tera},     UnitName{"PB/s", peta},
    UnitName{"GiB/s", gibi},    UnitName{"TiB/s", tebi},    UnitName{"b/s", 0.125},
    UnitName{"Mb/s", mega / 8}, UnitName{"Gb/s", giga / 8}, UnitName{"Tb/s", tera / 8},
    UnitName{"Mbps", mega / 8}, UnitName{"Gbps", giga / 8}, UnitName{"Tbps", tera / 8}};
constexpr std::array watts_units{UnitName{"W", 1}, UnitName{"kW", kilo}, UnitName{"MW", mega},
                                 UnitName{"GW", giga}};
constexpr std::array joules_units{
    UnitName{"J", 1},     UnitName{"kJ", kilo},   UnitName{"MJ", mega},   UnitName{"GJ", giga},
    UnitName{"Wh", 3600}, UnitName{"kWh", 3.6e6}, UnitName{"MWh", 3.6e9}, UnitName{"GWh", 3.6e12}};
constexpr std::array usd_units{UnitName{"USD", 1}, UnitName{"kUSD", kilo}, UnitName{"MUSD", mega},
                               UnitName{"BUSD", giga}};
constexpr std::array area_units{UnitName{"mm2", 1}, UnitName{"mm^2", 1}, UnitName{"mm²", 1},
                                UnitName{"cm2", 100}};

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

core::Error out_of_range(std::string_view text) {
  return core::make_error(
      core::ErrorCode::invalid_input,
      fmt::format("'{}' is out of range (its value is not a finite number)", text));
}

// "a duration", "an area": the quantity's name with its indefinite article.
std::string with_article(std::string_view what) {
  const bool vowel =
      !what.empty() && std::string_view("aeiou").find(what.front()) != std::string_view::npos;
  return fmt::format("{} {}", vowel ? "an" : "a", what);
}

// Splits "3.35 TB/s" into 3.35 and "TB/s"; fails when there is no leading number.
core::Result<std::pair<double, std::string_view>> split_number(std::string_view text,
                                                               const char* what) {
  std::string_view s = trim(text);
  double number = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), number);
  if (ec != std::errc() || end == s.data()) {
    return core::make_error(core::ErrorCode::invalid_input,
                            fmt::format("'{}' is not {}: expected a number followed by a unit",
                                        text, with_article(what)));
  }
  if (!std::isfinite(number)) {
    return core::make_error(core::ErrorCode::invalid_input,
                            fmt::format("'{}' is not a finite number", text));
  }
  const auto used = static_cast<std::size_t>(end - s.data());
  return std::pair{number, trim(s.substr(used))};
}

template <class Q, std::size_t N>
core::Result<Q> parse_with(std::string_view text, const std::array<UnitName, N>& table,
                           const char* what) {
  auto split = split_number(text, what);
  if (!split) return split.error();
  const auto [number, unit] = *split;
  std::vector<std::string> names;
  for (const UnitName& u : table) {
    if (unit == u.name) {
      const double value = number * u.factor;  // "1e308 TB" overflows to infinity
      if (!std::isfinite(value)) return out_of_range(text);
      return Q(value);
    }
    names.emplace_back(u.name);
  }
  if (unit.empty()) {
    return core::make_error(core::ErrorCode::invalid_input,
                            fmt::format("'{}' has no unit: {} needs one of {}", text,
                                        with_article(what), fmt::join(names, ", ")));
  }
  std::string hint = core::did_you_mean(unit, names);
  std::string msg = fmt::format("'{}': unknown {} unit '{}' (expected one of {})", text, what, unit,
                                fmt::join(names, ", "));
  if (!hint.empty()) msg += "; " + hint;
  return core::make_error(core::ErrorCode::invalid_input, msg);
}

template <std::size_t N>
std::string format_with(double value, const std::array<UnitName, N>& preferred) {
  const UnitName* best = &preferred[0];
  for (const UnitName& u : preferred) {
    if (std::fabs(value) >= u.factor) best = &u;
  }
  return fmt::format("{:.6g} {}", value / best->factor, best->name);
}

constexpr std::array bytes_pref{UnitName{"B", 1},     UnitName{"kB", kilo}, UnitName{"MB", mega},
                                UnitName{"GB", giga}, UnitName{"TB", tera}, UnitName{"PB", peta}};
constexpr std::array seconds_pref{UnitName{"ns", 1e-9}, UnitName{"us", 1e-6}, UnitName{"ms", 1e-3},
                                  UnitName{"s", 1}};
constexpr std::array flop_pref{UnitName{"FLOP", 1},     UnitName{"GFLOP", giga},
                               UnitName{"TFLOP", tera}, UnitName{"PFLOP", peta},
                               UnitName{"EFLOP", exa},  UnitName{"ZFLOP", exa* kilo}};
constexpr std::array flops_pref{UnitName{"FLOP/s", 1}, UnitName{"GFLOP/s", giga},
                                UnitName{"TFLOP/s", tera}, UnitName{"PFLOP/s", peta},
                                UnitName{"EFLOP/s", exa}};
constexpr std::array bw_pref{UnitName{"B/s", 1}, UnitName{"MB/s", mega}, UnitName{"GB/s", giga},
                             UnitName{"TB/s", tera}, UnitName{"PB/s", peta}};
constexpr std::array watts_pref{UnitName{"W", 1}, UnitName{"kW", kilo}, UnitName{"MW", mega},
                                UnitName{"GW", giga}};
constexpr std::array joules_pref{UnitName{"J", 1}, UnitName{"kJ", kilo}, UnitName{"MJ", mega},
                                 UnitName{"GJ", giga}};
constexpr std::array usd_pref{UnitName{"USD", 1}};
constexpr std::array area_pref{UnitName{"mm2", 1}};

}  // namespace

core::Result<Bytes> parse_bytes(std::string_view t) {
  return parse_with<Bytes>(t, bytes_units, "size");
}
core::Result<Seconds> parse_seconds(std::string_view t) {
  return parse_with<Seconds>(t, seconds_units, "duration");
}
core::Result<Flop> parse_flop(std::string_view t) {
  return parse_with<Flop>(t, flop_units, "FLOP count");
}
core::Result<FlopPerSecond> parse_flop_per_second(std::string_view t) {
  return parse_with<FlopPerSecond>(t, flops_units, "compute rate");
}
core::Result<BytesPerSecond> parse_bytes_per_second(std::string_view t) {
  return parse_with<BytesPerSecond>(t, bandwidth_units, "bandwidth");
}
core::Result<Watts> parse_watts(std::string_view t) {
  return parse_with<Watts>(t, watts_units, "power");
}
core::Result<Joules> parse_joules(std::string_view t) {
  return parse_with<Joules>(t, joules_units, "energy");
}
core::Result<Usd> parse_usd(std::string_view t) {
  std::string_view s = trim(t);
  if (!s.empty() && s.front() == '$') {
    // "$50M", "$1.2k", "$33600": a dollar sign with an optional count suffix.
    auto count = parse_count(s.substr(1));
    if (!count) {
      return core::make_error(
          core::ErrorCode::invalid_input,
          fmt::format("'{}' is not an amount of money (e.g. '$50M', '33600 USD')", t));
    }
    return Usd(*count);
  }
  return parse_with<Usd>(t, usd_units, "amount of money");
}
core::Result<Area> parse_area(std::string_view t) {
  return parse_with<Area>(t, area_units, "area");
}

template <>
core::Result<Bytes> parse<Bytes>(std::string_view t) {
  return parse_bytes(t);
}
template <>
core::Result<Seconds> parse<Seconds>(std::string_view t) {
  return parse_seconds(t);
}
template <>
core::Result<Flop> parse<Flop>(std::string_view t) {
  return parse_flop(t);
}
template <>
core::Result<FlopPerSecond> parse<FlopPerSecond>(std::string_view t) {
  return parse_flop_per_second(t);
}
template <>
core::Result<BytesPerSecond> parse<BytesPerSecond>(std::string_view t) {
  return parse_bytes_per_second(t);
}
template <>
core::Result<Watts> parse<Watts>(std::string_view t) {
  return parse_watts(t);
}
template <>
core::Result<Joules> parse<Joules>(std::string_view t) {
  return parse_joules(t);
}
template <>
core::Result<Usd> parse<Usd>(std::string_view t) {
  return parse_usd(t);
}
template <>
core::Result<Area> parse<Area>(std::string_view t) {
  return parse_area(t);
}

std::string format(Bytes q) {
  return format_with(q.value, bytes_pref);
}
std::string format(Seconds q) {
  return format_with(q.value, seconds_pref);
}
std::string format(Flop q) {
  return format_with(q.value, flop_pref);
}
std::string format(FlopPerSecond q) {
  return format_with(q.value, flops_pref);
}
std::string format(BytesPerSecond q) {
  return format_with(q.value, bw_pref);
}
std::string format(Watts q) {
  return format_with(q.value, watts_pref);
}
std::string format(Joules q) {
  return format_with(q.value, joules_pref);
}
std::string format(Usd q) {
  return format_with(q.value, usd_pref);
}
std::string format(Area q) {
  return format_with(q.value, area_pref);
}

core::Result<double> parse_count(std::string_view text) {
  std::string_view s = trim(text);
  double number = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), number);
  if (ec != std::errc() || end == s.data() || !std::isfinite(number)) {
    return core::make_error(core::ErrorCode::invalid_input,
                            fmt::format("'{}' is not a number (e.g. 2048, 1.5M, 15T)", text));
  }
  std::string_view suffix = trim(s.substr(static_cast<std::size_t>(end - s.data())));
  constexpr std::array suffixes{UnitName{"", 1},     UnitName{"k", kilo}, UnitName{"K", kilo},
                                UnitName{"M", mega}, UnitName{"G", giga}, UnitName{"B", giga},
                                UnitName{"T", tera}, UnitName{"P", peta}};
  for (const UnitName& u : suffixes) {
    if (suffix != u.name) continue;
    if (!std::isfinite(number * u.factor)) return out_of_range(text);
    return number * u.factor;
  }
  return core::make_error(
      core::ErrorCode::invalid_input,
      fmt::format("'{}': unknown suffix '{}' (expected k, M, G/B, T or P)", text, suffix));
}

}  // namespace suanli::units
