#include "suanli/api/emit.hpp"

#include <fmt/format.h>

#include "suanli/api/compare.hpp"
#include "suanli/api/infer.hpp"
#include "suanli/api/plan.hpp"
#include "suanli/api/plan_row.hpp"
#include "suanli/core/did_you_mean.hpp"

namespace suanli::api {

core::Status parse_emit(std::optional<launch::Stack>& emit, std::string_view text) {
  if (auto s = launch::parse_stack(text)) {
    emit = *s;
    return core::ok_status();
  }
  std::vector<std::string> names;
  for (launch::Stack s : launch::all_stacks()) names.emplace_back(launch::to_string(s));
  core::Error e = core::make_error(
      core::ErrorCode::usage,
      fmt::format("'{}' is not one of vllm, sglang, trtllm, mindie, vllm-ascend", text));
  if (std::string hint = core::did_you_mean(text, names); !hint.empty()) {
    e.hints.push_back(std::move(hint));
  }
  return e;
}

std::optional<std::string> emit_text(const std::optional<launch::Stack>& emit) {
  if (!emit) return std::nullopt;
  return std::string(launch::to_string(*emit));
}

core::Result<std::string> software_with_emit(const std::string& software,
                                             const std::optional<launch::Stack>& emit) {
  if (!emit) return software;
  const std::string implied(launch::software_id(*emit));
  if (software.empty()) return implied;
  if (launch::parse_stack(software) == emit) return software;
  core::Error e = core::make_error(
      core::ErrorCode::usage,
      fmt::format("--emit {} with --software {}: the launch config must be for the stack the "
                  "prediction assumes",
                  launch::to_string(*emit), software));
  e.hints.push_back(fmt::format("drop --software (--emit {} predicts for {})",
                                launch::to_string(*emit), implied));
  return e;
}

core::Result<Emitted> emit_launch(const catalog::Catalog& cat, launch::Stack stack,
                                  const perf::InferenceRequest& request,
                                  const perf::InferenceEstimate& estimate) {
  launch::Target target;
  target.stack = stack;
  if (const catalog::ModelSource* src = cat.model_source(request.model->id)) {
    target.model_repo = src->repo;
  }
  auto config = launch::launch_config(request, estimate, target);
  if (!config) return config.error();
  Emitted out;
  out.system =
      request.cluster.system_id.empty() ? request.cluster.chip->id : request.cluster.system_id;
  out.chips = estimate.chips;
  out.config = std::move(*config);
  return out;
}

core::Result<std::optional<Emitted>> emit_compare(const catalog::Catalog& cat, launch::Stack stack,
                                                  const CompareAnswer& answer) {
  const CompareRow* best = nullptr;
  for (const CompareRow& row : answer.rows) {
    if (!row.estimate.feasible || (row.access && !row.access->available)) continue;
    if (best == nullptr ||
        row.estimate.output_tokens_per_s_per_chip > best->estimate.output_tokens_per_s_per_chip) {
      best = &row;
    }
  }
  if (best == nullptr) return std::optional<Emitted>{};
  auto e = emit_launch(cat, stack, best->request, best->estimate);
  if (!e) return e.error();
  return std::optional<Emitted>{std::move(*e)};
}

core::Result<std::optional<Emitted>> emit_plan(const catalog::Catalog& cat, launch::Stack stack,
                                               const PlanRequest& request,
                                               const PlanAnswer& answer) {
  if (!answer.serving || !answer.serving_result) return std::optional<Emitted>{};
  for (const search::PlanRow& row : answer.serving_result->rows) {
    if (row.status != search::RowStatus::ok) continue;
    InferRequest r = plan_row_request(request, *answer.serving, row);
    r.emit = stack;
    auto a = predict_inference(cat, r);
    if (!a) return a.error();
    if (!a->launch) {
      return core::make_error(
          core::ErrorCode::internal,
          fmt::format("plan row {} does not predict as infer: {}", row.system, a->estimate.reason));
    }
    return std::optional<Emitted>{std::move(*a->launch)};
  }
  return std::optional<Emitted>{};
}

}  // namespace suanli::api
