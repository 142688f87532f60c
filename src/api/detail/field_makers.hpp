// Builders of Field table rows for the common value types, so a request's table lists each field
// in one line: the member (a path of member pointers), the parser and its range, the printer.
#pragma once

#include <fmt/format.h>

#include <optional>
#include <ratio>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "suanli/api/field_parse.hpp"
#include "suanli/api/fields.hpp"
#include "suanli/core/did_you_mean.hpp"
#include "suanli/perf/infer/config.hpp"

namespace suanli::api::detail {

// The member reached from `r` through the member pointers Ms (r.*M1.*M2...).
template <auto... Ms, class R>
decltype(auto) member(R& r) {
  return (r.*....*Ms);
}

template <class R, auto... Ms>
Field<R> text(std::string_view name, std::string_view help, bool required = false) {
  return {name,
          help,
          FieldKind::value,
          required,
          [](R& r, std::string_view t) -> core::Status {
            if (t.empty()) return core::make_error(core::ErrorCode::usage, "must not be empty");
            member<Ms...>(r) = std::string(t);
            return core::ok_status();
          },
          [](const R& r) { return parse::nonempty(member<Ms...>(r)); }};
}

template <class R, long long Lo, long long Hi, auto... Ms>
Field<R> integer(std::string_view name, std::string_view help, bool required = false) {
  return {name,
          help,
          FieldKind::value,
          required,
          [](R& r, std::string_view t) -> core::Status {
            auto v = parse::integer(t, Lo, Hi);
            if (!v) return v.error();
            using T = std::remove_reference_t<decltype(member<Ms...>(r))>;
            member<Ms...>(r) = static_cast<T>(*v);
            return core::ok_status();
          },
          [](const R& r) { return parse::nonzero(static_cast<long long>(member<Ms...>(r))); }};
}

// The value of a std::ratio as a double (exact for an integer; 1/1000 is the double nearest 1e-3).
template <class Ratio>
constexpr double ratio_value() {
  return static_cast<double>(Ratio::num) / static_cast<double>(Ratio::den);
}

// A number within [Lo, Hi], both std::ratio types (std::ratio<1>, std::milli): a type rather than
// a double template argument, which C++20 allows but Debian 12's clang 14 (the fuzz build) does
// not.
template <class R, class Lo, class Hi, auto... Ms>
Field<R> number(std::string_view name, std::string_view help, bool required = false) {
  return {name,
          help,
          FieldKind::value,
          required,
          [](R& r, std::string_view t) -> core::Status {
            auto v = parse::number(t, ratio_value<Lo>(), ratio_value<Hi>());
            if (!v) return v.error();
            member<Ms...>(r) = *v;
            return core::ok_status();
          },
          [](const R& r) { return parse::nonzero(static_cast<double>(member<Ms...>(r))); }};
}

// A field whose text `Parse` (string_view -> core::Result<double>) turns into a double member
// and `Print` (double -> optional text) prints back.
template <class R, auto Parse, auto Print, auto... Ms>
Field<R> parsed_number(std::string_view name, std::string_view help) {
  return {name,
          help,
          FieldKind::value,
          false,
          [](R& r, std::string_view t) -> core::Status {
            auto v = Parse(t);
            if (!v) return v.error();
            member<Ms...>(r) = *v;
            return core::ok_status();
          },
          [](const R& r) { return Print(member<Ms...>(r)); }};
}

inline std::optional<std::string> nonzero_number(double v) {
  return parse::nonzero(v);
}

inline std::optional<std::string> nonzero_seconds(double s) {
  if (s == 0) return std::nullopt;
  return parse::seconds_text(s);
}

// A share in [0, 1], given as 0.56 or 56%.
template <class R, auto... Ms>
Field<R> share(std::string_view name, std::string_view help) {
  return parsed_number<R, &parse::share, &nonzero_number, Ms...>(name, help);
}

// The prefix-cache share of a serving request (infer, compare, plan: member `cache_hit`).
template <class R>
Field<R> cache_hit() {
  return share<R, &R::cache_hit>(
      "cache-hit",
      "Share of each prompt already in the prefix cache, 0-1 or a percentage (reused: held and "
      "attended, not computed; input tokens/s counts it)");
}

// How output lengths vary across requests (infer: member `length_spread`): fixed, exponential
// or the coefficient of variation of the lengths as a number (perf::LengthSpread).
template <class R>
Field<R> length_spread() {
  return {"length-spread",
          "How answer lengths vary across requests: fixed (random-token benchmarks), exponential "
          "(chat datasets such as ShareGPT) or their coefficient of variation, e.g. 1.11 (MLPerf "
          "DeepSeek-R1); long answers stay in the batch longer (default: fixed for infer, the "
          "scenario's for compare and plan)",
          FieldKind::value,
          false,
          [](R& r, std::string_view t) -> core::Status {
            if (auto v = perf::parse_length_spread(t)) {
              r.length_spread = *v;
              return core::ok_status();
            }
            core::Error e = core::make_error(
                core::ErrorCode::usage,
                fmt::format("'{}' is not fixed, exponential or a coefficient of variation in "
                            "[0, {:g}]",
                            t, perf::max_length_cv));
            if (std::string hint = core::did_you_mean(t, {"fixed", "exponential"}); !hint.empty()) {
              e.hints.push_back(std::move(hint));
            }
            return e;
          },
          [](const R& r) -> std::optional<std::string> {
            if (!r.length_spread) return std::nullopt;
            return perf::to_string(*r.length_spread);
          }};
}

// The scheduler settings of a serving request (infer, compare, plan: members `step_tokens` and
// `max_batch`), per engine (per attention-DP rank); 0 = the stack's own.
inline constexpr int max_engine_setting = 10'000'000;
inline constexpr std::string_view step_tokens_help =
    "Tokens one engine step may hold, per engine (per attention-DP rank): TensorRT-LLM "
    "max_num_tokens, vLLM max_num_batched_tokens, SGLang chunked-prefill-size (default: the "
    "stack's)";
inline constexpr std::string_view max_batch_help =
    "Sequences one engine (one attention-DP rank) schedules at most: TensorRT-LLM "
    "max_batch_size, vLLM max_num_seqs (default: the stack's)";

template <class R>
Field<R> step_tokens() {
  return integer<R, 1, max_engine_setting, &R::step_tokens>("step-tokens", step_tokens_help);
}

template <class R>
Field<R> max_batch() {
  return integer<R, 1, max_engine_setting, &R::max_batch>("max-batch", max_batch_help);
}

// The seconds a search over systems may take (compare, plan: member `time_budget`; 0 = no
// limit). Over it the answer is an error (search/time_budget.hpp), not a partial ranking.
template <class R>
Field<R> search_time_budget() {
  return number<R, std::ratio<0>, std::mega, &R::time_budget>(
      "time-budget",
      "Give up, with an error, when the search takes longer than this many seconds (default: "
      "no limit)");
}

template <class R, auto... Ms>
Field<R> duration(std::string_view name, std::string_view help) {
  return parsed_number<R, &parse::seconds, &nonzero_seconds, Ms...>(name, help);
}

// A precision held as hw::Dtype (always given) or std::optional<hw::Dtype>.
template <class R, auto... Ms>
Field<R> precision(std::string_view name, std::string_view help) {
  return {name,
          help,
          FieldKind::value,
          false,
          [](R& r, std::string_view t) -> core::Status {
            auto v = parse::precision(t);
            if (!v) return v.error();
            member<Ms...>(r) = *v;
            return core::ok_status();
          },
          [](const R& r) -> std::optional<std::string> {
            const auto& v = member<Ms...>(r);
            if constexpr (std::is_same_v<std::remove_cvref_t<decltype(v)>, hw::Dtype>) {
              return std::string(hw::to_string(v));
            } else {
              if (!v) return std::nullopt;
              return std::string(hw::to_string(*v));
            }
          }};
}

// A flag; `Inverted` for "--no-x" flags stored as x = true by default.
template <class R, bool Inverted, auto... Ms>
Field<R> flag(std::string_view name, std::string_view help) {
  return {name,
          help,
          FieldKind::flag,
          false,
          [](R& r, std::string_view t) -> core::Status {
            auto v = parse::flag(t);
            if (!v) return v.error();
            member<Ms...>(r) = Inverted ? !*v : *v;
            return core::ok_status();
          },
          [](const R& r) {
            const bool on = member<Ms...>(r);
            return parse::flag_text(Inverted ? !on : on);
          }};
}

template <class R, auto... Ms>
Field<R> list(std::string_view name, std::string_view help) {
  return {name,
          help,
          FieldKind::list,
          false,
          [](R& r, std::string_view t) -> core::Status {
            auto items = parse::list(t);
            if (items.empty()) {
              return core::make_error(core::ErrorCode::usage,
                                      fmt::format("'{}' names nothing (give comma-separated ids, "
                                                  "or leave the option out for the default)",
                                                  t));
            }
            member<Ms...>(r) = std::move(items);
            return core::ok_status();
          },
          [](const R& r) -> std::optional<std::string> {
            const auto& v = member<Ms...>(r);
            if (v.empty()) return std::nullopt;
            return parse::join(v);
          }};
}

}  // namespace suanli::api::detail

namespace suanli::api::detail {

// A whole number held as std::optional<int>: not given = nullopt (0 is a value, e.g. ZeRO-0).
template <class R, long long Lo, long long Hi, auto... Ms>
Field<R> optional_integer(std::string_view name, std::string_view help) {
  return {name,
          help,
          FieldKind::value,
          false,
          [](R& r, std::string_view t) -> core::Status {
            auto v = parse::integer(t, Lo, Hi);
            if (!v) return v.error();
            member<Ms...>(r) = static_cast<int>(*v);
            return core::ok_status();
          },
          [](const R& r) -> std::optional<std::string> {
            const auto& v = member<Ms...>(r);
            if (!v) return std::nullopt;
            return std::to_string(*v);
          }};
}

}  // namespace suanli::api::detail

namespace suanli::api::detail {

template <class E>
using EnumParser = std::optional<E> (*)(std::string_view);
template <class E>
using EnumNamer = std::string_view (*)(E);
using NameList = std::string_view (*)();

// A closed set held as std::optional<E>: not given = nullopt. `Parse` reads a name (nullopt when
// unknown), `Name` writes one, `Accepted` lists the names ("a, b, c") for the refusal, which
// suggests the nearest.
template <class R, class E, EnumParser<E> Parse, EnumNamer<E> Name, NameList Accepted, auto... Ms>
Field<R> optional_enum(std::string_view name, std::string_view help) {
  return {name,
          help,
          FieldKind::value,
          false,
          [](R& r, std::string_view t) -> core::Status {
            if (auto v = Parse(t)) {
              member<Ms...>(r) = *v;
              return core::ok_status();
            }
            core::Error e = core::make_error(core::ErrorCode::usage,
                                             fmt::format("'{}' is not one of {}", t, Accepted()));
            std::vector<std::string> names;
            for (std::string_view rest = Accepted(); !rest.empty();) {
              const auto comma = rest.find(", ");
              names.emplace_back(rest.substr(0, comma));
              rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 2);
            }
            if (std::string hint = core::did_you_mean(t, names); !hint.empty()) {
              e.hints.push_back(std::move(hint));
            }
            return e;
          },
          [](const R& r) -> std::optional<std::string> {
            const auto& v = member<Ms...>(r);
            if (!v) return std::nullopt;
            return std::string(Name(*v));
          }};
}

}  // namespace suanli::api::detail
