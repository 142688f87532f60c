// The operations of one engine step on one chip: FLOPs, bytes moved and GEMM rows of every
// transformer op (projections, attention core, MLP / experts, router, LM head, norms) and the
// collectives between them. Pure counting; timing is in infer_step.hpp (docs/models/ops.md).
#pragma once

#include <array>
#include <cstddef>

#include "suanli/perf/common/collective.hpp"
#include "suanli/perf/infer/plan.hpp"

namespace suanli::perf {

// Work of one step on one attention rank (one chip of a TP group sees the same tokens).
struct StepLoad {
  double decode_seqs = 0;      // sequences generating this step
  double tokens_per_seq = 1;   // tokens verified per decoding sequence (1 + draft tokens)
  double decode_context = 0;   // mean KV length of the decoding sequences, tokens
  double prefill_tokens = 0;   // prompt tokens processed this step
  double prefill_context = 0;  // mean context attended by a prompt token (causal: ~ prompt / 2)
  double prefill_seqs = 0;     // prompts completing this step (they produce logits)
  // Prompt tokens of the busiest attention rank when attention-DP ranks carry unequal prefill
  // (its peers wait for it at every MoE layer); at or below `prefill_tokens`: no skew.
  double busiest_prefill_tokens = 0;
  // Tokens the decoding sequences verify this step.
  double decode_tokens() const { return decode_seqs * tokens_per_seq; }
  // Prompt tokens of the busiest attention rank.
  double busiest_prefill() const {
    return busiest_prefill_tokens > prefill_tokens ? busiest_prefill_tokens : prefill_tokens;
  }
  // Mean tokens of an attention rank: what the MoE group's experts see per rank.
  double tokens() const { return decode_tokens() + prefill_tokens; }
  // Tokens of the busiest attention rank: what the step's rank-local ops run.
  double busiest_tokens() const { return decode_tokens() + busiest_prefill(); }
};

enum class OpClass { gemm, attention, elementwise };

enum class OpId {
  attn_proj,     // QKV (MLA: q_a, q_b, kv_a, kv_b) and output projections
  attn_decode,   // attention core over the KV cache (decode tokens)
  attn_prefill,  // attention core of prompt tokens (flash attention)
  mlp,           // dense MLP
  router,        // MoE gate
  shared_expert,
  experts,  // routed experts on this chip
  norms,    // norms, residual adds, rotary, activations not fused into GEMMs
  lm_head,
  count
};

const char* to_string(OpId id);

// Rows of the smallest tile a grouped (fused-MoE) GEMM kernel gives one expert: vLLM/SGLang
// fused_moe and TensorRT-LLM grouped GEMMs use row blocks of 16 or more (BLOCK_SIZE_M >= 16; the
// m16n8k16 MMA shape), so an expert with fewer rows still costs a 16-row tile.
inline constexpr double grouped_gemm_tile_rows = 16;

struct OpCost {
  double flops = 0;    // operations on this chip, summed over the layers of one stage
  double bytes = 0;    // bytes read and written in device memory
  double rows = 0;     // GEMM rows (tokens) that set the GEMM efficiency; 0 = not a GEMM
  double padding = 1;  // executed / useful GEMM work: a grouped expert GEMM pads each expert's
                       // rows up to one tile of grouped_gemm_tile_rows
  OpClass klass = OpClass::gemm;
};

enum class CommId {
  attn_allreduce,
  mlp_allreduce,
  moe_dispatch,
  moe_combine,
  moe_gather,
  moe_scatter,
  pp_send,
  count
};

const char* to_string(CommId id);

struct CommCost {
  Collective kind = Collective::all_reduce;
  double bytes = 0;           // per collective call, as collective_time() defines it
  int group = 1;              // chips in the collective
  int stride = 1;             // distance between members
  double calls = 0;           // calls per step on one stage
  double outside_bytes = -1;  // all-to-all only: bytes over the NIC (>= 0 selects the
                              // hierarchical form; `bytes` is then the scale-up share)
};

struct StepOps {
  std::array<OpCost, static_cast<std::size_t>(OpId::count)> ops{};
  std::array<CommCost, static_cast<std::size_t>(CommId::count)> comms{};
  double layers = 0;   // transformer layers on this stage
  double kernels = 0;  // kernels those layers launch per step (perf/infer/kernel_count.hpp)
  const OpCost& op(OpId id) const { return ops[static_cast<std::size_t>(id)]; }
  const CommCost& comm(CommId id) const { return comms[static_cast<std::size_t>(id)]; }
};

// Every op of one step on one stage of `plan` (stage = layers / pp; the LM head is counted on
// the stage as if it were the last, which is the slowest).
StepOps step_ops(const InferencePlan& plan, const StepLoad& load);

// Weight elements of the per-layer blocks on one chip (used by ops and memory).
struct LayerWeights {
  double attn = 0;           // attention projection elements on one chip, per layer
  double mlp = 0;            // dense MLP elements on one chip, per dense layer
  double shared = 0;         // shared-expert elements on one chip, per MoE layer
  double expert = 0;         // elements of one routed expert slice on one chip
  double experts_local = 0;  // routed experts held by one chip, per MoE layer
  double router = 0;         // router elements (replicated), per MoE layer
  double vocab = 0;          // embedding or LM-head elements on one chip
};
LayerWeights layer_weights(const InferencePlan& plan);

// KV-cache elements per cached token per layer on one chip (GQA: K and V of the chip's KV heads;
// MLA: the latent and rope key, replicated across TP).
double kv_elements_per_token_layer(const InferencePlan& plan);

}  // namespace suanli::perf
