#include "suanli/search/grow.hpp"

#include <fmt/format.h>

namespace suanli::search {
namespace {

// Weights above half of each chip's memory leave the KV cache less than the other half: the batch,
// and with it the throughput per chip, is then set by memory that a second unit would double
// (DeepSeek-R1 on 8 x 96 GB H20: 671 GB of weights on 768 GB; production decode runs on 16).
bool kv_starved(const perf::InferenceEstimate& e) {
  return e.memory.capacity > 0 && e.memory.weights > 0.5 * e.memory.capacity;
}

}  // namespace

Grown grow_and_search(perf::InferenceRequest r, const hw::System& system, const hw::Chip& chip,
                      int threads, bool disaggregation, int max_units) {
  Grown out;
  perf::InferenceSearchOptions opt;
  opt.threads = threads;
  bool starved = false;  // one unit serves, but its weights leave the KV cache little room
  for (int units = 1; units <= max_units; units *= 2) {
    auto cluster = perf::make_cluster(system, chip, units * system.chips);
    if (!cluster) break;
    r.cluster = *cluster;
    opt.try_disaggregation = disaggregation && r.cluster.n_chips >= 16;
    perf::InferenceEstimate found = perf::search_inference(r, opt).best;
    if (units == 1) {
      out.best = std::move(found);
      out.cluster = r.cluster;
      if (out.best.feasible) {
        starved = kv_starved(out.best);
        if (!starved) break;
      }
      continue;
    }
    if (found.feasible && (!out.best.feasible || found.output_tokens_per_s_per_chip >
                                                     out.best.output_tokens_per_s_per_chip)) {
      found.notes.push_back(
          starved ? fmt::format("the weights fill {:.0f}% of each chip of one {}-chip unit; {} "
                                "units leave the KV cache more room and serve more per chip",
                                100 * out.best.memory.weights / out.best.memory.capacity,
                                system.chips, units)
                  : fmt::format("one {}-chip unit cannot serve the model; {} units used",
                                system.chips, units));
      out.best = std::move(found);
      out.cluster = r.cluster;
      out.units = units;
    }
    if (starved) break;  // one unit serves: a second is the only growth worth trying
  }
  return out;
}

}  // namespace suanli::search
