#include "suanli/api/train.hpp"

#include <fmt/format.h>

#include <array>
#include <cmath>
#include <ratio>

#include "detail/field_makers.hpp"
#include "suanli/api/defaults.hpp"
#include "suanli/api/request_checks.hpp"
#include "suanli/perf/common/measured_efficiency.hpp"
#include "suanli/perf/common/software_profile.hpp"
#include "suanli/units/parse.hpp"

namespace suanli::api {
namespace {

using R = TrainRequest;
using H = HardwareRequest;
using C = perf::LayoutConstraints;
namespace d = detail;

constexpr std::string_view recompute_names() {
  return "none, selective, full";
}

constexpr std::string_view schedule_names() {
  return "1f1b, dualpipe";
}

const std::array train_fields{
    d::text<R, &R::model>("model", "Model id (e.g. llama-3.1-405b)", true),
    d::text<R, &R::hardware, &H::system>("system", "System id (e.g. hgx-h100); or --chip"),
    d::text<R, &R::hardware, &H::chip>("chip", "Chip id (e.g. nvidia-h100-sxm), with --chips"),
    d::integer<R, 1, 10'000'000, &R::hardware, &H::chips>(
        "chips", "Chips of the job (default with --system: one unit)"),
    d::integer<R, 1, 10'000'000, &R::hardware, &H::scaleup_domain>(
        "scaleup-domain", "Chips per scale-up domain (override)"),
    d::number<R, std::milli, std::ratio<10'000'000>, &R::hardware, &H::scaleout_gbps>(
        "scaleout-gbps", "Scale-out Gbit/s per chip (override)"),
    d::integer<R, 1, 10'000'000, &R::hardware, &H::chips_per_node>(
        "chips-per-node", "Chips per host (default: the system's, else 8)"),
    d::integer<R, 1, 10'000'000, &R::seq>("seq", "Tokens per sequence", true),
    d::text<R, &R::global_batch>("global-batch", "Sequences per optimizer step, e.g. 2048"),
    d::text<R, &R::global_batch_tokens>("global-batch-tokens", "Tokens per step, e.g. 16M"),
    d::optional_integer<R, 1, 1'000'000, &R::layout, &C::tp>(
        "tp", "Tensor parallel (with sequence parallel)"),
    d::optional_integer<R, 1, 1'000'000, &R::layout, &C::pp>("pp", "Pipeline stages"),
    d::optional_integer<R, 1, 10'000'000, &R::layout, &C::dp>(
        "dp", "Data-parallel ranks (ZeRO/FSDP included)"),
    d::optional_integer<R, 1, 1'000'000, &R::layout, &C::cp>("cp", "Context parallel"),
    d::optional_integer<R, 1, 1'000'000, &R::layout, &C::ep>("ep",
                                                             "Expert parallel (inside dp x cp)"),
    d::optional_integer<R, 1, 1024, &R::layout, &C::vpp>("vpp",
                                                         "Virtual (interleaved) stages per rank"),
    d::optional_enum<R, perf::PipelineSchedule, perf::parse_schedule, perf::to_string,
                     schedule_names, &R::layout, &C::schedule>(
        "schedule",
        "Pipeline schedule: 1f1b (default; interleaved with --vpp) or dualpipe (DeepSeek-V3's "
        "bidirectional pipeline: pp even, two stages per rank)"),
    d::optional_integer<R, 1, 1'000'000, &R::layout, &C::micro_batch>("micro-batch",
                                                                      "Sequences per micro-batch"),
    d::optional_integer<R, 0, 3, &R::layout, &C::zero>("zero", "ZeRO stage 0..3 (3 = FSDP)"),
    d::optional_enum<R, perf::Recompute, perf::parse_recompute, perf::to_string, recompute_names,
                     &R::layout, &C::recompute>("recompute",
                                                "none, selective or full (default: searched)"),
    d::integer<R, 0, 100'000, &R::recompute_layers>("recompute-layers",
                                                    "Layers per stage fully recomputed (0 = all)"),
    d::precision<R, &R::precision>("precision",
                                   "GEMM precision: bf16, fp16, fp8 (int8, fp4); default bf16"),
    d::precision<R, &R::weights>(
        "weights", "Working weight precision: bf16, fp16 or fp8 (default: bf16 for 8-bit GEMMs)"),
    d::integer<R, 0, 1'000'000, &R::lora_rank>("lora-rank", "LoRA rank (0 = full training)"),
    d::text<R, &R::tokens>("tokens", "Tokens to train on, e.g. 15T: days, chip-hours, cost"),
    d::integer<R, 1, 100, &R::top>("top", "Layouts listed by a search (default 5)"),
    d::text<R, &R::software>("software",
                             "Training stack: megatron, nemo, deepspeed, maxtext, mindformers, "
                             "pytorch (PyTorch-native code), other (default megatron, "
                             "data/defaults.yaml)"),
    Field<R>{"uneven-stages", "Allow pipeline stages with unequal layer counts (the default)",
             FieldKind::flag, false,
             [](R& r, std::string_view t) -> core::Status {
               auto v = parse::flag(t);
               if (!v) return v.error();
               if (*v) r.uneven_stages = true;
               return core::ok_status();
             },
             [](const R&) -> std::optional<std::string> { return std::nullopt; }},
    d::flag<R, true, &R::uneven_stages>(
        "even-stages", "Require every pipeline stage to hold the same number of layers"),
    d::flag<R, false, &R::no_flash_attention>("no-flash-attention", "Materialise attention scores"),
    d::flag<R, false, &R::search>("search",
                                  "Search the fields not given even when tp, pp, dp, cp are"),
    d::flag<R, false, &R::ignore_memory>(
        "ignore-memory",
        "Predict a stated layout even when the memory model says it does not fit (noted)"),
    d::number<R, std::ratio<0>, std::mega, &R::time_budget>(
        "time-budget", "Stop the search after this many seconds"),
    d::integer<R, 1, 1'000'000'000'000, &R::max_evaluations>(
        "max-evaluations", "Stop the search after this many layouts"),
    d::integer<R, 1, 1024, &R::max_micro_batch>("max-micro-batch",
                                                "Largest micro-batch searched (default 16)"),
    d::integer<R, 1, 64, &R::threads>("threads", "Search threads (default 2)"),
};

core::Error usage(const std::string& flag, const std::string& message) {
  return core::make_error(core::ErrorCode::usage, fmt::format("{}: {}", flag, message));
}

core::Status fill_workload(const TrainRequest& a, perf::TrainingWorkload& w,
                           std::vector<std::string>& notes) {
  if (a.seq <= 0) return usage("--seq", "the sequence length must be > 0");
  w.seq_len = a.seq;
  if (a.global_batch.empty() == a.global_batch_tokens.empty()) {
    return usage("--global-batch",
                 "give exactly one of --global-batch (sequences) or --global-batch-tokens");
  }
  const bool tokens = a.global_batch.empty();
  const std::string& text = tokens ? a.global_batch_tokens : a.global_batch;
  const char* flag = tokens ? "--global-batch-tokens" : "--global-batch";
  auto n = units::parse_count(text);
  if (!n || !(*n >= 1) || *n > 1e15) {
    return usage(flag, n ? fmt::format("'{}' is not a positive count", text) : n.error().message);
  }
  const double seqs = tokens ? std::round(*n / a.seq) : *n;
  if (seqs < 1 || seqs > 1e8 || seqs != std::floor(seqs)) {
    return usage(flag, fmt::format("{} sequences per step is not a whole number in 1..1e8", seqs));
  }
  w.global_batch = static_cast<int>(seqs);
  if (tokens && seqs * a.seq != *n) {
    notes.push_back(
        fmt::format("global batch rounded to {} sequences of {} tokens", w.global_batch, a.seq));
  }
  const auto trainable = [](hw::Dtype d, bool compute) {
    return d == hw::Dtype::bf16 || d == hw::Dtype::fp16 || d == hw::Dtype::fp8 ||
           (compute && (d == hw::Dtype::int8 || d == hw::Dtype::fp4));
  };
  if (!trainable(a.precision, true)) {
    return usage("--precision",
                 fmt::format("'{}' is not a training precision", hw::to_string(a.precision)));
  }
  w.compute = a.precision;
  if (a.weights && !trainable(*a.weights, false)) {
    return usage("--weights",
                 fmt::format("'{}' is not a training precision", hw::to_string(*a.weights)));
  }
  w.weights = a.weights.value_or(training_weights(w.compute));
  w.lora_rank = a.lora_rank;
  w.flash_attention = !a.no_flash_attention;
  return core::ok_status();
}

// The stated layout with every unstated field at its default (no search).
perf::TrainingLayout stated_layout(const TrainRequest& a, bool measured_run) {
  const C& c = a.layout;
  perf::TrainingLayout l;
  l.tp = c.tp.value_or(1), l.pp = c.pp.value_or(1), l.dp = c.dp.value_or(1);
  l.cp = c.cp.value_or(1), l.ep = c.ep.value_or(1), l.vpp = c.vpp.value_or(1);
  l.schedule = c.schedule.value_or(perf::PipelineSchedule::one_f_one_b);
  l.micro_batch = c.micro_batch.value_or(1);
  l.recompute_layers = a.recompute_layers;
  // A layout known to have run (ignore_memory after a failed search) is taken with the settings
  // such runs use: full recompute, and FSDP without pipeline stages.
  l.recompute = c.recompute.value_or(measured_run ? perf::Recompute::full : perf::Recompute::none);
  l.zero = c.zero.value_or(measured_run ? (l.pp == 1 ? 3 : 1) : 1);
  return l;
}

}  // namespace

template <>
std::span<const Field<TrainRequest>> fields<TrainRequest>() {
  return train_fields;
}

core::Result<TrainAnswer> predict_training(const catalog::Catalog& cat, const TrainRequest& a,
                                           const TrainOptions& options) {
  if (a.model.empty()) return usage("--model", "a model is required");
  TrainAnswer ans;
  auto model = resolve_model(cat, a.model);
  if (!model) return model.error();
  ans.model = std::move(*model);
  if (!ans.model.note.empty()) ans.notes.push_back(ans.model.note);
  auto hw = resolve_hardware(cat, a.hardware);
  if (!hw) return hw.error();
  ans.hardware = std::move(*hw);
  const perf::LayoutConstraints& given = a.layout;
  const bool layout_given = given.tp || given.pp || given.dp || given.cp;
  use_device_ranks(ans.hardware, layout_given ? given.tp.value_or(1) * given.pp.value_or(1) *
                                                    given.dp.value_or(1) * given.cp.value_or(1)
                                              : 0);
  for (const auto& n : ans.hardware.notes) ans.notes.push_back(n);
  perf::TrainingProblem& p = ans.problem;
  p.model = ans.model.arch;
  p.cluster = ans.hardware.cluster;
  const std::string software = a.software.empty() ? training_stack(cat) : a.software;
  if (auto st = check_training_stack(software); !st) return st.error();
  const perf::ChipEfficiency eff =
      perf::chip_efficiency(options.efficiency ? *options.efficiency : cat.efficiency, cat.profiles,
                            *ans.hardware.chip, software, "training");
  p.eff = eff.values;
  if (eff.noted) ans.notes.push_back("kernel efficiencies: " + eff.source);
  p.allow_uneven_stages = a.uneven_stages;
  p.pytorch_native = perf::runs_framework_kernels(software);
  if (auto st = fill_workload(a, p.workload, ans.notes); !st) return st.error();
  std::optional<double> tokens;
  if (!a.tokens.empty()) {
    auto t = training_tokens(a.tokens, "--tokens");
    if (!t) return t.error();
    tokens = *t;
  }
  const C& c = a.layout;
  if (auto st = perf::check_constraints(p, c); !st) {
    core::Error e = st.error();
    for (core::Problem& pr : e.problems) {
      if (pr.key_path != "chips") pr.key_path = "--" + pr.key_path;
    }
    return e;
  }
  const bool stated = c.tp && c.pp && c.dp && c.cp;
  if (stated && !a.search) {
    auto est = perf::estimate_training(p, stated_layout(a, false), a.ignore_memory);
    if (!est) return est.error();
    ans.estimate = std::move(*est);
  } else {
    perf::SearchOptions o;
    o.top_n = a.top;
    o.threads = a.threads;
    o.time_budget_s = a.time_budget;
    o.max_evaluations = static_cast<std::uint64_t>(a.max_evaluations);
    o.max_micro_batch = a.max_micro_batch;
    o.progress = options.progress;
    auto found = perf::search_training_layouts(p, c, o);
    if (found) {
      ans.estimate = found->top.front();
      ans.search = std::move(*found);
    } else if (a.ignore_memory && c.tp && c.pp && c.dp) {
      auto est = perf::estimate_training(p, stated_layout(a, true), true);
      if (!est) return est.error();
      ans.estimate = std::move(*est);
      ans.notes.emplace_back(
          "no searched layout fits; the stated layout is predicted as it ran "
          "(full recompute, ZeRO-3 without pipeline stages)");
    } else {
      return found.error();
    }
  }
  if (tokens) {
    auto run = perf::time_to_train(ans.estimate, *tokens);
    if (!run) return usage("--tokens", run.error().message);
    ans.run = *run;
    if (ans.hardware.system == nullptr) {
      ans.notes.emplace_back(
          "cost to train needs a catalog system (--system): `suanli plan --train` prices one");
    } else if (auto assumptions =
                   cost::resolve_assumptions(cat.prices, {}, cost::Usage::training, "")) {
      const search::SystemChoice choice{ans.hardware.system, ans.hardware.chip, ""};
      ans.cost = TrainCost{
          search::training_run_cost(choice, {}, *assumptions, cat.prices, run->chips, run->wall_s),
          *assumptions};
    } else {
      ans.notes.push_back("cost to train: " + assumptions.error().message);
    }
  }
  return ans;
}

}  // namespace suanli::api
