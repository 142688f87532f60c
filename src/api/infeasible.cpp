#include "suanli/api/infeasible.hpp"

#include <array>
#include <utility>

namespace suanli::api {

std::string_view to_string(Limit limit) {
  switch (limit) {
    case Limit::memory:
      return "memory";
    case Limit::kv_cache:
      return "kv-cache";
    case Limit::ttft_slo:
      return "ttft-slo";
    case Limit::tpot_slo:
      return "tpot-slo";
    case Limit::layout:
      return "layout";
    case Limit::spec:
      return "spec";
    case Limit::budget:
      return "budget";
    case Limit::power:
      return "power";
    case Limit::access:
      return "access";
    case Limit::price:
      return "price";
    case Limit::software:
      return "software";
    case Limit::other:
      return "other";
  }
  return "other";
}

Limit limit_of_reason(std::string_view reason) {
  // Most specific first: the engines' wording of each limit (src/perf/infer, src/perf/train).
  static constexpr std::array<std::pair<std::string_view, Limit>, 13> words{{
      {"KV cache", Limit::kv_cache},
      {"TTFT", Limit::ttft_slo},
      {"TPOT", Limit::tpot_slo},
      {"is not known", Limit::spec},
      {"unknown", Limit::spec},
      {"does not fit", Limit::memory},
      {"exceed", Limit::memory},
      {"memory", Limit::memory},
      {"divide", Limit::layout},
      {"does not equal", Limit::layout},
      {"layout", Limit::layout},
      {"budget", Limit::budget},
      {"MW", Limit::power},
  }};
  for (const auto& [word, limit] : words) {
    if (reason.find(word) != std::string_view::npos) return limit;
  }
  return Limit::other;
}

}  // namespace suanli::api
