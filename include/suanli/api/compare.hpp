// `compare`: the best configuration of each system for a scenario preset, one row per system.
// A system that cannot hold the model in one unit is grown by whole units (search/grow.hpp);
// chips for 1M tokens/s are sized as `plan` sizes fleets (search::size_fleet); with a
// destination, each row carries availability, levy and the effective price per chip.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "suanli/api/emit.hpp"
#include "suanli/api/fields.hpp"
#include "suanli/api/infeasible.hpp"
#include "suanli/api/policy.hpp"
#include "suanli/api/resolve.hpp"
#include "suanli/core/progress.hpp"
#include "suanli/perf/infer/estimate.hpp"
#include "suanli/perf/infer/scenario.hpp"
#include "suanli/policy/access.hpp"
#include "suanli/policy/obtainability.hpp"

namespace suanli::api {

struct CompareRequest {
  std::string model;                     // id, alias or config.json path
  std::string scenario = "chat";         // preset id (data/scenarios)
  double cache_hit = 0;                  // share of each prompt in the prefix cache, [0, 1)
  std::vector<std::string> systems;      // system ids; empty = data/defaults.yaml
  hw::Dtype precision = hw::Dtype::fp8;  // weight format; chips without it fall back
  std::string software;                  // serving stack for every system; "" = by vendor
  std::string dest;                      // destination ISO code; "" = no policy question
  std::string date;                      // YYYY-MM-DD (with dest); "" = newest policy date
  std::string buyer;                     // buyer profile (with dest); "" = not given
  bool disaggregation = true;            // consider prefill/decode pools on 16+ chips
  int step_tokens = 0;                   // tokens per engine step; 0 = the stack's
  int max_batch = 0;                     // sequences per engine; 0 = the stack's
  std::optional<perf::LengthSpread> length_spread;  // answer lengths; nullopt = the preset's
  int threads = 2;                                  // search threads
  double time_budget = 0;                           // s the search may take; 0 = no limit
  std::optional<launch::Stack> emit;                // launch config of the best row for this stack
};

template <>
std::span<const Field<CompareRequest>> fields<CompareRequest>();

struct CompareAccess {
  bool available = true;                               // the chip can be had for the destination
  std::optional<policy::Obtainability> obtainability;  // its status there
  std::string reason;                                  // policy reason
  std::vector<policy::Risk> risks;                     // market-access risks for the buyer
  double levy_percent = 0;                             // percent of the hardware price
  std::optional<double> effective_price;  // USD per chip incl. levy; nullopt = no price
};

struct CompareRow {
  std::string system;              // system id
  std::string chip;                // chip id
  perf::InferenceRequest request;  // as evaluated (cluster grown, layout of the best)
  perf::InferenceEstimate estimate;
  int units = 1;                  // system units the deployment spans
  std::int64_t chips_for_1m = 0;  // chips for 1M output tokens/s in whole units (0: infeasible)
  std::optional<Infeasible> infeasible;  // set when !estimate.feasible
  std::optional<CompareAccess> access;   // with a destination
};

struct CompareAnswer {
  const model::ModelArch* model = nullptr;
  std::shared_ptr<const model::ModelArch> owned_model;  // a config.json model
  const perf::ScenarioPreset* scenario = nullptr;
  hw::Dtype precision = hw::Dtype::fp8;
  perf::LengthSpread spread;  // answer lengths every row runs with: the preset's or --length-spread
  Destination destination;    // empty country without --dest
  std::vector<CompareRow> rows;
  std::vector<std::string> notes;  // aliases followed, dates assumed
  std::optional<Emitted> launch;   // with --emit: the best feasible, available row's
};

// `progress` (optional) hears of every system compared.
core::Result<CompareAnswer> compare(const catalog::Catalog& cat, const CompareRequest& request,
                                    const core::Progress& progress = {});

}  // namespace suanli::api
