// FLOP and byte counts of each inference op against hand-computed values.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include "suanli/model/model_stats.hpp"
#include "suanli/perf/infer/kernel_count.hpp"
#include "suanli/perf/infer/memory.hpp"
#include "suanli/perf/infer/ops.hpp"
#include "suanli/perf/infer/plan.hpp"
#include "tests/unit/infer_fixture.hpp"

namespace suanli::perf {
namespace {

InferencePlan plan_for(const std::string& model, const std::string& chip, int tp, int dp, int ep,
                       hw::Dtype weights, hw::Dtype kv) {
  const auto& m = test::test_model(model);
  InferencePlan p;
  p.model = &m;
  p.cluster = *make_cluster(test::test_chip(chip), tp * dp);
  p.layout = *make_layout(m, tp, 1, dp, ep);
  p.precision.weights = weights;
  p.precision.compute = weights;
  p.precision.kv_cache = kv;
  p.precision.weight_bytes = hw::bytes_per_element(weights);
  return p;
}

// Llama-3-8B: d 4096, 32 heads, 8 KV heads of 128, d_ff 14336, 32 layers, vocab 128256.
TEST(InferOps, DenseDecodeCountsMatchHandValues) {
  const InferencePlan p =
      plan_for("llama-3-8b", "nvidia-h100-sxm", 1, 1, 1, hw::Dtype::bf16, hw::Dtype::bf16);
  StepLoad load;
  load.decode_seqs = 16;
  load.decode_context = 1000;
  const StepOps ops = step_ops(p, load);
  const double attn = 4096.0 * 4096 + 2.0 * 4096 * 128 * 8 + 4096.0 * 4096;  // q, k+v, o
  const double mlp = 3.0 * 4096 * 14336;
  EXPECT_DOUBLE_EQ(ops.op(OpId::attn_proj).flops, 2.0 * 16 * attn * 32);
  EXPECT_DOUBLE_EQ(ops.op(OpId::mlp).flops, 2.0 * 16 * mlp * 32);
  // Attention core: QK^T and PV over 1000 cached tokens, 32 heads of 128.
  EXPECT_DOUBLE_EQ(ops.op(OpId::attn_decode).flops, 16.0 * 1000 * 2 * 32 * (128 + 128) * 32);
  // KV read: K and V of 8 heads x 128, 2 bytes, per cached token and layer (+ the new token).
  const double kv_token_layer = 2.0 * 8 * 128 * 2;
  EXPECT_DOUBLE_EQ(ops.op(OpId::attn_decode).bytes, (16.0 * 1000 + 16) * kv_token_layer * 32);
  // Weights read once per step: 2 bytes per element.
  EXPECT_NEAR(ops.op(OpId::mlp).bytes, mlp * 2 * 32, mlp * 2 * 32 * 0.01);
  EXPECT_DOUBLE_EQ(ops.op(OpId::lm_head).flops, 2.0 * 16 * 128256 * 4096);
  EXPECT_EQ(ops.comm(CommId::attn_allreduce).calls, 0);  // no TP, no collectives
}

TEST(InferOps, KernelsPerLayerFollowTheLayerKind) {
  // GQA attention 5 + dense MLP 4: the reference layer.
  EXPECT_EQ(layer_kernels(test::test_model("llama-3-8b"), false), dense_layer_kernels);
  // MLA with a low-rank query 11; routed experts 8, shared expert 3.
  const model::ModelArch& v3 = test::test_model("deepseek-v3");
  EXPECT_EQ(layer_kernels(v3, false), 15);
  EXPECT_EQ(layer_kernels(v3, true), 22);
  // GQA with routed experts and no shared expert.
  EXPECT_EQ(layer_kernels(test::test_model("mixtral-8x7b"), true), 13);
  // A stage counts its layers of each kind: DeepSeek-V3's 3 dense and 58 MoE layers.
  const InferencePlan p = test::deepseek_dp8_ep8_plan("nvidia-h200-sxm", 1024);
  EXPECT_EQ(step_ops(p, test::decode_load(8, 1024)).kernels, 3 * 15 + 58 * 22);
  // A dense model's stage is its layers in reference kernels: the fixed cost per layer stands.
  const InferencePlan dense =
      plan_for("llama-3-8b", "nvidia-h100-sxm", 1, 1, 1, hw::Dtype::bf16, hw::Dtype::bf16);
  const StepOps ops = step_ops(dense, test::decode_load(16, 1000));
  EXPECT_EQ(ops.kernels, ops.layers * dense_layer_kernels);
}

// Plain PyTorch model code runs each elementwise op as its own kernel and pass over memory; the
// GEMMs and the attention core do not change.
TEST(InferOps, PlainPyTorchRunsEachElementwiseOpAlone) {
  InferencePlan p =
      plan_for("llama-3-8b", "nvidia-h200-sxm", 1, 1, 1, hw::Dtype::bf16, hw::Dtype::bf16);
  const StepLoad load = test::decode_load(16, 1000);
  const StepOps fused = step_ops(p, load);
  p.software = software_profile("pytorch", 141e9);
  const StepOps plain = step_ops(p, load);
  EXPECT_EQ(plain.kernels, fused.kernels + 32 * unfused_extra_kernels);
  EXPECT_EQ(plain.kernels, 32 * 33.0);
  // Fused: 8 d elements per token and layer. Plain: 42 d + 10 q + 14 kv + 5 d_ff, q 32 x 128,
  // one of k/v 8 x 128.
  EXPECT_DOUBLE_EQ(fused.op(OpId::norms).bytes, 16.0 * 8 * 4096 * 2 * 32);
  const double plain_elements = 42.0 * 4096 + 10.0 * 4096 + 14.0 * 1024 + 5.0 * 14336;
  EXPECT_DOUBLE_EQ(plain.op(OpId::norms).bytes, 16.0 * plain_elements * 2 * 32);
  for (OpId id : {OpId::attn_proj, OpId::attn_decode, OpId::mlp, OpId::lm_head}) {
    EXPECT_DOUBLE_EQ(plain.op(id).flops, fused.op(id).flops);
    EXPECT_DOUBLE_EQ(plain.op(id).bytes, fused.op(id).bytes);
  }
  // Tensor parallel 4: the rank's q (8 heads), k/v (2 KV heads) and MLP width (3584).
  InferencePlan tp4 =
      plan_for("llama-3-8b", "nvidia-h200-sxm", 4, 1, 1, hw::Dtype::bf16, hw::Dtype::bf16);
  tp4.software = p.software;
  const double tp4_elements = 42.0 * 4096 + 10.0 * 1024 + 14.0 * 256 + 5.0 * 3584;
  EXPECT_DOUBLE_EQ(step_ops(tp4, load).op(OpId::norms).bytes, 16.0 * tp4_elements * 2 * 32);
}

// DeepSeek-V3 (MLA, 3 dense and 58 MoE layers) in plain PyTorch: the q_a and kv_a norms, rotary
// on the 64 rope dimensions of 128 q heads and of the shared k, one latent of 512 + 64 cached;
// a dense MLP of 18,432 or 8 experts of 2,048 and a shared one.
TEST(InferOps, PlainPyTorchCountsMlaAndMoeLayersApart) {
  InferencePlan p = test::deepseek_dp8_ep8_plan("nvidia-h200-sxm", 1024);
  p.software = software_profile("pytorch", 141e9);
  const StepLoad load = test::decode_load(8, 1024);
  const double attention =
      18.0 * (1536 + 512) + 10.0 * (128.0 * 64 + 64) + 2.0 * (512 + 64) + 42.0 * 7168;
  const double dense = attention + 5.0 * 18432;
  const double moe = attention + 5.0 * (8.0 * 2048 + 2048);
  const StepOps ops = step_ops(p, load);
  EXPECT_DOUBLE_EQ(ops.op(OpId::norms).bytes, load.busiest_tokens() * (3 * dense + 58 * moe) * 2);
  EXPECT_EQ(ops.kernels, 3 * (15 + unfused_extra_kernels) + 58 * (22 + unfused_extra_kernels));
}

TEST(InferOps, TensorParallelSplitsWeightsAndAddsTwoAllReducesPerLayer) {
  const InferencePlan p =
      plan_for("llama-3-8b", "nvidia-h100-sxm", 4, 1, 1, hw::Dtype::bf16, hw::Dtype::bf16);
  StepLoad load;
  load.decode_seqs = 8;
  load.decode_context = 100;
  const StepOps ops = step_ops(p, load);
  // 8 KV heads over 4 ranks: 2 per rank; q and o split 4 ways.
  const double attn = (4096.0 * 4096 + 4096.0 * 4096) / 4 + 2.0 * 4096 * 128 * 2;
  EXPECT_DOUBLE_EQ(ops.op(OpId::attn_proj).flops, 2.0 * 8 * attn * 32);
  EXPECT_DOUBLE_EQ(ops.op(OpId::mlp).flops, 2.0 * 8 * 3.0 * 4096 * 14336 / 4 * 32);
  EXPECT_DOUBLE_EQ(ops.comm(CommId::attn_allreduce).calls, 32);
  EXPECT_DOUBLE_EQ(ops.comm(CommId::mlp_allreduce).calls, 32);
  EXPECT_DOUBLE_EQ(ops.comm(CommId::attn_allreduce).bytes, 8.0 * 4096 * 2);  // bf16 activations
  EXPECT_EQ(ops.comm(CommId::attn_allreduce).group, 4);
}

TEST(InferOps, PrefillAttentionIsQuadraticInContext) {
  const InferencePlan p =
      plan_for("llama-3-8b", "nvidia-h100-sxm", 1, 1, 1, hw::Dtype::bf16, hw::Dtype::bf16);
  StepLoad load;
  load.prefill_tokens = 2048;
  load.prefill_context = 1024;  // causal prompt of 2048: mean attended context 1024
  const double f1 = step_ops(p, load).op(OpId::attn_prefill).flops;
  EXPECT_DOUBLE_EQ(f1, 2048.0 * 1024 * 2 * 32 * (128 + 128) * 32);
  load.prefill_tokens = 4096;
  load.prefill_context = 2048;
  EXPECT_DOUBLE_EQ(step_ops(p, load).op(OpId::attn_prefill).flops, 4 * f1);
}

// Mixtral-8x7B: 8 experts, top-2, d_ff_expert 14336.
TEST(InferOps, MoeWeightsReadAreTheExpertsTouched) {
  const InferencePlan p =
      plan_for("mixtral-8x7b", "nvidia-h100-sxm", 1, 1, 1, hw::Dtype::fp8, hw::Dtype::fp8);
  const double expert = 3.0 * 4096 * 14336;
  for (double tokens : {1.0, 4.0, 64.0}) {
    StepLoad load;
    load.decode_seqs = tokens;
    load.decode_context = 10;
    const OpCost ex = step_ops(p, load).op(OpId::experts);
    const double touched = 8 * (1 - std::pow(1 - 2.0 / 8, tokens));  // E (1 - (1 - k/E)^T)
    const double act = tokens * 2 * (2.0 * 4096 + 3.0 * 14336) * 2;  // routed activations
    EXPECT_NEAR(ex.bytes, (touched * expert * 1.0 + act) * 32, 1.0) << tokens;
    EXPECT_DOUBLE_EQ(ex.flops, 2.0 * tokens * 2 * expert * 32);
    // One grouped kernel: efficiency from all routed rows, each expert padded to a 16-row tile.
    EXPECT_DOUBLE_EQ(ex.rows, std::max(1.0, tokens * 2));
    EXPECT_DOUBLE_EQ(ex.padding, std::max(1.0, 16.0 / (tokens * 2 / touched)));
  }
}

// DeepSeek-V3 MLA: latent 512 + rope 64 cached per token; absorbed decode in latent space.
TEST(InferOps, MlaDecodeReadsTheLatentCacheAndComputesInLatentSpace) {
  const InferencePlan p =
      plan_for("deepseek-v3", "nvidia-h200-sxm", 8, 1, 1, hw::Dtype::fp8, hw::Dtype::bf16);
  EXPECT_DOUBLE_EQ(kv_elements_per_token_layer(p), 512 + 64);  // replicated across TP ranks
  StepLoad load;
  load.decode_seqs = 4;
  load.decode_context = 2000;
  const OpCost dec = step_ops(p, load).op(OpId::attn_decode);
  const double heads = 128.0 / 8;
  EXPECT_DOUBLE_EQ(dec.flops, 4.0 * 2000 * 2 * heads * ((512 + 64) + 512) * 61);
  EXPECT_DOUBLE_EQ(dec.bytes, (4.0 * 2000 + 4) * 576 * 2 * 61);
}

TEST(InferOps, ExpertParallelDispatchSplitsScaleUpAndScaleOut) {
  // EP 32 over 4 HGX domains: each token's fan-out crosses the NIC once per remote domain.
  const InferencePlan p =
      plan_for("deepseek-v3", "nvidia-h100-sxm", 1, 32, 32, hw::Dtype::fp8, hw::Dtype::bf16);
  StepLoad load;
  load.prefill_tokens = 1000;
  load.prefill_context = 500;
  const CommCost d = step_ops(p, load).comm(CommId::moe_dispatch);
  const double miss = std::pow(1 - 1.0 / 4, 8);
  const double remote = 3 * (1 - miss);
  EXPECT_NEAR(d.outside_bytes, 1000.0 * 7168 * remote * 1.0, 1.0);  // fp8 dispatch
  EXPECT_GT(d.bytes, 0);
  EXPECT_EQ(d.group, 32);
}

// Attention runs in fp8 only where the stack attends an fp8 cache in fp8 on a chip with fp8
// matrix units; everywhere else in 16 bits, whatever the weights.
TEST(InferPrecision, AttentionIsFp8OnlyWithAnFp8CacheOnAStackThatAttendsInFp8) {
  struct Case {
    const char* chip;
    const char* stack;
    std::optional<hw::Dtype> kv;
    hw::Dtype attention, kv_cache;
  };
  const Case cases[] = {
      {"nvidia-h20", "sglang", hw::Dtype::fp8, hw::Dtype::fp8, hw::Dtype::fp8},
      {"nvidia-h20", "vllm", hw::Dtype::fp8, hw::Dtype::fp8, hw::Dtype::fp8},
      {"nvidia-h20", "sglang", std::nullopt, hw::Dtype::bf16, hw::Dtype::bf16},  // bf16 cache
      {"nvidia-h100-sxm", "tensorrt-llm", std::nullopt, hw::Dtype::bf16, hw::Dtype::fp8},  // opt-in
      {"nvidia-h100-sxm", "lmdeploy", hw::Dtype::fp8, hw::Dtype::bf16, hw::Dtype::fp8},
      {"nvidia-h100-sxm", "other", hw::Dtype::fp8, hw::Dtype::bf16, hw::Dtype::fp8},
      {"nvidia-a100-sxm-80gb", "vllm", hw::Dtype::fp8, hw::Dtype::bf16,
       hw::Dtype::int8},                                                        // no fp8 units
      {"amd-mi300x", "vllm", hw::Dtype::fp8, hw::Dtype::bf16, hw::Dtype::fp8},  // no FA3 on ROCm
      {"nvidia-b200", "sglang", hw::Dtype::fp8, hw::Dtype::bf16, hw::Dtype::fp8},
  };
  for (const Case& c : cases) {
    InferencePrecision want;
    want.weights = hw::Dtype::fp8;
    want.kv_cache = c.kv;
    std::vector<std::string> notes;
    const hw::Chip& chip = test::test_chip(c.chip);
    const ResolvedPrecision r =
        resolve_precision(chip, test::test_model("llama-3-8b"), want,
                          software_profile(c.stack, chip.device_memory_bytes()), notes);
    EXPECT_EQ(r.attention, c.attention) << c.chip << " " << c.stack;
    EXPECT_EQ(r.kv_cache, c.kv_cache) << c.chip << " " << c.stack;
  }
}

// The nvidia DeepSeek FP4 checkpoints keep the attention projections in BF16 (models.yaml
// fp4_attention): those projections are read and multiplied in 16 bits, the experts in fp4.
TEST(InferOps, Fp4DeepSeekKeepsItsAttentionProjectionsInBf16) {
  const model::ModelArch& m = test::test_model("deepseek-r1");
  ASSERT_TRUE(m.fp4_attention_16bit);
  EXPECT_FALSE(test::test_model("llama-3.3-70b").fp4_attention_16bit);
  InferencePrecision want;
  want.weights = hw::Dtype::fp4;
  std::vector<std::string> notes;
  const hw::Chip& chip = test::test_chip("nvidia-b200");
  const ResolvedPrecision r =
      resolve_precision(chip, m, want, software_profile("tensorrt-llm", 1e11), notes);
  EXPECT_EQ(r.compute, hw::Dtype::fp4);
  EXPECT_EQ(r.projection_format(), hw::Dtype::bf16);
  EXPECT_EQ(r.projection_bytes(), 2.0);
  EXPECT_EQ(r.weight_bytes, 0.5 + 1.0 / 16);
  EXPECT_NE(std::find(notes.begin(), notes.end(),
                      "attention projections in bf16: the 4-bit checkpoints of deepseek-r1 "
                      "quantize the MLP and expert matrices only"),
            notes.end());
  // fp8 weights: one format for every GEMM, as before.
  want.weights = hw::Dtype::fp8;
  EXPECT_FALSE(
      resolve_precision(chip, m, want, software_profile("tensorrt-llm", 1e11), notes).projections);

  InferencePlan p = plan_for("deepseek-r1", "nvidia-b200", 1, 8, 8, hw::Dtype::fp4, hw::Dtype::fp8);
  p.precision.projections = hw::Dtype::bf16;
  StepLoad load;
  load.decode_seqs = 64;
  load.decode_context = 1000;
  const StepOps ops = step_ops(p, load);
  const double attn_params = layer_weights(p).attn * m.n_layers;
  EXPECT_DOUBLE_EQ(ops.ops[static_cast<int>(OpId::attn_proj)].bytes,
                   attn_params * 2.0 + 64 * 4.0 * m.d_model * 2.0 * m.n_layers);
  // The full copy of the weights: attention at 2 bytes, the rest of the body at fp4.
  const model::ParamCounts pc = model::count_params(m);
  EXPECT_DOUBLE_EQ(
      stored_weight_bytes(m, p.precision),
      (pc.total - pc.embedding - pc.attention) * 0.5 + pc.attention * 2.0 + pc.embedding * 2.0);
}

// fp4 weights on a chip without fp4 matrix units run weight-only (W4A16): the Marlin and Triton
// MXFP4 kernels dequantize to 16 bits. A100 has int8 units and H100 fp8 ones; neither is used
// unless --compute asks for it. Blackwell multiplies in fp4.
TEST(InferOps, Fp4WeightsRunWeightOnlyWhereTheChipHasNoFp4Units) {
  const model::ModelArch& m = test::test_model("gpt-oss-120b");
  struct Case {
    const char* chip;
    std::optional<hw::Dtype> compute;
    hw::Dtype expected;
    bool weight_only_note;
  };
  const std::vector<Case> cases = {
      {"nvidia-h100-sxm", std::nullopt, hw::Dtype::bf16, true},
      {"nvidia-a100-sxm-80gb", std::nullopt, hw::Dtype::bf16, true},
      {"nvidia-h100-sxm", hw::Dtype::fp8, hw::Dtype::fp8, false},
      {"nvidia-b200", std::nullopt, hw::Dtype::fp4, false},
  };
  for (const Case& c : cases) {
    InferencePrecision want;
    want.weights = hw::Dtype::fp4;
    want.compute = c.compute;
    std::vector<std::string> notes;
    const hw::Chip& chip = test::test_chip(c.chip);
    const ResolvedPrecision r =
        resolve_precision(chip, m, want, software_profile("vllm", 8e10), notes);
    EXPECT_EQ(r.compute, c.expected) << c.chip;
    EXPECT_EQ(r.weights, hw::Dtype::fp4) << c.chip;
    EXPECT_EQ(r.weight_bytes, 0.5 + 1.0 / 16) << c.chip;
    const std::string note = fmt::format(
        "{} has no fp4 matrix units: fp4 weights run weight-only, dequantized to bf16 (W4A16, as "
        "the Marlin and Triton MXFP4 kernels do)",
        c.chip);
    EXPECT_EQ(std::find(notes.begin(), notes.end(), note) != notes.end(), c.weight_only_note)
        << c.chip;
  }
}

// fp8 weights on an NVIDIA chip without fp8 units run W8A16 (Marlin FP8): A100 multiplies in
// bf16, V100 (no bf16 either) in fp16. Ascend's stacks quantize to W8A8 int8 instead.
TEST(InferOps, Fp8WeightsRunWeightOnlyOnNvidiaChipsWithoutFp8Units) {
  const model::ModelArch& m = test::test_model("llama-3-8b");
  struct Case {
    const char* chip;
    hw::Dtype expected;
    const char* note;
  };
  const std::vector<Case> cases = {
      {"nvidia-a100-sxm-80gb", hw::Dtype::bf16,
       "nvidia-a100-sxm-80gb has no fp8 matrix units: fp8 weights run weight-only, dequantized to "
       "bf16 (W8A16, as the Marlin FP8 kernels do)"},
      {"nvidia-v100-sxm2-32gb", hw::Dtype::fp16,
       "nvidia-v100-sxm2-32gb has no fp8 matrix units: fp8 weights run weight-only, dequantized "
       "to fp16 (W8A16, as the Marlin FP8 kernels do)"},
      {"huawei-ascend-910b", hw::Dtype::int8,
       "compute precision fp8 is not supported by huawei-ascend-910b; using int8"},
      {"nvidia-h100-sxm", hw::Dtype::fp8, nullptr},
  };
  for (const Case& c : cases) {
    InferencePrecision want;
    want.weights = hw::Dtype::fp8;
    std::vector<std::string> notes;
    const hw::Chip& chip = test::test_chip(c.chip);
    const ResolvedPrecision r =
        resolve_precision(chip, m, want, software_profile("vllm", 8e10), notes);
    EXPECT_EQ(r.compute, c.expected) << c.chip;
    EXPECT_EQ(r.weight_bytes, 1.0) << c.chip;
    if (c.note != nullptr) {
      EXPECT_NE(std::find(notes.begin(), notes.end(), c.note), notes.end()) << c.chip;
    } else {
      EXPECT_TRUE(notes.empty()) << c.chip;
    }
  }
}

TEST(InferMemory, WeightsOfLlama70bFp8) {
  const InferencePlan p =
      plan_for("llama-2-70b", "nvidia-h100-sxm", 2, 1, 1, hw::Dtype::fp8, hw::Dtype::fp8);
  const MemoryPlan mem = memory_plan(p, 1024);
  // ~69B parameters: ~67B in fp8 matrices plus 2 x 262M in bf16 embeddings, split over TP2.
  EXPECT_NEAR(mem.weights / 1e9, 34.5, 1.0);
  EXPECT_NEAR(mem.weights_total / 1e9, 69.5, 1.5);
  // KV: 80 layers x 8 KV heads (4 per rank) x 128 x K,V x 1 byte.
  EXPECT_DOUBLE_EQ(kv_bytes_per_sequence(p, 1000), 1000.0 * 80 * 2 * 4 * 128);
}

}  // namespace
}  // namespace suanli::perf
