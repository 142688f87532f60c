// Hand-computed checks of the training model: FLOPs per token (6*N plus causal attention) for
// Llama-3.1-8B, memory per chip for a known layout, and the published Llama 3 405B MFU range.
#include <gtest/gtest.h>

#include <cmath>

#include "suanli/model/model_stats.hpp"
#include "suanli/perf/train/memory.hpp"
#include "suanli/perf/train/search.hpp"
#include "suanli/perf/train/step.hpp"
#include "suanli/perf/train/time.hpp"
#include "train_fixture.hpp"

namespace suanli::test {
namespace {

// Llama-3.1-8B: 32 layers, d 4096, 32 heads, 8 KV heads of 128, SwiGLU 14336, vocab 128256.
constexpr double d = 4096, f = 14336, vocab = 128256, layers = 32;
constexpr double attn_matmul = d * d + 2 * d * 1024 + d * d;  // q, k, v, o
constexpr double mlp_matmul = 3 * d * f;
constexpr double params = 2 * vocab * d + layers * (attn_matmul + 2 * d + mlp_matmul) + d;

TEST(TrainFlops, SixNDPlusCausalAttentionForLlama31_8B) {
  const model::ModelArch& m = train_model("llama-3.1-8b");
  const double n_matmul = layers * (attn_matmul + mlp_matmul) + vocab * d;  // LM head included
  const double seq = 8192;
  // Attention: QK^T and PV, 2 FLOPs per MAC, 32 heads x (128 + 128), mean causal context s/2;
  // training = forward + backward (2x forward).
  const double attn = 3 * layers * 2 * 32 * (128 + 128) * (seq / 2);
  const double expected = 6 * n_matmul + attn;
  EXPECT_NEAR(perf::training_model_flops_per_token(m, 8192, false), expected, expected * 1e-12);
  EXPECT_NEAR(expected, 5.147e10, 0.001e10);  // NeMo: 1933 TFLOP/s at 37556 tokens/s (GB300)
  // LoRA: frozen weights get no weight-gradient GEMMs, so 4*N instead of 6*N.
  EXPECT_NEAR(perf::training_model_flops_per_token(m, 8192, true), 4 * n_matmul + attn,
              expected * 1e-12);
  EXPECT_NEAR(model::count_params(m).total, params, 0.5);
}

TEST(TrainFlops, MoeCountsActiveExpertsOnly) {
  const model::ModelArch& m = train_model("deepseek-v3");
  const double per_token = perf::training_model_flops_per_token(m, 4096, false);
  // 37B active (not 671B): 6 x ~38B + attention + MTP stays well under 6 x 60B.
  EXPECT_GT(per_token, 6 * 35e9);
  EXPECT_LT(per_token, 6 * 60e9);
}

TEST(TrainMemory, MatchesHandComputationForKnownLayout) {
  perf::TrainingProblem p = train_problem("llama-3.1-8b", "nvidia-h100-sxm", 8, 4096, 64);
  perf::TrainingLayout l = train_layout(1, 1, 8);
  l.zero = 1;
  l.recompute = perf::Recompute::full;
  const perf::TrainingMemory mem = perf::training_memory(p, l);
  const double seq = 4096;
  EXPECT_NEAR(mem.weights, 2 * params, 1);         // bf16 weights
  EXPECT_NEAR(mem.gradients, 4 * params, 1);       // fp32 main gradients
  EXPECT_NEAR(mem.optimizer, 12 * params / 8, 1);  // master + Adam m, v sharded over dp 8
  // Full recompute keeps each layer's input (d x 2 bytes per token); the layer being recomputed
  // holds its full activations: norms in/out, Q, K, V, O, gate, up and SwiGLU output. The loss
  // (16-bit logits + fp32 softmax, 6 bytes a logit) runs before that layer's backward, so the
  // peak holds the larger of the two working sets.
  const double kept = layers * d * 2 * seq;
  const double layer_working = (2 * d + d + 1024 + 1024 + d + 2 * d + 3 * f) * 2 * seq;
  EXPECT_NEAR(mem.activations, kept, 1);
  EXPECT_NEAR(mem.logits, seq * vocab * 6, 1);
  EXPECT_GT(mem.logits, layer_working);  // 3.2 GB against 0.57 GB
  EXPECT_NEAR(mem.working, mem.logits, 1);
  EXPECT_NEAR(mem.reserved, 2e9 + 0.03 * 80 * 1073741824.0, 1);  // "80 GB" of HBM is 80 GiB
  EXPECT_NEAR(
      mem.total,
      mem.weights + mem.gradients + mem.optimizer + mem.activations + mem.working + mem.reserved,
      1);
  EXPECT_NEAR(mem.allocated(), mem.total - mem.reserved, 1e-3);
  EXPECT_TRUE(mem.fits());
}

// With pipeline stages the busiest rank may be the first: pp micro-batches of activations in
// flight and no loss, so its working set is one layer's backward.
TEST(TrainMemory, FirstPipelineRankHoldsNoLoss) {
  perf::TrainingProblem p = train_problem("llama-3.1-8b", "nvidia-h100-sxm", 8, 4096, 64);
  perf::TrainingLayout l = train_layout(1, 4, 2);
  l.recompute = perf::Recompute::none;
  const perf::TrainingMemory mem = perf::training_memory(p, l);
  const double layer = (2 * d + d + 1024 + 1024 + d + 2 * d + 3 * f) * 2 * 4096;
  EXPECT_DOUBLE_EQ(mem.logits, 0);
  EXPECT_NEAR(mem.activations, 4 * (layers / 4) * layer, 1);  // 4 micro-batches of 8 layers
  EXPECT_NEAR(mem.working, layer, 1);
}

// PyTorch-native code (`pytorch`) keeps what autograd saves for each unfused op. Llama-3.1-8B with
// LoRA rank 16 on all seven projections, frozen bf16 base, no recompute, 4096-token sequences,
// per token and layer in 16-bit elements: the two norm inputs (d each), the normed inputs of the
// adapters (d each), Q, K and V repeated to the 32 query heads (d each), the SDPA output (also
// the o-projection's input, d), and gate, SiLU(gate), up and their product (f each). The loss:
// log-softmax, NLL gradient and log-softmax gradient in fp32, 12 bytes a logit.
TEST(TrainMemory, PyTorchNativeCodeKeepsWhatAutogradSaves) {
  perf::TrainingProblem p = train_problem("llama-3.1-8b", "nvidia-h200-sxm", 1, 4096, 4);
  p.workload.lora_rank = 16;
  p.pytorch_native = true;
  perf::TrainingLayout l = train_layout(1, 1, 1);
  l.zero = 0;
  l.micro_batch = 4;
  l.recompute = perf::Recompute::none;
  const perf::TrainingMemory mem = perf::training_memory(p, l);
  const double tokens = 4 * 4096.0;
  const double per_layer = (2 * d + d + d + d + d + 2 * d + 4 * f) * 2;  // bytes per token
  EXPECT_NEAR(mem.activations, layers * per_layer * tokens, 1);
  EXPECT_NEAR(mem.logits, tokens * vocab * 12, 1);
  EXPECT_NEAR(mem.working, mem.logits, 1);  // the loss's working set exceeds one layer's
  // LoRA adapters, rank x (in + out), in 16-bit beside the base: one on the fused QKV, o, the
  // fused gate-up and down projections (Megatron's linear_qkv and linear_fc1).
  const double adapters = layers * 16 * ((d + d + 2 * 1024) + (d + d) + (d + 2 * f) + (f + d));
  EXPECT_NEAR(mem.weights, 2 * (params + adapters), 1);

  p.pytorch_native = false;  // framework kernels: fused SwiGLU, K/V not repeated, fused loss
  const perf::TrainingMemory fused = perf::training_memory(p, l);
  const double fused_layer = (2 * d + d + 1024 + 1024 + d + 2 * d + 3 * f) * 2;
  EXPECT_NEAR(fused.activations, layers * fused_layer * tokens, 1);
  EXPECT_NEAR(fused.logits, tokens * vocab * 6, 1);
}

TEST(TrainSanity, Llama31_405bMetaLayoutMfuInPublishedRange) {
  // Meta's layout: TP 8, PP 16, CP 1, DP 128, 8K sequences, 2048 per step (Llama 3 paper,
  // Table 4: 38-43% BF16 MFU). Micro-batch, interleaving, recompute and ZeRO are searched.
  perf::TrainingProblem p = train_problem("llama-3.1-405b", "nvidia-h100-sxm", 16384, 8192, 2048);
  p.allow_uneven_stages = true;
  perf::LayoutConstraints c;
  c.tp = 8, c.pp = 16, c.dp = 128, c.cp = 1;
  auto r = perf::search_training_layouts(p, c, perf::SearchOptions{});
  ASSERT_TRUE(r.ok()) << r.error().describe();
  const perf::TrainingEstimate& e = r->top.front();
  EXPECT_GE(e.mfu, 0.30);
  EXPECT_LE(e.mfu, 0.50);
  EXPECT_TRUE(e.memory.fits());
  EXPECT_EQ(e.layout.tp, 8);
  EXPECT_EQ(e.layout.pp, 16);
}

TEST(TrainTime, DaysAndChipHoursFollowFromTokensPerSecond) {
  perf::TrainingProblem p = train_problem("llama-3.1-8b", "nvidia-h100-sxm", 8, 4096, 64);
  perf::TrainingLayout l = train_layout(1, 1, 8);
  l.recompute = perf::Recompute::full;
  auto e = perf::estimate_training(p, l);
  ASSERT_TRUE(e.ok()) << e.error().describe();
  auto run = perf::time_to_train(*e, 1e12);
  ASSERT_TRUE(run.ok());
  EXPECT_DOUBLE_EQ(run->steps, std::ceil(1e12 / (64 * 4096.0)));
  EXPECT_NEAR(run->days, run->steps * e->step_time / 86400, 1e-9);
  EXPECT_NEAR(run->chip_hours, 8 * run->days * 24, 1e-6);
  EXPECT_FALSE(perf::time_to_train(*e, -1).ok());
  EXPECT_FALSE(perf::time_to_train(*e, 1e30).ok());
}

}  // namespace
}  // namespace suanli::test
