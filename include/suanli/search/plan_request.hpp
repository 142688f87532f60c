// What `suanli plan` is asked: a model and workload, a fleet-wide throughput target, the systems to
// consider, an optional destination and date (availability and levies), constraints (budget,
// power), the objective, and the cost assumptions. Parsers for the target and the objective.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "suanli/core/progress.hpp"
#include "suanli/core/result.hpp"
#include "suanli/cost/assumptions.hpp"
#include "suanli/cost/price_book.hpp"
#include "suanli/hw/chip.hpp"
#include "suanli/hw/system.hpp"
#include "suanli/model/model_arch.hpp"
#include "suanli/perf/common/measured_efficiency.hpp"
#include "suanli/perf/infer/config.hpp"
#include "suanli/policy/date.hpp"
#include "suanli/policy/deliveries.hpp"
#include "suanli/policy/obtainability.hpp"
#include "suanli/policy/rule_set.hpp"
#include "suanli/search/switching.hpp"

namespace suanli::search {

enum class Objective { cost, latency, energy, chips };  // $/M tokens, TPOT, J/token, chip count
std::string_view to_string(Objective o);
std::optional<Objective> parse_objective(std::string_view text);

// A throughput target as typed: "1M-tok/s", "250k tok/s", "5000tok/s". Other time bases
// ("tok/min", "tok/h") are errors that say so. Result in tokens per second.
core::Result<double> parse_target(std::string_view text);

inline constexpr double max_target_tps = 1e10;  // tokens/s; beyond any fleet on Earth

struct SystemChoice {
  const hw::System* system = nullptr;  // never null
  const hw::Chip* chip = nullptr;      // the system's chip, never null
  std::string software;                // serving/training stack; "" = the request's
};

// Where and when the hardware would be bought; empty destination = no policy question.
struct Destination {
  std::string country;                         // ISO 3166-1 alpha-2, upper case; "" = none
  policy::Date date;                           // date of the question (meaningful with a country)
  const policy::RuleSet* rules = nullptr;      // non-null when country is set
  std::vector<policy::Obtainability> include;  // statuses ranked besides available and licensed
  std::string buyer;                           // buyer profile (policy/buyer.hpp); "" = not given
  const std::vector<policy::DeliveryFact>* deliveries = nullptr;  // data/deliveries; null = none
};

// True when a chip of status `o` is ranked for `dest`: obtainable, or one of dest.include.
bool accepted(const Destination& dest, policy::Obtainability o);

// A destination's country is one the rules know and its date within their range; ok without a
// country.
core::Status check_destination(const Destination& dest);

struct Constraints {
  std::optional<double> budget_usd;  // USD: fleet capex (own) or rent over the amortization period
  std::optional<double> power_w;     // W: provisioned facility power of the fleet
};

struct PlanRequest {
  const model::ModelArch* model = nullptr;  // never null
  perf::InferenceWorkload workload;         // scenario lengths and latency limits
  perf::InferencePrecision precision;       // weights / compute / KV formats
  std::string software = "other";           // serving stack for the efficiency lookup
  double target_tps = 0;                    // output tokens/s across the fleet
  std::vector<SystemChoice> systems;        // candidates, in catalog order
  const std::vector<perf::EfficiencyEntry>* efficiency = nullptr;  // may be null: defaults
  const std::vector<hw::ChipProfile>* profiles = nullptr;  // measured chip profiles; may be null
  Destination destination;
  Constraints constraints;
  Objective objective = Objective::cost;
  cost::Assumptions assumptions;                // resolved (see cost/assumptions.hpp)
  const cost::PriceBook* prices = nullptr;      // never null
  SwitchingRequest switching;                   // --from: switching cost per row (book null = no)
  const cost::SwitchingBook* stacks = nullptr;  // data/switching, for the port onto a replacement
                                                // system (horizon cost); null = port unknown
  int threads = 2;                              // worker threads of the inference search
  int max_sizes = 4;                            // deployment sizes tried per system
  int max_pipeline = 2;                         // largest pipeline degree searched
  bool disaggregation = true;  // also search prefill/decode pools on deployments of 16+ chips
  core::Progress progress;     // optional: systems evaluated of the total
  double time_budget_s = 0;    // --time-budget; 0 = none (search/time_budget.hpp)
};

// Checks the request's own values (target range, budget and power positive and plausible,
// systems present). Errors are invalid_input with the flag named.
core::Status check_request(const PlanRequest& request);

}  // namespace suanli::search
