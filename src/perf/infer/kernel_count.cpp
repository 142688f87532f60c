#include "suanli/perf/infer/kernel_count.hpp"

namespace suanli::perf {

double layer_kernels(const model::ModelArch& model, bool moe_layer) {
  double attention = 5;
  if (model.attention == model::AttentionKind::mla) attention = model.q_lora_rank > 0 ? 11 : 9;
  double mlp = 4;
  if (moe_layer) mlp = 8 + (model.n_shared_experts > 0 || model.d_ff_shared > 0 ? 3 : 0);
  return attention + mlp;
}

}  // namespace suanli::perf
