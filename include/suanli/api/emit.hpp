// `--emit STACK` of infer, compare and plan: the answer carries the launch config (launch/) of
// its configuration — infer's estimate, compare's best row (most output tokens/s per chip among
// the feasible, available rows), plan's top-ranked ok row. The emitted stack is also the serving
// stack the prediction assumes, unless --software names it already.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "suanli/api/fields.hpp"
#include "suanli/catalog/catalog.hpp"
#include "suanli/launch/launch.hpp"
#include "suanli/perf/infer/estimate.hpp"

namespace suanli::api {

struct CompareAnswer;
struct PlanRequest;
struct PlanAnswer;

// A launch config and the configuration it launches.
struct Emitted {
  std::string system;  // system id, or the chip id for bare chips
  int chips = 0;       // chips (ranks) of the launched deployment
  launch::LaunchConfig config;
};

// The `emit` option of a request type R with member `std::optional<launch::Stack> emit`.
core::Status parse_emit(std::optional<launch::Stack>& emit, std::string_view text);
std::optional<std::string> emit_text(const std::optional<launch::Stack>& emit);

template <class R>
Field<R> emit_field(std::string_view help) {
  return {"emit",
          help,
          FieldKind::value,
          false,
          [](R& r, std::string_view t) { return parse_emit(r.emit, t); },
          [](const R& r) { return emit_text(r.emit); }};
}

// The serving stack a request predicts with: `software` as given, else the emitted stack's, else
// "" (the vendor's default). A --software naming another stack than --emit is a usage error.
core::Result<std::string> software_with_emit(const std::string& software,
                                             const std::optional<launch::Stack>& emit);

// The launch config of a configuration; the weights are named by the model's Hugging Face repo
// (data/models/models.yaml).
core::Result<Emitted> emit_launch(const catalog::Catalog& cat, launch::Stack stack,
                                  const perf::InferenceRequest& request,
                                  const perf::InferenceEstimate& estimate);

// compare's and plan's launch config (see the header comment); nullopt when no row qualifies.
core::Result<std::optional<Emitted>> emit_compare(const catalog::Catalog& cat, launch::Stack stack,
                                                  const CompareAnswer& answer);
core::Result<std::optional<Emitted>> emit_plan(const catalog::Catalog& cat, launch::Stack stack,
                                               const PlanRequest& request,
                                               const PlanAnswer& answer);

}  // namespace suanli::api
