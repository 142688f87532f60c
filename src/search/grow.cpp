#include "suanli/search/grow.hpp"

#include <fmt/format.h>

namespace suanli::search {

Grown grow_and_search(perf::InferenceRequest r, const hw::System& system, const hw::Chip& chip,
                      int threads, bool disaggregation, int max_units) {
  Grown out;
  perf::InferenceSearchOptions opt;
  opt.threads = threads;
  for (int units = 1;
       units <= max_units && (units == 1 || units * system.chips <= max_growth_chips); units *= 2) {
    auto cluster = perf::make_cluster(system, chip, units * system.chips);
    if (!cluster) break;
    r.cluster = *cluster;
    opt.try_disaggregation = disaggregation && r.cluster.n_chips >= 16;
    perf::InferenceEstimate found = perf::search_inference(r, opt).best;
    if (units == 1) {
      out.best = std::move(found);
      out.cluster = r.cluster;
      continue;
    }
    if (!found.feasible) continue;
    if (!out.best.feasible) {
      found.notes.push_back(fmt::format("one {}-chip unit cannot serve the model; {} units used",
                                        system.chips, units));
      out.best = std::move(found);
      out.cluster = r.cluster;
      out.units = units;
      continue;
    }
    const double before = out.best.output_tokens_per_s_per_chip;
    const double after = found.output_tokens_per_s_per_chip;
    if (after <= before * (1 + min_growth_gain)) continue;  // not worth the larger deployment
    found.notes.push_back(fmt::format(
        "{} units ({} chips) serve {:.0f}% more tokens/s per chip than {} ({} chips): {:.4g} "
        "against {:.4g} (a larger deployment has more room for the KV cache, wider expert "
        "parallelism and separate prefill and decode pools to choose from)",
        units, r.cluster.n_chips, 100 * (after / before - 1), out.units, out.cluster.n_chips, after,
        before));
    out.best = std::move(found);
    out.cluster = r.cluster;
    out.units = units;
  }
  return out;
}

}  // namespace suanli::search
