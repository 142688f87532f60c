#include "suanli/api/compare.hpp"

#include <array>

#include "detail/field_makers.hpp"
#include "suanli/api/defaults.hpp"
#include "suanli/api/request_checks.hpp"
#include "suanli/catalog/infer_data.hpp"
#include "suanli/core/stopwatch.hpp"
#include "suanli/cost/capex.hpp"
#include "suanli/perf/common/measured_efficiency.hpp"
#include "suanli/perf/infer/search.hpp"
#include "suanli/search/fleet.hpp"
#include "suanli/search/grow.hpp"
#include "suanli/search/system_inputs.hpp"
#include "suanli/search/time_budget.hpp"

namespace suanli::api {
namespace {

using R = CompareRequest;
namespace d = detail;

constexpr double reference_target_tps = 1e6;  // chips_for_1m: 1M output tokens/s

const std::array compare_fields{
    d::text<R, &R::model>("model", "Model id or path to a config.json", true),
    d::text<R, &R::scenario>("scenario", "Scenario preset (data/scenarios), default chat"),
    d::cache_hit<R>(),
    d::list<R, &R::systems>("systems",
                            "Comma-separated system ids (default: data/defaults.yaml "
                            "compare_systems)"),
    d::precision<R, &R::precision>("precision",
                                   "Weight and compute format; chips without it fall back"),
    d::text<R, &R::software>("software", "Serving stack for every system (default by vendor)"),
    d::text<R, &R::dest>("dest",
                         "Destination (ISO code): mark unavailable systems, add the levy to the "
                         "price"),
    d::text<R, &R::date>("date", "Date of the question, YYYY-MM-DD (with --dest)"),
    d::text<R, &R::buyer>("buyer",
                          "Buyer profile: state, soe, operator, internet, private or foreign"),
    d::flag<R, true, &R::disaggregation>(
        "no-disaggregation",
        "Do not consider prefill/decode disaggregation on systems of 16+ chips"),
    d::step_tokens<R>(),
    d::max_batch<R>(),
    d::length_spread<R>(),
    d::integer<R, 1, 64, &R::threads>("threads", "Search threads (default 2)"),
    d::search_time_budget<R>(),
    emit_field<R>("Print the launch commands and config files of the best row (most output "
                  "tokens/s per chip among feasible, available rows) for vllm, sglang, trtllm, "
                  "mindie or vllm-ascend (also the --software predicted)"),
};

// Chips of one deployment of the best configuration (an instance, or both pools).
int replica_chips(const perf::InferenceEstimate& e) {
  if (e.disaggregation.enabled()) return e.chips;
  return std::max(1, e.layout.chips_per_instance());
}

CompareAccess access_of(const catalog::Catalog& cat, const Destination& dest,
                        const cost::Assumptions* assumptions, const hw::System& system,
                        const hw::Chip& chip) {
  CompareAccess out;
  cost::Assumptions a = assumptions ? *assumptions : cost::Assumptions{};
  const search::SystemInputs in = search::system_inputs(dest, a, cat.prices, {&system, &chip, ""});
  out.available = in.available;
  out.obtainability = in.obtainability;
  out.reason = in.reason;
  out.risks = in.risks;
  out.levy_percent = in.levy_percent;
  if (assumptions != nullptr) {
    if (auto hw_capex = cost::hardware_capex(chip, &system, cat.prices, *assumptions)) {
      // The effective price carries the levy but not the network share (per chip, as sold).
      const cost::Capex c = cost::with_network_and_levy(*hw_capex, in.levy_percent, *assumptions);
      out.effective_price = c.hardware_usd + c.levy_usd;
    }
  }
  return out;
}

// The best configuration of `row`'s system, grown by whole units, and its fleet for the
// reference rate.
void estimate_row(CompareRow& row, const HardwareChoice& hw, const CompareAnswer& a,
                  const CompareRequest& req, const std::string& software,
                  const catalog::Catalog& cat) {
  perf::InferenceRequest& r = row.request;
  r.model = a.model;
  r.software = software.empty() ? serving_stack(cat, *hw.chip) : software;
  r.efficiency =
      perf::chip_efficiency(cat.efficiency, cat.profiles, *hw.chip, r.software, "inference").values;
  r.precision.weights = req.precision;
  r.workload = perf::workload_of(*a.scenario);
  r.workload.cached_share = req.cache_hit;
  r.workload.prefill_chunk = req.step_tokens;
  r.workload.max_batch = req.max_batch;
  r.workload.spread = a.spread;
  search::Grown grown =
      search::grow_and_search(r, *hw.system, *hw.chip, req.threads, req.disaggregation);
  r.cluster = grown.cluster;
  row.units = grown.units;
  row.estimate = std::move(grown.best);
  const perf::InferenceEstimate& e = row.estimate;
  perf::adopt_search_result(r, e);
  if (e.feasible) {
    const int replica = replica_chips(e);
    const double replica_tps = e.output_tokens_per_s_per_chip * replica;
    if (auto fleet = search::size_fleet(reference_target_tps, replica_tps, replica,
                                        std::max(1, hw.system->chips))) {
      row.chips_for_1m = fleet->chips;
    }
  } else {
    row.infeasible = Infeasible{e.reason, limit_of_reason(e.reason)};
  }
}

}  // namespace

template <>
std::span<const Field<CompareRequest>> fields<CompareRequest>() {
  return compare_fields;
}

core::Result<CompareAnswer> compare(const catalog::Catalog& cat, const CompareRequest& req,
                                    const core::Progress& progress) {
  if (req.model.empty()) {
    return core::make_error(core::ErrorCode::usage, "--model: a model is required");
  }
  auto software = software_with_emit(req.software, req.emit);
  if (!software) return software.error();
  if (!req.software.empty()) {
    if (auto st = check_known_stack(req.software); !st) return st.error();
  }
  CompareAnswer a;
  auto model = resolve_model(cat, req.model);
  if (!model) return model.error();
  a.model = model->arch;
  a.owned_model = model->owned;
  if (!model->note.empty()) a.notes.push_back(model->note);
  auto preset = catalog::find_scenario(cat, req.scenario);
  if (!preset) return preset.error();
  a.scenario = *preset;
  if (auto st = check_cache_hit(req.cache_hit, a.scenario->mode, a.scenario->input_tokens, a.notes);
      !st) {
    return st.error();
  }
  if (auto st =
          check_length_spread(req.length_spread, a.scenario->mode, 0, a.scenario->output_tokens);
      !st) {
    return st.error();
  }
  a.spread = req.length_spread.value_or(a.scenario->spread);
  a.precision = req.precision;
  auto dest = resolve_destination(cat, req.dest, req.date, a.notes, req.buyer);
  if (!dest) return dest.error();
  a.destination = *dest;
  std::optional<cost::Assumptions> assumptions;
  if (!a.destination.country.empty()) {
    if (auto r = cost::resolve_assumptions(cat.prices, {}, cost::Usage::inference,
                                           a.destination.country)) {
      assumptions = std::move(*r);
    }
  }
  const std::vector<std::string> ids =
      req.systems.empty() ? compare_systems(cat) : unique_ids(req.systems, "--systems", a.notes);
  std::vector<HardwareChoice> hardware;
  for (const std::string& id : ids) {
    HardwareRequest system_request;
    system_request.system = id;
    auto hw = resolve_hardware(cat, system_request);
    if (!hw) return hw.error();
    hardware.push_back(std::move(*hw));
  }
  // Systems are searched side by side, largest first, one search thread each; a lone system's
  // search gets them all.
  CompareRequest per_system = req;
  if (hardware.size() > 1) per_system.threads = 1;
  a.rows.resize(hardware.size());
  const auto evaluate = [&](std::size_t i) {
    const HardwareChoice& hw = hardware[i];
    CompareRow& row = a.rows[i];
    row.system = hw.system->id;
    row.chip = hw.chip->id;
    // A stack that cannot run on this row's chip: the row stays, with the reason.
    const core::Status runs =
        req.software.empty() ? core::ok_status() : check_serving_stack(req.software, *hw.chip);
    if (!runs) {
      row.estimate.reason = runs.error().message;
      row.infeasible = Infeasible{row.estimate.reason, Limit::software};
    } else {
      estimate_row(row, hw, a, per_system, *software, cat);
    }
    if (!a.destination.country.empty()) {
      row.access = access_of(cat, a.destination, assumptions ? &*assumptions : nullptr, *hw.system,
                             *hw.chip);
    }
  };
  const std::vector<std::size_t> order = search::largest_first(hardware.size(), [&](std::size_t i) {
    return static_cast<double>(hardware[i].system->chips);
  });
  if (auto done = search::evaluate_systems(order, req.threads, req.time_budget, progress, evaluate,
                                           {"compare", "--systems"});
      !done) {
    return done.error();
  }
  if (req.emit) {
    auto emitted = emit_compare(cat, *req.emit, a);
    if (!emitted) return emitted.error();
    a.launch = std::move(*emitted);
  }
  return a;
}

}  // namespace suanli::api
