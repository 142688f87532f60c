#include "suanli/perf/infer/ops.hpp"

#include "suanli/perf/common/moe_load.hpp"
#include "suanli/perf/infer/kernel_count.hpp"

#include <algorithm>
#include <cmath>

namespace suanli::perf {
namespace {

constexpr double act_bytes = 2.0;    // activations between ops are 16-bit
constexpr double logit_bytes = 4.0;  // fp32 logits
constexpr double head_bytes = 2.0;   // embeddings and LM head stay 16-bit when quantizing

double matrices(const model::ModelArch& m) {
  return m.mlp == model::MlpKind::gated ? 3.0 : 2.0;
}

OpCost& at(StepOps& s, OpId id) {
  return s.ops[static_cast<std::size_t>(id)];
}
CommCost& at(StepOps& s, CommId id) {
  return s.comms[static_cast<std::size_t>(id)];
}

// Layers of each kind on one stage (fractional when pp does not divide them).
struct StageLayers {
  double all = 0, dense = 0, moe = 0, sliding = 0;
};

StageLayers stage_layers(const model::ModelArch& m, int pp) {
  StageLayers s;
  const double moe = m.n_moe_layers();
  s.all = static_cast<double>(m.n_layers) / pp;
  s.moe = moe / pp;
  s.dense = (m.n_layers - moe) / pp;
  const int sliding = m.sliding_window > 0 ? std::clamp(m.n_sliding_layers, 0, m.n_layers) : 0;
  s.sliding = static_cast<double>(sliding) / pp;
  return s;
}

// Sum over the stage's layers of f(context), with sliding-window layers capped at the window.
template <class F>
double over_layers(const model::ModelArch& m, const StageLayers& s, double context, F f) {
  if (s.sliding <= 0) return s.all * f(context);
  const double capped = std::min(context, static_cast<double>(m.sliding_window));
  return (s.all - s.sliding) * f(context) + s.sliding * f(capped);
}

}  // namespace

const char* to_string(OpId id) {
  switch (id) {
    case OpId::attn_proj:
      return "attn_proj";
    case OpId::attn_decode:
      return "attn_decode";
    case OpId::attn_prefill:
      return "attn_prefill";
    case OpId::mlp:
      return "mlp";
    case OpId::router:
      return "router";
    case OpId::shared_expert:
      return "shared_expert";
    case OpId::experts:
      return "experts";
    case OpId::norms:
      return "norms";
    case OpId::lm_head:
      return "lm_head";
    case OpId::count:
      break;
  }
  return "?";
}

const char* to_string(CommId id) {
  switch (id) {
    case CommId::attn_allreduce:
      return "attn_allreduce";
    case CommId::mlp_allreduce:
      return "mlp_allreduce";
    case CommId::moe_dispatch:
      return "moe_dispatch";
    case CommId::moe_combine:
      return "moe_combine";
    case CommId::moe_gather:
      return "moe_gather";
    case CommId::moe_scatter:
      return "moe_scatter";
    case CommId::pp_send:
      return "pp_send";
    case CommId::count:
      break;
  }
  return "?";
}

LayerWeights layer_weights(const InferencePlan& plan) {
  const model::ModelArch& m = *plan.model;
  const Layout& l = plan.layout;
  const double d = m.d_model, h = m.n_heads, tp = l.tp;
  LayerWeights w;
  if (m.attention == model::AttentionKind::mla) {
    const double qk = m.qk_nope_head_dim + m.qk_rope_head_dim;
    // Down-projections (q_a, kv_a) are replicated across TP ranks; head-wise matrices are split.
    const double q =
        m.q_lora_rank > 0 ? d * m.q_lora_rank + m.q_lora_rank * h * qk / tp : d * h * qk / tp;
    const double kv_a = d * (m.kv_lora_rank + m.qk_rope_head_dim);
    const double kv_b = m.kv_lora_rank * h * (m.qk_nope_head_dim + m.v_head_dim) / tp;
    const double o = h * m.v_head_dim * d / tp;
    w.attn = q + kv_a + kv_b + o;
  } else {
    const double hd = m.head_dim;
    const double kv_heads = std::ceil(static_cast<double>(m.n_kv_heads) / tp);
    w.attn = d * h * hd / tp + 2.0 * d * hd * kv_heads + h * hd * d / tp;
  }
  w.mlp = matrices(m) * d * m.d_ff / tp;
  w.shared = matrices(m) * d * m.d_ff_shared / tp;
  w.expert = matrices(m) * d * m.d_ff_expert / l.etp;
  w.experts_local = m.n_experts > 0 ? std::ceil(static_cast<double>(m.n_experts) / l.ep) : 0;
  w.router = d * m.n_experts;
  w.vocab = static_cast<double>(m.vocab) * d / tp;
  return w;
}

namespace {

// 16-bit activation elements the non-GEMM kernels of one layer move per token (reads and
// writes; an fp32 pass counts twice). A serving stack fuses them into four passes over the hidden
// state: 8 d. Plain PyTorch model code runs each op alone (kernel_count.hpp,
// unfused_extra_kernels), as Meta's reference Llama code does: per RMSNorm 18 per element (to
// fp32 2+4, pow 4+4, mean 4, multiply 4+4, cast 4+2, weight 2+2, in bytes of 16-bit halves),
// rotary 10 per rotated element (to fp32, complex multiply, cast), a cache write 2 per element of
// each cached tensor read and written, the two residual adds 3 d each, SiLU and the gate product
// 5 per element of the activated MLP width f. GQA: the rank's q (heads x head dim) and k rotated,
// k and v cached: 42 d + 10 q + 14 kv (kv: one of k/v). MLA: the q_a and kv_a norms, rotary on the
// rope dimensions of q and of the shared k, one latent cached. q/k norms (Qwen3), partial rotary
// and ungated MLPs are not told apart.
double elementwise_elements(const InferencePlan& plan, bool moe_layer) {
  const model::ModelArch& m = *plan.model;
  const double d = m.d_model;
  if (plan.software.fused_elementwise) return 8.0 * d;
  const double tp = plan.layout.tp;
  double attention = 0;
  if (m.attention == model::AttentionKind::mla) {
    const double rope = m.qk_rope_head_dim;
    attention = 18.0 * (m.q_lora_rank + m.kv_lora_rank) + 10.0 * (m.n_heads * rope / tp + rope) +
                2.0 * (m.kv_lora_rank + rope);
  } else {
    const double q = m.n_heads * m.head_dim / tp;
    const double kv = m.head_dim * std::ceil(static_cast<double>(m.n_kv_heads) / tp);
    attention = 10.0 * q + 14.0 * kv;
  }
  const double f = moe_layer
                       ? static_cast<double>(m.n_active_experts) * m.d_ff_expert / plan.layout.etp +
                             m.d_ff_shared / tp
                       : m.d_ff / tp;
  return 42.0 * d + attention + 5.0 * f;
}

}  // namespace

double kv_elements_per_token_layer(const InferencePlan& plan) {
  const model::ModelArch& m = *plan.model;
  if (m.attention == model::AttentionKind::mla) return m.kv_lora_rank + m.qk_rope_head_dim;
  return 2.0 * m.head_dim * std::ceil(static_cast<double>(m.n_kv_heads) / plan.layout.tp);
}

StepOps step_ops(const InferencePlan& plan, const StepLoad& load) {
  const model::ModelArch& m = *plan.model;
  const Layout& l = plan.layout;
  const ResolvedPrecision& p = plan.precision;
  const StageLayers s = stage_layers(m, l.pp);
  const LayerWeights w = layer_weights(plan);
  const double d = m.d_model;
  const double wb = p.weight_bytes;
  const double kvb = hw::bytes_per_element(p.kv_cache);
  const double heads = static_cast<double>(m.n_heads) / l.tp;
  // Rank-local ops run the busiest attention rank's tokens (the step waits for it); the experts
  // see the mean of the MoE group.
  const double tokens = load.busiest_tokens();
  const double prefill_tokens = load.busiest_prefill();
  const double dec_tokens = load.decode_tokens();
  const bool mla = m.attention == model::AttentionKind::mla;
  const double kv_elems = kv_elements_per_token_layer(plan);

  StepOps out;
  out.layers = s.all;
  out.kernels = s.dense * layer_kernels(m, false) + s.moe * layer_kernels(m, true);
  if (!plan.software.fused_elementwise) out.kernels += s.all * unfused_extra_kernels;

  OpCost& proj = at(out, OpId::attn_proj);
  proj.rows = tokens;
  proj.flops = 2.0 * tokens * w.attn * s.all;
  proj.bytes = (w.attn * p.projection_bytes() + tokens * 4.0 * d * act_bytes) * s.all;

  // Decode attention reads each cached token once per step (all verify tokens share the read).
  // MLA decode runs in the absorbed form: scores and values in the latent space.
  const double dqk = mla ? m.kv_lora_rank + m.qk_rope_head_dim : m.q_head_dim();
  const double dv = mla ? m.kv_lora_rank : m.v_dim();
  OpCost& dec = at(out, OpId::attn_decode);
  dec.klass = OpClass::attention;
  dec.flops = over_layers(m, s, load.decode_context,
                          [&](double ctx) { return dec_tokens * ctx * 2.0 * heads * (dqk + dv); });
  dec.bytes = over_layers(m, s, load.decode_context, [&](double ctx) {
    return load.decode_seqs * ctx * kv_elems * kvb + dec_tokens * kv_elems * kvb;
  });

  // Prefill attention (flash attention; MLA in the naive form with materialized K/V heads).
  const double pqk = m.q_head_dim();
  const double pv = m.v_dim();
  const double kv_read_elems = mla ? heads * (pqk + pv) : kv_elems;
  const double kv_read_bytes = mla ? act_bytes : kvb;
  OpCost& pre = at(out, OpId::attn_prefill);
  pre.klass = OpClass::attention;
  pre.flops = over_layers(m, s, load.prefill_context, [&](double ctx) {
    return prefill_tokens * ctx * 2.0 * heads * (pqk + pv);
  });
  // Flash attention: K/V re-reads across query tiles hit the on-chip cache; device memory sees
  // the cache write, one read of the (materialized) K/V and the q/o activations.
  pre.bytes = s.all * prefill_tokens *
              (kv_elems * kvb + kv_read_elems * kv_read_bytes + 2.0 * heads * pv * act_bytes);

  OpCost& mlp = at(out, OpId::mlp);
  mlp.rows = tokens;
  mlp.flops = 2.0 * tokens * w.mlp * s.dense;
  mlp.bytes = (w.mlp * wb + tokens * (2.0 * d + 3.0 * m.d_ff / l.tp) * act_bytes) * s.dense;

  if (m.is_moe() && s.moe > 0) {
    OpCost& router = at(out, OpId::router);
    router.rows = tokens;
    router.flops = 2.0 * tokens * w.router * s.moe;
    router.bytes = (w.router * act_bytes + tokens * m.n_experts * logit_bytes) * s.moe;

    OpCost& shared = at(out, OpId::shared_expert);
    shared.rows = tokens;
    shared.flops = 2.0 * tokens * w.shared * s.moe;
    if (w.shared > 0) {
      shared.bytes =
          (w.shared * wb + tokens * (2.0 * d + 3.0 * m.d_ff_shared / l.tp) * act_bytes) * s.moe;
    }

    // Routed experts: tokens of the whole MoE group reach this chip's experts; the busiest chip
    // carries the mean load plus the multinomial spread sqrt(2 A ln ep).
    const double group_tokens = load.tokens() * l.dpa;
    const double k = m.n_active_experts;
    const double e = m.n_experts;
    const double mean_load = group_tokens * k / l.ep;
    double load_max = mean_load;
    if (l.ep > 1 && mean_load > 0) {
      load_max =
          std::min(busiest_rank_load(mean_load, l.ep), group_tokens * std::min(k, w.experts_local));
    }
    const double touched =
        w.experts_local * (1.0 - std::pow(std::max(0.0, 1.0 - k / e), group_tokens));
    OpCost& ex = at(out, OpId::experts);
    // One grouped kernel runs every touched expert: its efficiency follows the rows of the whole
    // group; each expert's rows are padded to a tile.
    const double per_expert = touched > 0 ? load_max / touched : 0.0;
    ex.rows = touched > 0 ? std::max(1.0, load_max) : 0.0;
    ex.padding = per_expert > 0 ? std::max(1.0, grouped_gemm_tile_rows / per_expert) : 1.0;
    ex.flops = 2.0 * load_max * w.expert * s.moe;
    ex.bytes =
        (touched * w.expert * wb + load_max * (2.0 * d + 3.0 * m.d_ff_expert / l.etp) * act_bytes) *
        s.moe;
  }

  OpCost& norms = at(out, OpId::norms);
  norms.klass = OpClass::elementwise;
  norms.flops = tokens * 10.0 * d * s.all;
  norms.bytes =
      tokens *
      (s.dense * elementwise_elements(plan, false) + s.moe * elementwise_elements(plan, true)) *
      act_bytes;

  const double logit_rows = dec_tokens + load.prefill_seqs;
  OpCost& head = at(out, OpId::lm_head);
  head.rows = logit_rows;
  head.flops = 2.0 * logit_rows * w.vocab;
  head.bytes = w.vocab * head_bytes + logit_rows * w.vocab / d * logit_bytes;

  // Collectives.
  const double act = tokens * d * act_bytes;
  const bool fused_block = m.parallel_attn_mlp;
  if (l.tp > 1) {
    CommCost& ar = at(out, CommId::attn_allreduce);
    ar = {Collective::all_reduce, act, l.tp, 1, s.all};
    CommCost& mr = at(out, CommId::mlp_allreduce);
    const double dense_calls = fused_block ? 0.0 : s.dense;
    // MoE layers: with one attention rank per MoE group the experts' (and shared expert's)
    // partial outputs are summed by one all-reduce; with DP attention only the shared expert's.
    const double moe_calls = (l.dpa == 1 || w.shared > 0) ? s.moe : 0.0;
    mr = {Collective::all_reduce, act, l.tp, 1, dense_calls + moe_calls};
  } else if (l.dpa == 1 && l.moe_group > 1) {
    at(out, CommId::mlp_allreduce) = {Collective::all_reduce, act, l.moe_group, 1, s.moe};
  }
  if (m.is_moe() && l.dpa > 1 && s.moe > 0) {
    const double k = m.n_active_experts;
    if (l.ep > 1) {
      // Hierarchical dispatch: one copy per remote scale-up domain over the NIC (forwarded to
      // the experts' ranks inside it), direct copies to the ranks of the own domain.
      const double ep = l.ep;
      const double domains = domains_spanned(l.ep, l.etp, plan.cluster);
      const double ranks_hit = ep * (1.0 - std::pow(1.0 - 1.0 / ep, k));
      const double miss_own = std::pow(1.0 - 1.0 / domains, k);
      const double remote_domains =
          domains > 1 ? domains * (1.0 - miss_own) - (1.0 - miss_own) : 0.0;
      const double inside = std::max(0.0, ranks_hit * (ep - 1.0) / ep - remote_domains);
      const double per_token = tokens / l.tp * d;
      const double disp_bytes = hw::bytes_per_element(p.compute) <= 1.0 ? 1.0 : act_bytes;
      CommCost dispatch{Collective::all_to_all,
                        per_token * inside * disp_bytes,
                        l.ep,
                        l.etp,
                        s.moe,
                        per_token * remote_domains * disp_bytes};
      CommCost combine = dispatch;
      combine.bytes = per_token * inside * act_bytes;
      combine.outside_bytes = per_token * remote_domains * act_bytes;
      at(out, CommId::moe_dispatch) = dispatch;
      at(out, CommId::moe_combine) = combine;
    } else {
      // Gathered at the busiest rank's size (the collective pads every rank to it).
      const double gathered = tokens * l.dpa * d * act_bytes;
      at(out, CommId::moe_gather) = {Collective::all_gather, gathered, l.moe_group, 1, s.moe};
      at(out, CommId::moe_scatter) = {Collective::reduce_scatter, gathered, l.moe_group, 1, s.moe};
    }
  }
  if (l.pp > 1) {
    at(out, CommId::pp_send) = {Collective::send_recv, act, 2, l.moe_group, 1.0};
  }
  return out;
}

}  // namespace suanli::perf
