#include "suanli/perf/infer/memory.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "suanli/model/model_stats.hpp"
#include "suanli/perf/infer/ops.hpp"

namespace suanli::perf {
namespace {

constexpr double head_bytes = 2.0;       // embeddings and LM head stay 16-bit
constexpr double runtime_fixed = 1.5e9;  // CUDA/CANN context, graphs, communicator buffers

// Bytes with an SI prefix and three significant digits, e.g. "1.34 TB", "96 GB".
std::string fmt_bytes(double b) {
  const char* prefixes[] = {"", "k", "M", "G", "T", "P"};
  int i = 0;
  while (std::fabs(b) >= 1000 && i < 5) {
    b /= 1000;
    ++i;
  }
  return fmt::format("{:.3g} {}B", b, prefixes[i]);
}

}  // namespace

double kv_bytes_per_sequence(const InferencePlan& plan, double context) {
  const model::ModelArch& m = *plan.model;
  const double per_layer =
      kv_elements_per_token_layer(plan) * hw::bytes_per_element(plan.precision.kv_cache);
  const int sliding = m.sliding_window > 0 ? std::clamp(m.n_sliding_layers, 0, m.n_layers) : 0;
  const double capped = std::min(context, static_cast<double>(m.sliding_window));
  const double tokens = (m.n_layers - sliding) * context + sliding * capped;
  return per_layer * tokens / plan.layout.pp;
}

double stored_weight_bytes(const model::ModelArch& m, const ResolvedPrecision& p) {
  const model::ParamCounts pc = model::count_params(m);
  return (pc.total - pc.embedding - pc.attention) * p.weight_bytes +
         pc.attention * p.projection_bytes() + pc.embedding * head_bytes;
}

MemoryPlan memory_plan(const InferencePlan& plan, double max_context) {
  const model::ModelArch& m = *plan.model;
  const Layout& l = plan.layout;
  const hw::Chip& chip = *plan.cluster.chip;
  const LayerWeights w = layer_weights(plan);
  const double wb = plan.precision.weight_bytes;
  MemoryPlan mp;
  mp.capacity = chip.device_memory_bytes();
  mp.usable = mp.capacity * plan.software.memory_fraction;

  const double n_moe = m.n_moe_layers();
  const double n_dense = m.n_layers - n_moe;
  const double body = w.attn * m.n_layers * plan.precision.projection_bytes() +
                      (w.mlp * n_dense + (w.shared + w.experts_local * w.expert) * n_moe) * wb +
                      w.router * n_moe * head_bytes;
  const double vocab = w.vocab * head_bytes;
  // pp = 1: embedding and LM head on every chip (once when tied); pp > 1: one per end stage.
  const double ends = l.pp == 1 ? vocab * (m.tied_embeddings ? 1.0 : 2.0) : vocab;
  // The draft head (speculative decoding) sits with the last stage; MTP modules spread their
  // experts like a MoE layer.
  mp.weights = body / l.pp + ends + plan.draft_params_per_chip * wb;
  mp.weights_total = stored_weight_bytes(m, plan.precision);

  const double ff = std::max({static_cast<double>(m.d_ff) / l.tp,
                              static_cast<double>(m.d_ff_expert) * m.n_active_experts / l.etp,
                              static_cast<double>(m.d_ff_shared) / l.tp});
  mp.workspace = runtime_fixed + plan.step_tokens * (4.0 * m.d_model + 2.0 * ff) * 2.0 +
                 std::min<double>(plan.step_tokens, plan.software.max_batch) * w.vocab / m.d_model *
                     4.0;  // fp32 logits of the sampled rows
  mp.kv_available = mp.usable - mp.weights - mp.workspace;

  const double one_seq = kv_bytes_per_sequence(plan, max_context);
  const int n = plan.cluster.n_chips;
  if (mp.capacity <= 0) {
    mp.reason = fmt::format("the memory capacity of {} is not known", chip.id);
  } else if (mp.weights_total > n * mp.capacity) {
    mp.reason = fmt::format("weights {} exceed {} x {}", fmt_bytes(mp.weights_total), n,
                            fmt_bytes(mp.capacity));
  } else if (mp.weights_total > n * mp.usable) {
    mp.reason = fmt::format("weights {} exceed the {} usable of {} x {} ({:.0f}% for the engine)",
                            fmt_bytes(mp.weights_total), fmt_bytes(n * mp.usable), n,
                            fmt_bytes(mp.capacity), plan.software.memory_fraction * 100);
  } else if (mp.weights + mp.workspace > mp.usable) {
    mp.reason = fmt::format(
        "weights {} per chip (tp {}, pp {}, ep {}) plus {} of runtime buffers exceed the {} "
        "usable of {} {}",
        fmt_bytes(mp.weights), l.tp, l.pp, l.ep * l.etp, fmt_bytes(mp.workspace),
        fmt_bytes(mp.usable), fmt_bytes(mp.capacity), chip.id);
  } else if (mp.kv_available < one_seq) {
    mp.reason = fmt::format(
        "after weights {} and buffers {} per chip, {} is left: less than the KV cache of one "
        "{:.0f}-token sequence ({})",
        fmt_bytes(mp.weights), fmt_bytes(mp.workspace), fmt_bytes(std::max(0.0, mp.kv_available)),
        max_context, fmt_bytes(one_seq));
  } else {
    mp.fits = true;
  }
  return mp;
}

double max_sequences_per_rank(const InferencePlan& plan, const MemoryPlan& mem, double context) {
  if (mem.kv_available <= 0) return 0;
  const double per_seq = kv_bytes_per_sequence(plan, std::max(context, 1.0));
  return per_seq > 0 ? std::floor(mem.kv_available / per_seq) : 1e9;
}

}  // namespace suanli::perf
