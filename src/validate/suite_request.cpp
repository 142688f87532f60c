#include "suanli/validate/suite_request.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <array>

#include "suanli/api/field_parse.hpp"

namespace suanli::validate {
namespace {

using R = SuiteRequest;

const char* kind_text(KindFilter k) {
  switch (k) {
    case KindFilter::inference:
      return "inference";
    case KindFilter::training:
      return "training";
    case KindFilter::all:
      return "all";
  }
  return "inference";
}

const std::array suite_fields{
    api::Field<R>{"suite", "The suite as JSONL text (one measured result per line)",
                  api::FieldKind::positional, true,
                  [](R& r, std::string_view t) -> core::Status {
                    r.suite = std::string(t);
                    return core::ok_status();
                  },
                  [](const R& r) -> std::optional<std::string> {
                    if (r.suite.empty()) return std::nullopt;
                    return r.suite;
                  }},
    api::Field<R>{"kind", "Cases to predict: inference (default), training or all",
                  api::FieldKind::value, false,
                  [](R& r, std::string_view t) -> core::Status {
                    const auto k = parse_kind_filter(t);
                    if (!k) {
                      return core::make_error(
                          core::ErrorCode::usage,
                          fmt::format("'{}' is not one of inference, training, all", t));
                    }
                    r.kind = *k;
                    return core::ok_status();
                  },
                  [](const R& r) -> std::optional<std::string> {
                    if (r.kind == KindFilter::inference) return std::nullopt;
                    return std::string(kind_text(r.kind));
                  }},
    api::Field<R>{"max-cases", "Cases the suite may hold (default 100000)", api::FieldKind::value,
                  false,
                  [](R& r, std::string_view t) -> core::Status {
                    auto n = api::parse::integer(t, 1, 1'000'000'000);
                    if (!n) return n.error();
                    r.max_cases = *n;
                    return core::ok_status();
                  },
                  [](const R& r) { return api::parse::nonzero(r.max_cases); }},
};

// A suite that gave no error to summarise fails: none of its cases is of the kind asked, or
// none could be predicted (each skip reason, the first three of them named). A median of
// nothing is not 0 %.
core::Status check_some_predicted(const SuiteAnswer& a, KindFilter kind) {
  if (a.summary.n == 0) {
    const char* what = kind == KindFilter::training ? "training" : "inference";
    core::Error e = core::make_error(core::ErrorCode::infeasible,
                                     fmt::format("validate: the suite has no {} case", what));
    e.hints.emplace_back("--kind all predicts every case");
    return e;
  }
  if (a.summary.predicted > 0) return core::ok_status();
  std::vector<std::string> reasons;
  for (const CaseResult& r : a.results) {
    if (reasons.size() == 3) break;
    reasons.push_back(fmt::format("{}: {}", r.c->id, r.prediction.skip_reason));
  }
  const std::size_t more = a.results.size() - reasons.size();
  const std::string what = a.summary.n == 1 ? std::string("the suite's one case")
                                            : fmt::format("none of the {} cases", a.summary.n);
  return core::make_error(
      core::ErrorCode::infeasible,
      fmt::format("validate: {} could {}be predicted ({}{})", what, a.summary.n == 1 ? "not " : "",
                  fmt::join(reasons, "; "), more > 0 ? fmt::format("; and {} more", more) : ""));
}

}  // namespace

core::Result<SuiteAnswer> run_suite_request(const catalog::Catalog& cat,
                                            const SuiteRequest& request, int threads) {
  auto cases = parse_suite(request.suite, request.origin, request.max_cases);
  if (!cases) return cases.error();
  SuiteAnswer out;
  out.cases = std::move(cases).value();
  out.results = run_suite(out.cases, cat, cat.efficiency, request.kind, threads);
  out.summary = summarize(out.results);
  if (auto st = check_some_predicted(out, request.kind); !st) return st.error();
  return out;
}

}  // namespace suanli::validate

namespace suanli::api {
template <>
std::span<const Field<validate::SuiteRequest>> fields<validate::SuiteRequest>() {
  return validate::suite_fields;
}
}  // namespace suanli::api
