#include "suanli/perf/infer/speculative.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <utility>

#include "detail/speculative.hpp"
#include "suanli/model/model_stats.hpp"

namespace suanli::perf {
namespace {

constexpr std::array<std::pair<SpecMethod, std::string_view>, 3> method_names{{
    {SpecMethod::mtp, "mtp"},
    {SpecMethod::eagle, "eagle"},
    {SpecMethod::eagle3, "eagle3"},
}};

// EAGLE-3 heads predict over a reduced draft vocabulary mapped onto the target's: 32K entries
// for the 128K Llama-3 vocabulary (vllm-project/speculators, Eagle3SpeculatorConfig).
constexpr double eagle3_draft_vocab = 32000;

}  // namespace

std::string_view to_string(SpecMethod m) {
  for (const auto& [method, name] : method_names) {
    if (method == m) return name;
  }
  return "mtp";
}

std::optional<SpecMethod> parse_spec_method(std::string_view text) {
  for (const auto& [method, name] : method_names) {
    if (name == text) return method;
  }
  return std::nullopt;
}

core::Status check_draft_head(const model::ModelArch& m, const SpecDecode& spec) {
  if (spec.draft_tokens <= 0 || spec.method != SpecMethod::mtp || m.n_mtp_layers > 0) {
    return core::ok_status();
  }
  core::Error e = core::make_error(
      core::ErrorCode::usage,
      fmt::format("--mtp {}: {} has no multi-token-prediction modules (num_nextn_predict_layers)",
                  spec.draft_tokens, m.id));
  e.hints.emplace_back("draft with an EAGLE head instead: --speculative eagle3 (or eagle)");
  return e;
}

namespace detail {

double tokens_per_step(const SpecDecode& spec) {
  if (spec.draft_tokens <= 0) return 1.0;
  if (spec.accept_length > 0) return spec.accept_length;
  const double a = std::clamp(spec.acceptance, 0.0, 1.0);
  double sum = 1, term = 1;
  for (int i = 0; i < spec.draft_tokens; ++i) {
    term *= a;
    sum += term;
  }
  return sum;
}

double verified_tokens(const SpecDecode& spec) {
  if (spec.draft_tokens <= 0) return 1.0;
  return spec.verify_tokens > 0 ? spec.verify_tokens : spec.draft_tokens + 1.0;
}

DraftHead draft_head(const model::ModelArch& m, SpecMethod method) {
  const double d = m.d_model;
  const double vocab = static_cast<double>(m.vocab) * d;
  // EAGLE heads are one dense decoder layer of the target's width (a MoE model without dense
  // layers: its MoE layer).
  const double dense_layer = model::layer_matmul_params(m, m.d_ff <= 0);
  DraftHead h;
  switch (method) {
    case SpecMethod::mtp:
      // eh_proj (2d -> d) + one block like the model's layers; embedding and LM head shared.
      h.step_params = 2 * d * d + model::layer_matmul_params(m, m.is_moe()) + vocab;
      h.stored_params = model::count_params(m).mtp;
      break;
    case SpecMethod::eagle:
      // fc (2d -> d) over [embedding, feature] + one layer; the target's LM head.
      h.step_params = 2 * d * d + dense_layer + vocab;
      h.stored_params = 2 * d * d + dense_layer;
      break;
    case SpecMethod::eagle3: {
      // fc (3d -> d) fusing low, middle and high target features + one layer + draft LM head.
      const double head = d * std::min(static_cast<double>(m.vocab), eagle3_draft_vocab);
      h.step_params = 3 * d * d + dense_layer + head;
      h.stored_params = h.step_params;
      break;
    }
  }
  return h;
}

double draft_factor(const model::ModelArch& m, const SpecDecode& spec) {
  if (spec.draft_tokens <= 0) return 1.0;
  const double target = model::active_matmul_params(m);
  const double per_step = spec.draft_cost > 0 ? spec.draft_cost
                          : target > 0        ? draft_head(m, spec.method).step_params / target
                                              : 0.0;
  return 1.0 + spec.draft_tokens * per_step;
}

}  // namespace detail
}  // namespace suanli::perf
