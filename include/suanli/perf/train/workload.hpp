// What a training job is and how it is laid out over the chips: the workload (sequence, batch,
// precision, LoRA), the layout (TP/PP/DP/CP/EP, virtual stages, micro-batch, recompute, ZeRO) and
// the problem (model + cluster + efficiency) that the memory, step-time and search models share.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "suanli/hw/dtype.hpp"
#include "suanli/model/model_arch.hpp"
#include "suanli/perf/common/cluster.hpp"
#include "suanli/perf/common/efficiency.hpp"

namespace suanli::perf {

// Activation recomputation: none keeps every activation; selective recomputes norms, activation
// functions and the attention core; full keeps only each layer's input and reruns its forward.
enum class Recompute { none, selective, full };

std::string_view to_string(Recompute r);
std::optional<Recompute> parse_recompute(std::string_view text);

// Pipeline schedule: 1F1B (interleaved with vpp > 1) or DeepSeek-V3's DualPipe, which feeds
// micro-batches from both ends of the pipeline, holds two stages per rank and overlaps the
// expert all-to-all and pipeline sends of one chunk with the computation of another
// (docs/models/training.md, "Pipeline schedules").
enum class PipelineSchedule { one_f_one_b, dualpipe };

std::string_view to_string(PipelineSchedule s);
std::optional<PipelineSchedule> parse_schedule(std::string_view text);

struct TrainingWorkload {
  int seq_len = 0;                      // tokens per sequence
  int global_batch = 0;                 // sequences per optimizer step
  hw::Dtype compute = hw::Dtype::bf16;  // GEMM precision requested (bf16, fp16, fp8, int8, fp4)
  hw::Dtype weights = hw::Dtype::bf16;  // working weight copy used by GEMMs (fp8 = FP8 params)
  int lora_rank = 0;                    // 0 = full training; > 0 = LoRA adapters of this rank
  bool flash_attention = true;          // attention scores are never materialised
};

struct TrainingLayout {
  int tp = 1;   // tensor parallel (with sequence parallel), innermost ranks
  int pp = 1;   // pipeline stages
  int dp = 1;   // data-parallel ranks (ZeRO/FSDP-sharded ones included)
  int cp = 1;   // context parallel: the sequence is split over cp ranks
  int ep = 1;   // expert parallel, carved out of dp x cp (MoE only)
  int vpp = 1;  // virtual (interleaved) stages per pipeline rank
  PipelineSchedule schedule = PipelineSchedule::one_f_one_b;
  int micro_batch = 1;  // sequences per micro-batch per data-parallel rank
  Recompute recompute = Recompute::none;
  int recompute_layers = 0;  // full recompute: layers per stage recomputed; 0 = all of them
  int zero = 1;              // ZeRO stage: 0 replicated, 1 optimizer, 2 + gradients, 3 + weights

  int chips() const { return tp * pp * dp * cp; }
  // Micro-batches per optimizer step on each data-parallel rank.
  int micro_batches(int global_batch) const { return global_batch / (dp * micro_batch); }
};

// Everything the training models need besides the layout. `model` must outlive the problem.
struct TrainingProblem {
  const model::ModelArch* model = nullptr;  // never null in a valid problem
  Cluster cluster;                          // the chips of the job and their networks
  Efficiency eff;                           // training efficiency for (family, software)
  TrainingWorkload workload;
  // Pipeline stages may hold unequal layer counts (Megatron-LM's uneven first/last stages, as in
  // Llama 3's 126 layers over 16 stages); false requires layers % (pp * vpp) == 0.
  bool allow_uneven_stages = true;
  // PyTorch-native model code (`pytorch`: torchtitan, plain modules) rather than a framework's
  // fused kernels: autograd keeps the inputs of every unfused op (K and V repeated to the query
  // heads, the activation function's output) and the loss runs as log-softmax + NLL in fp32
  // (docs/models/training.md, "Memory"). Set from perf::runs_framework_kernels(software).
  bool pytorch_native = false;
};

}  // namespace suanli::perf
