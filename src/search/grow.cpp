#include "suanli/search/grow.hpp"

#include <fmt/format.h>

namespace suanli::search {

Grown grow_and_search(perf::InferenceRequest r, const hw::System& system, const hw::Chip& chip,
                      int threads, bool disaggregation, int max_units) {
  Grown out;
  perf::InferenceSearchOptions opt;
  opt.threads = threads;
  for (int units = 1; units <= max_units; units *= 2) {
    auto cluster = perf::make_cluster(system, chip, units * system.chips);
    if (!cluster) break;
    r.cluster = *cluster;
    opt.try_disaggregation = disaggregation && r.cluster.n_chips >= 16;
    perf::InferenceEstimate found = perf::search_inference(r, opt).best;
    if (units == 1) {
      out.best = std::move(found);
      out.cluster = r.cluster;
      if (out.best.feasible) break;
      continue;
    }
    if (!found.feasible) continue;
    if (!out.best.feasible ||
        found.output_tokens_per_s_per_chip > out.best.output_tokens_per_s_per_chip) {
      found.notes.push_back(fmt::format("one {}-chip unit cannot serve the model; {} units used",
                                        system.chips, units));
      out.best = std::move(found);
      out.cluster = r.cluster;
      out.units = units;
    }
  }
  return out;
}

}  // namespace suanli::search
