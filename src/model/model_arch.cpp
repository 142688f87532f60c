#include "suanli/model/model_arch.hpp"

#include <algorithm>
#include <vector>

namespace suanli::model {

bool ModelArch::is_moe_layer(int layer) const {
  if (!is_moe() || layer < 0 || layer >= n_layers) {
    return false;
  }
  if (layer < n_dense_layers) {
    return false;
  }
  if (std::find(mlp_only_layers.begin(), mlp_only_layers.end(), layer) != mlp_only_layers.end()) {
    return false;
  }
  const int freq = moe_layer_freq > 0 ? moe_layer_freq : 1;
  return (layer + moe_layer_offset) % freq == 0;
}

int ModelArch::n_moe_layers() const {
  // Closed form (no loop over layers): multiples of moe_layer_freq among layer + offset for
  // layer in [n_dense_layers, n_layers), minus the distinct mlp_only_layers that would be MoE.
  if (!is_moe() || n_layers <= 0) {
    return 0;
  }
  const long long freq = moe_layer_freq > 0 ? moe_layer_freq : 1;
  const long long lo = std::max(0, n_dense_layers) + static_cast<long long>(moe_layer_offset);
  const long long hi = static_cast<long long>(n_layers) + moe_layer_offset;  // exclusive
  if (hi <= lo) {
    return 0;
  }
  auto floor_div = [](long long a, long long b) { return a >= 0 ? a / b : -((-a + b - 1) / b); };
  long long n = floor_div(hi - 1, freq) - floor_div(lo - 1, freq);
  std::vector<int> forced = mlp_only_layers;
  std::sort(forced.begin(), forced.end());
  forced.erase(std::unique(forced.begin(), forced.end()), forced.end());
  for (int layer : forced) {
    if (layer >= n_dense_layers && layer < n_layers && (layer + moe_layer_offset) % freq == 0) {
      --n;
    }
  }
  return static_cast<int>(n);
}

int ModelArch::q_head_dim() const {
  return attention == AttentionKind::mla ? qk_nope_head_dim + qk_rope_head_dim : head_dim;
}

int ModelArch::v_dim() const {
  return attention == AttentionKind::mla ? v_head_dim : head_dim;
}

}  // namespace suanli::model
