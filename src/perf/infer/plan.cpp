#include "suanli/perf/infer/plan.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "detail/speculative.hpp"
#include "suanli/model/model_stats.hpp"
#include "suanli/perf/common/op_cost.hpp"
#include "suanli/perf/infer/speculative.hpp"

namespace suanli::perf {

std::string layout_text(const Layout& l) {
  std::string s = fmt::format("tp{}", l.tp);
  if (l.pp > 1) s += fmt::format(" pp{}", l.pp);
  if (l.dp > 1) s += fmt::format(" dp{}", l.dp);
  if (l.ep > 1) s += fmt::format(" ep{}", l.ep);
  if (l.etp > 1 && l.etp != l.tp) s += fmt::format(" etp{}", l.etp);
  return s;
}

namespace {

using hw::Dtype;

// Formats to try, in order, when a chip lacks `wanted` (same width first, then wider).
std::vector<Dtype> fallback_ladder(Dtype wanted) {
  switch (wanted) {
    case Dtype::fp4:
      return {Dtype::fp8, Dtype::int8, Dtype::bf16, Dtype::fp16};
    case Dtype::int4:
      return {Dtype::int8, Dtype::fp8, Dtype::bf16, Dtype::fp16};
    case Dtype::fp8:
      return {Dtype::int8, Dtype::bf16, Dtype::fp16};
    case Dtype::int8:
      return {Dtype::fp8, Dtype::bf16, Dtype::fp16};
    case Dtype::bf16:
      return {Dtype::fp16, Dtype::fp32};
    case Dtype::fp16:
      return {Dtype::bf16, Dtype::fp32};
    default:
      return {Dtype::bf16, Dtype::fp16, Dtype::fp32};
  }
}

Dtype supported_or_fallback(const hw::Chip& chip, Dtype wanted, const char* what,
                            std::vector<std::string>& notes) {
  if (chip.supports(wanted)) return wanted;
  for (Dtype d : fallback_ladder(wanted)) {
    if (chip.supports(d)) {
      notes.push_back(fmt::format("{} {} is not supported by {}; using {}", what,
                                  hw::to_string(wanted), chip.id, hw::to_string(d)));
      return d;
    }
  }
  notes.push_back(fmt::format("{} has no known peak for {} or a fallback; assuming it runs {}",
                              chip.id, hw::to_string(wanted), hw::to_string(wanted)));
  return wanted;
}

// The 16-bit GEMM format of weights the chip's matrix units lack, where the kernels that serve
// them dequantize (weight-only): fp4 on every chip without fp4 units (Marlin MXFP4/NVFP4 on
// Ampere and Hopper, the Triton MXFP4 MoE kernels of vLLM and SGLang), fp8 on NVIDIA chips
// without fp8 units (Marlin FP8 on Ampere and Volta). None of them feeds the narrower weights to
// the fp8 or int8 units. Other vendors' stacks quantize fp8 to W8A8 int8 (MindIE, vLLM-Ascend):
// nullopt, and the fallback ladder decides.
std::optional<Dtype> weight_only_compute(const hw::Chip& chip, Dtype weights,
                                         std::vector<std::string>& notes) {
  if (chip.supports(weights)) return std::nullopt;
  std::string_view kernels;
  if (weights == Dtype::fp4) {
    kernels = "W4A16, as the Marlin and Triton MXFP4 kernels do";
  } else if (weights == Dtype::fp8 && chip.vendor == "nvidia") {
    kernels = "W8A16, as the Marlin FP8 kernels do";
  } else {
    return std::nullopt;
  }
  const Dtype sixteen = chip.supports(Dtype::bf16) ? Dtype::bf16 : Dtype::fp16;
  notes.push_back(fmt::format(
      "{} has no {} matrix units: {} weights run weight-only, dequantized to {} ({})", chip.id,
      hw::to_string(weights), hw::to_string(weights), hw::to_string(sixteen), kernels));
  return sixteen;
}

// Bytes per stored weight element including block scales (NVFP4: one fp8 scale per 16 elements;
// int4 AWQ/GPTQ: one 16-bit scale per group of 128).
double stored_bytes(Dtype d) {
  switch (d) {
    case Dtype::fp4:
      return 0.5 + 1.0 / 16;
    case Dtype::int4:
      return 0.5 + 2.0 / 128;
    default:
      return hw::bytes_per_element(d);
  }
}

// Rough per-chip weight bytes when the experts of a stage are spread over `group` chips.
double weights_per_chip(const model::ModelArch& m, int tp, int pp, int group, double wbytes) {
  const model::ParamCounts c = model::count_params(m);
  const double experts = c.experts_routed;
  const double rest = c.total - experts;
  return (rest / tp + experts / group) * wbytes / pp;
}

// The spec-sheet figures an estimate cannot do without. A chip that lacks one is refused with the
// figure named; one given as an estimate is used and said in the notes.
std::string missing_figure(const hw::Chip& chip, const ResolvedPrecision& p) {
  if (!chip.memory_bandwidth.known()) {
    return fmt::format(
        "{} has no memory bandwidth figure in the catalog; an estimate needs it (add "
        "memory.bandwidth to its chip file, or pass a catalog with --data)",
        chip.id);
  }
  for (Dtype d : {p.compute, p.attention}) {
    if (peak_or_half_flops(chip, d) <= 0) {
      return fmt::format(
          "{} has no dense {} peak (nor a 16-bit one) in the catalog; an estimate needs it (add "
          "dense_peak.{} to its chip file, or pass a catalog with --data)",
          chip.id, hw::to_string(d), hw::to_string(d));
    }
  }
  return {};
}

void note_estimated_figures(const hw::Chip& chip, const ResolvedPrecision& p,
                            std::vector<std::string>& notes) {
  if (!chip.memory_bandwidth.estimate.empty()) {
    notes.push_back(fmt::format("{} memory bandwidth is an estimate: {}", chip.id,
                                chip.memory_bandwidth.estimate));
  }
  if (auto it = chip.dense_peak.find(p.compute);
      it != chip.dense_peak.end() && !it->second.estimate.empty()) {
    notes.push_back(fmt::format("{} dense {} peak is an estimate: {}", chip.id,
                                hw::to_string(p.compute), it->second.estimate));
  }
}

}  // namespace

ResolvedPrecision resolve_precision(const hw::Chip& chip, const model::ModelArch& model,
                                    const InferencePrecision& want, const SoftwareProfile& software,
                                    std::vector<std::string>& notes) {
  ResolvedPrecision r;
  // Default GEMM format: the weight format, except int4 weights, which run W4A16, and a float
  // weight format the chip's matrix units lack where its kernels dequantize (weight_only_compute).
  Dtype compute = want.compute.value_or(want.weights == Dtype::int4 ? Dtype::bf16 : want.weights);
  if (!want.compute) {
    if (const auto sixteen = weight_only_compute(chip, want.weights, notes)) compute = *sixteen;
  }
  r.compute = supported_or_fallback(chip, compute, "compute precision", notes);
  // Weights keep their stored format on any chip: a format the matrix engine lacks is
  // dequantized on the fly (weight-only quantization: Marlin FP8/MXFP4 on Ampere/Hopper, W8A8
  // int8 on Ascend), so only the compute format falls back.
  r.weights = want.weights;
  if (hw::bytes_per_element(r.weights) > hw::bytes_per_element(r.compute) &&
      !want.compute.has_value()) {
    r.compute = r.weights;
  }
  r.weight_bytes = stored_bytes(r.weights);
  if (r.weights == Dtype::fp4 && model.fp4_attention_16bit) {
    r.projections = chip.supports(Dtype::bf16)
                        ? Dtype::bf16
                        : supported_or_fallback(chip, Dtype::bf16, "attention projections", notes);
    notes.push_back(fmt::format(
        "attention projections in {}: the 4-bit checkpoints of {} quantize the MLP and expert "
        "matrices only",
        hw::to_string(*r.projections), model.id));
  }
  Dtype kv = Dtype::bf16;
  if (want.kv_cache) {
    kv = *want.kv_cache;
  } else if (software.fp8_kv_default &&
             (want.weights == Dtype::fp8 || want.weights == Dtype::fp4) &&
             chip.supports(Dtype::fp8)) {
    kv = Dtype::fp8;
  }
  if (kv != Dtype::bf16 && kv != Dtype::fp16) {
    kv = supported_or_fallback(chip, kv, "KV-cache precision", notes);
  }
  r.kv_cache = kv;
  // Attention matmuls run in 16 bits, except where the stack attends an fp8 cache in fp8 (the
  // query cast to fp8: FlashAttention-3, FlashMLA-FP8) on the chips it has those kernels for.
  if (kv == Dtype::fp8 && !software.fp8_attention_family.empty() &&
      chip.family == software.fp8_attention_family && chip.supports(Dtype::fp8)) {
    r.attention = Dtype::fp8;
  } else {
    r.attention = chip.supports(Dtype::bf16)
                      ? Dtype::bf16
                      : supported_or_fallback(chip, Dtype::bf16, "attention", notes);
  }
  return r;
}

core::Result<Layout> make_layout(const model::ModelArch& m, int tp, int pp, int dp, int ep) {
  if (tp < 1 || pp < 1 || dp < 1) {
    return core::make_error(
        core::ErrorCode::invalid_input,
        fmt::format("parallel degrees must be >= 1 (tp {}, pp {}, dp {})", tp, pp, dp));
  }
  if (pp > m.n_layers) {
    return core::make_error(core::ErrorCode::invalid_input,
                            fmt::format("pp {} exceeds the {} layers of {}", pp, m.n_layers, m.id));
  }
  Layout l;
  l.tp = tp;
  l.pp = pp;
  l.dp = dp;
  if (!m.is_moe() || ep <= 0) ep = 1;
  if (!m.is_moe()) {
    l.ep = 1;
    l.moe_group = tp;
    l.dpa = 1;
    l.instances = dp;
    return l;
  }
  if (ep > m.n_experts * 2) {
    return core::make_error(
        core::ErrorCode::invalid_input,
        fmt::format("ep {} exceeds twice the {} experts of {}", ep, m.n_experts, m.id));
  }
  l.ep = ep;
  if (ep >= tp) {
    if (ep % tp != 0) {
      return core::make_error(core::ErrorCode::invalid_input,
                              fmt::format("ep {} is not a multiple of tp {}", ep, tp));
    }
    l.moe_group = ep;
    l.etp = 1;
  } else {
    if (tp % ep != 0) {
      return core::make_error(core::ErrorCode::invalid_input,
                              fmt::format("tp {} is not a multiple of ep {}", tp, ep));
    }
    l.moe_group = tp;
    l.etp = tp / ep;
  }
  if ((tp * dp) % l.moe_group != 0) {
    return core::make_error(
        core::ErrorCode::invalid_input,
        fmt::format("ep {} does not divide the {} chips of a pipeline stage (tp {} x dp {})", ep,
                    tp * dp, tp, dp));
  }
  l.dpa = l.moe_group / tp;
  l.instances = tp * dp / l.moe_group;
  return l;
}

core::Result<InferenceParallelism> resolve_degrees(const InferenceParallelism& given, int n_chips) {
  int tp = given.tp, pp = given.pp, dp = given.dp;
  if (pp == 0) pp = (tp > 0 && dp > 0 && n_chips % (tp * dp) == 0) ? n_chips / (tp * dp) : 1;
  if (tp == 0 && dp == 0) {
    tp = n_chips / pp;
    dp = 1;
  } else if (tp == 0) {
    tp = n_chips / std::max(1, pp * dp);
  } else if (dp == 0) {
    dp = n_chips / std::max(1, pp * tp);
  }
  if (tp < 1 || dp < 1 || tp * pp * dp != n_chips) {
    const auto shown = [](int given_value, int derived) {
      return given_value > 0 ? std::to_string(given_value)
                             : (derived > 0 ? std::to_string(derived) : std::string("?"));
    };
    return core::make_error(
        core::ErrorCode::invalid_input,
        fmt::format("tp {} x pp {} x dp {} does not equal the {} chips", shown(given.tp, tp),
                    shown(given.pp, pp), shown(given.dp, dp), n_chips));
  }
  return InferenceParallelism{tp, pp, dp, given.ep};
}

core::Result<Layout> resolve_layout(const model::ModelArch& m, const InferenceParallelism& given,
                                    int n_chips, const hw::Chip& chip, hw::Dtype weights) {
  auto degrees = resolve_degrees(given, n_chips);
  if (!degrees) return degrees.error();
  const int tp = degrees->tp, pp = degrees->pp, dp = degrees->dp;
  if (!m.is_moe() || given.ep > 0) return make_layout(m, tp, pp, dp, given.ep);
  // Expert-parallel size not stated: experts tensor-sliced over the smallest group of attention
  // ranks (a multiple of tp dividing tp x dp) whose weights fit in 85% of memory.
  const double capacity = chip.device_memory_bytes();
  const double wbytes = hw::bytes_per_element(weights);
  int group = tp * dp;
  for (int g = tp; g <= tp * dp; g += tp) {
    if ((tp * dp) % g != 0) continue;
    if (capacity <= 0 || weights_per_chip(m, tp, pp, g, wbytes) <= 0.85 * capacity) {
      group = g;
      break;
    }
  }
  auto l = make_layout(m, tp, pp, dp, 1);
  if (!l) return l;
  Layout out = *l;
  out.moe_group = group;
  out.etp = group;
  out.ep = 1;
  out.dpa = group / tp;
  out.instances = tp * dp / group;
  return out;
}

core::Result<InferencePlan> build_plan(const InferenceRequest& req, int n_chips,
                                       const InferenceParallelism& parallelism) {
  if (req.model == nullptr || req.cluster.chip == nullptr) {
    return core::make_error(core::ErrorCode::internal, "inference request without model or chip");
  }
  InferencePlan plan;
  plan.model = req.model;
  plan.cluster = req.cluster;
  plan.cluster.n_chips = n_chips;
  plan.cluster.scaleup_domain = std::max(1, std::min(plan.cluster.scaleup_domain, n_chips));
  const hw::Chip& chip = *req.cluster.chip;
  plan.software = software_profile(req.software, chip);
  if (req.workload.max_batch > 0) plan.software.max_batch = req.workload.max_batch;
  plan.precision = resolve_precision(chip, *req.model, req.precision, plan.software, plan.notes);
  if (std::string missing = missing_figure(chip, plan.precision); !missing.empty()) {
    return core::make_error(core::ErrorCode::invalid_input, std::move(missing));
  }
  note_estimated_figures(chip, plan.precision, plan.notes);
  // Plain PyTorch code keeps an MoE layer inside its TP group when no ep is stated: no attention
  // data parallelism to slice the experts over (docs/models/inference.md §9).
  InferenceParallelism stated = parallelism;
  if (runs_framework_kernels(req.software) && stated.ep <= 0) stated.ep = 1;
  auto layout = resolve_layout(*req.model, stated, n_chips, chip, plan.precision.weights);
  if (!layout) return layout.error();
  plan.layout = *layout;
  plan.eff = req.efficiency;
  plan.explain = req.explain;
  plan.step_tokens = req.workload.prefill_chunk > 0
                         ? req.workload.prefill_chunk
                         : plan.software.rank_step_tokens(plan.layout.dpa);
  const SpecDecode& spec = req.workload.spec;
  if (spec.draft_tokens > 0) {
    if (auto ok = check_draft_head(*req.model, spec); !ok) return ok.error();
    // MTP modules spread their experts like a MoE layer; an EAGLE head is one dense layer.
    const double split = spec.method == SpecMethod::mtp ? plan.layout.moe_group : 1.0;
    plan.draft_params_per_chip = detail::draft_head(*req.model, spec.method).stored_params / split;
  }
  return plan;
}

}  // namespace suanli::perf
