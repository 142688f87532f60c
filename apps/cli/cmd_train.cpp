// `suanli train`: step time, tokens/s, MFU and memory of training a model on a cluster, for a
// given layout or the best searched one (top N and rejection counts), and the time to train.
#include <fmt/format.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>

#include "commands.hpp"
#include "suanli/io/number.hpp"
#include "suanli/io/training_json.hpp"
#include "suanli/perf/training_search.hpp"
#include "suanli/perf/training_time.hpp"
#include "suanli/units/parse.hpp"
#include "train_cost.hpp"

namespace suanli::cli {
namespace {

constexpr int unset = -1;

struct TrainArgs {
  std::string model, system, chip;
  int chips = 0;
  int seq = 0;
  std::string global_batch, global_batch_tokens;
  int tp = unset, pp = unset, dp = unset, cp = unset, ep = unset, vpp = unset;
  int micro_batch = unset, zero = unset, recompute_layers = 0;
  std::string recompute;
  std::string precision = "bf16", weights;
  int lora_rank = 0;
  std::string tokens;
  int top = 5;
  std::string software = "megatron";
  int scaleup_domain = 0;
  double scaleout_gbps = 0;
  bool uneven = true, no_flash = false, search = false;
  double time_budget = 0;
  std::uint64_t max_evaluations = 0;
  int threads = 2;
};

core::Error usage(const std::string& flag, const std::string& message) {
  return core::make_error(core::ErrorCode::usage, fmt::format("{}: {}", flag, message));
}

std::optional<int> opt(int v) {
  return v == unset ? std::nullopt : std::optional<int>(v);
}

// Resolves the cluster from --system or --chip; nullopt after reporting an error.
std::optional<perf::Cluster> cluster_of(CliContext& ctx, const catalog::Catalog& cat,
                                        const TrainArgs& a) {
  if (a.system.empty() == a.chip.empty()) {
    ctx.fail(usage("--system/--chip", "give exactly one of --system S or --chip C"));
    return std::nullopt;
  }
  core::Result<perf::Cluster> made = core::make_error(core::ErrorCode::internal, "");
  if (!a.system.empty()) {
    auto sys = cat.find_system(a.system);
    if (!sys) return ctx.fail(sys.error()), std::nullopt;
    if (!sys->note.empty()) ctx.note(sys->note);
    auto chip = cat.find_chip(sys->item->chip_id);
    if (!chip) return ctx.fail(chip.error()), std::nullopt;
    made = perf::make_cluster(*sys->item, *chip->item, a.chips);
    if (made && a.scaleup_domain > 0)
      made->scaleup_domain = std::min(a.scaleup_domain, made->n_chips);
    if (made && a.scaleout_gbps > 0)
      made->scaleout.bandwidth = units::BytesPerSecond(a.scaleout_gbps * 1e9 / 8);
  } else {
    auto chip = cat.find_chip(a.chip);
    if (!chip) return ctx.fail(chip.error()), std::nullopt;
    if (!chip->note.empty()) ctx.note(chip->note);
    if (a.chips <= 0)
      return ctx.fail(usage("--chips", "a chip count > 0 is needed with --chip")), std::nullopt;
    made = perf::make_cluster(*chip->item, a.chips, a.scaleup_domain, a.scaleout_gbps);
    if (made) perf::assume_chip_topology(*made);
  }
  if (!made) return ctx.fail(made.error()), std::nullopt;
  return *made;
}

// Fills the workload; false after reporting an error.
bool workload_of(CliContext& ctx, const TrainArgs& a, perf::TrainingWorkload& w) {
  if (a.seq <= 0) return ctx.fail(usage("--seq", "the sequence length must be > 0")), false;
  w.seq_len = a.seq;
  if (a.global_batch.empty() == a.global_batch_tokens.empty()) {
    ctx.fail(usage("--global-batch",
                   "give exactly one of --global-batch (sequences) or "
                   "--global-batch-tokens"));
    return false;
  }
  const bool tokens = !a.global_batch.empty() ? false : true;
  const std::string& text = tokens ? a.global_batch_tokens : a.global_batch;
  auto n = units::parse_count(text);
  if (!n || !(*n >= 1) || *n > 1e15) {
    ctx.fail(usage(tokens ? "--global-batch-tokens" : "--global-batch",
                   n ? fmt::format("'{}' is not a positive count", text) : n.error().message));
    return false;
  }
  const double seqs = tokens ? std::round(*n / a.seq) : *n;
  if (seqs < 1 || seqs > 1e8 || seqs != std::floor(seqs)) {
    ctx.fail(usage(tokens ? "--global-batch-tokens" : "--global-batch",
                   fmt::format("{} sequences per step is not a whole number in 1..1e8", seqs)));
    return false;
  }
  w.global_batch = static_cast<int>(seqs);
  if (tokens && seqs * a.seq != *n) {
    ctx.note(
        fmt::format("global batch rounded to {} sequences of {} tokens", w.global_batch, a.seq));
  }
  for (auto [flag, value, out] : {std::tuple{"--precision", &a.precision, &w.compute},
                                  {"--weights", &a.weights, &w.weights}}) {
    if (value->empty()) continue;
    auto d = hw::parse_dtype(*value);
    const bool ok = d && (*d == hw::Dtype::bf16 || *d == hw::Dtype::fp16 || *d == hw::Dtype::fp8 ||
                          (out == &w.compute && (*d == hw::Dtype::int8 || *d == hw::Dtype::fp4)));
    if (!ok)
      return ctx.fail(usage(flag, fmt::format("'{}' is not a training precision", *value))), false;
    *out = *d;
  }
  if (a.weights.empty()) w.weights = hw::bit_length(w.compute) <= 8 ? hw::Dtype::bf16 : w.compute;
  if (a.lora_rank < 0) return ctx.fail(usage("--lora-rank", "must be >= 0")), false;
  w.lora_rank = a.lora_rank;
  w.flash_attention = !a.no_flash;
  return true;
}

void emit(CliContext& ctx, nlohmann::ordered_json json, const perf::TrainingEstimate& e,
          const perf::TrainingSearchResult* search, const std::optional<perf::TrainingRun>& run,
          const std::optional<TrainRunCost>& cost) {
  const nlohmann::ordered_json body = io::training_estimate_json(e);
  for (const auto& [k, v] : body.items()) json[k] = v;
  if (run) json["time_to_train"] = io::training_run_json(*run);
  if (cost) json["cost_to_train"] = cost->json;
  if (search) json["search"] = io::training_search_json(*search);
  if (ctx.format() == Format::json) return ctx.emit_json(json);
  ctx.emit(json, io::training_table(e));
  if (ctx.format() != Format::text) return;
  if (run) {
    ctx.out << fmt::format("\n{} tokens: {} steps, {} days, {} chip-hours\n",
                           io::format_number(run->tokens), static_cast<std::int64_t>(run->steps),
                           io::format_number(run->days), io::format_number(run->chip_hours));
  }
  if (cost) ctx.out << cost->text;
  if (search) {
    ctx.out << "\n" << io::training_top_table(*search).to_text();
    std::string rejected;
    for (std::size_t i = 0; i < search->rejected.size(); ++i) {
      if (search->rejected[i] == 0) continue;
      rejected += fmt::format("{}{} {}", rejected.empty() ? "" : ", ",
                              perf::to_string(perf::all_reject_reasons[i]), search->rejected[i]);
    }
    ctx.out << fmt::format("\n{} layouts evaluated ({}); rejected: {}\n", search->evaluated,
                           perf::to_string(search->stop), rejected.empty() ? "none" : rejected);
  }
  for (const std::string& n : e.notes) ctx.out << "note: " << n << "\n";
}

void run_train(CliContext& ctx, const TrainArgs& a) {
  const catalog::Catalog* cat = ctx.catalog();
  if (cat == nullptr) return;
  auto model = cat->find_model(a.model);
  if (!model) return (void)ctx.fail(model.error());
  if (!model->note.empty()) ctx.note(model->note);
  auto cluster = cluster_of(ctx, *cat, a);
  if (!cluster) return;
  perf::TrainingProblem p;
  p.model = model->item;
  p.cluster = *cluster;
  p.eff = perf::lookup_efficiency(cat->efficiency, cluster->chip->family, a.software, "training");
  p.allow_uneven_stages = a.uneven;
  if (!workload_of(ctx, a, p.workload)) return;
  if (a.top < 1 || a.top > 100) return (void)ctx.fail(usage("--top", "must be in 1..100"));
  std::optional<double> tokens;
  if (!a.tokens.empty()) {
    auto t = units::parse_count(a.tokens);
    if (!t) return (void)ctx.fail(usage("--tokens", t.error().message));
    tokens = *t;
  }
  perf::LayoutConstraints c;
  c.tp = opt(a.tp), c.pp = opt(a.pp), c.dp = opt(a.dp), c.cp = opt(a.cp), c.ep = opt(a.ep);
  c.vpp = opt(a.vpp), c.micro_batch = opt(a.micro_batch), c.zero = opt(a.zero);
  if (!a.recompute.empty()) {
    c.recompute = perf::parse_recompute(a.recompute);
    if (!c.recompute) {
      return (void)ctx.fail(
          usage("--recompute", fmt::format("'{}' is not none, selective or full", a.recompute)));
    }
  }
  if (auto st = perf::check_constraints(p, c); !st) {
    core::Error e = st.error();
    for (core::Problem& pr : e.problems) {
      if (pr.key_path != "chips") pr.key_path = "--" + pr.key_path;
    }
    return (void)ctx.fail(e);
  }
  nlohmann::ordered_json json;
  json["model"] = model->item->id;
  json["system"] = cluster->system_id.empty() ? nlohmann::ordered_json(nullptr)
                                              : nlohmann::ordered_json(cluster->system_id);
  json["chip"] = cluster->chip->id;
  json["chips"] = cluster->n_chips;
  json["scaleup_domain"] = cluster->scaleup_domain;
  json["scaleup_topology"] = hw::to_string(cluster->scaleup_topology);
  json["workload"] = {{"seq_len", p.workload.seq_len},
                      {"global_batch_seqs", p.workload.global_batch},
                      {"global_batch_tokens",
                       static_cast<std::int64_t>(p.workload.global_batch) * p.workload.seq_len},
                      {"precision", hw::to_string(p.workload.compute)},
                      {"weights", hw::to_string(p.workload.weights)},
                      {"lora_rank", p.workload.lora_rank}};
  const auto with_run = [&](const perf::TrainingEstimate& e) -> std::optional<perf::TrainingRun> {
    if (!tokens) return std::nullopt;
    auto r = perf::time_to_train(e, *tokens);
    if (!r) return ctx.fail(usage("--tokens", r.error().message)), std::nullopt;
    return *r;
  };
  const auto cost_of = [&](const std::optional<perf::TrainingRun>& run) {
    return run ? train_run_cost(ctx, *cat, a.system, *run) : std::nullopt;
  };
  if (c.tp && c.pp && c.dp && c.cp && !a.search) {
    perf::TrainingLayout l;
    l.tp = *c.tp, l.pp = *c.pp, l.dp = *c.dp, l.cp = *c.cp, l.ep = c.ep.value_or(1);
    l.vpp = c.vpp.value_or(1), l.micro_batch = c.micro_batch.value_or(1);
    l.recompute = c.recompute.value_or(perf::Recompute::none);
    l.recompute_layers = a.recompute_layers;
    l.zero = c.zero.value_or(1);
    auto est = perf::estimate_training(p, l);
    if (!est) return (void)ctx.fail(est.error());
    auto run = with_run(*est);
    if (tokens && !run) return;
    return emit(ctx, json, *est, nullptr, run, cost_of(run));
  }
  perf::SearchOptions o;
  o.top_n = a.top;
  o.threads = a.threads;
  o.time_budget_s = a.time_budget;
  o.max_evaluations = a.max_evaluations;
  bool drawn = false;
  if (isatty(fileno(stderr)) != 0) {
    o.progress = [&](std::size_t done, std::size_t total, double elapsed) {
      if (elapsed < 1.0 || total == 0) return;
      const auto filled = static_cast<int>(30 * done / total);
      ctx.err << fmt::format("\r[{:<30}] {:3}% {:.1f} s",
                             std::string(static_cast<std::size_t>(filled), '#'), 100 * done / total,
                             elapsed)
              << std::flush;
      drawn = true;
    };
  }
  auto found = perf::search_training_layouts(p, c, o);
  if (drawn) ctx.err << "\r" << std::string(48, ' ') << "\r" << std::flush;
  if (!found) return (void)ctx.fail(found.error());
  auto run = with_run(found->top.front());
  if (tokens && !run) return;
  emit(ctx, json, found->top.front(), &*found, run, cost_of(run));
}

}  // namespace

void register_train(CLI::App& app, CliContext& ctx) {
  auto a = std::make_shared<TrainArgs>();
  CLI::App* cmd = app.add_subcommand(
      "train", "Training step time, tokens/s, MFU and memory for a layout, or the best layouts");
  cmd->add_option("--model", a->model, "Model id (e.g. llama-3.1-405b)")->required();
  cmd->add_option("--system", a->system, "System id (e.g. hgx-h100); or --chip");
  cmd->add_option("--chip", a->chip, "Chip id (e.g. nvidia-h100-sxm), with --chips");
  cmd->add_option("--chips", a->chips, "Chips of the job (default with --system: one unit)");
  cmd->add_option("--seq", a->seq, "Tokens per sequence")->required();
  cmd->add_option("--global-batch", a->global_batch, "Sequences per optimizer step, e.g. 2048");
  cmd->add_option("--global-batch-tokens", a->global_batch_tokens, "Tokens per step, e.g. 16M");
  for (auto [name, field, help] :
       {std::tuple{"--tp", &a->tp, "Tensor parallel (with sequence parallel)"},
        {"--pp", &a->pp, "Pipeline stages"},
        {"--dp", &a->dp, "Data-parallel ranks (ZeRO/FSDP included)"},
        {"--cp", &a->cp, "Context parallel"},
        {"--ep", &a->ep, "Expert parallel (inside dp x cp)"},
        {"--vpp", &a->vpp, "Virtual (interleaved) stages per rank"},
        {"--micro-batch", &a->micro_batch, "Sequences per micro-batch"},
        {"--zero", &a->zero, "ZeRO stage 0..3 (3 = FSDP)"}}) {
    cmd->add_option(name, *field, help);
  }
  cmd->add_option("--recompute", a->recompute, "none, selective or full (default: searched)");
  cmd->add_option("--recompute-layers", a->recompute_layers,
                  "Layers per stage fully recomputed (0 = all)");
  cmd->add_option("--precision", a->precision, "GEMM precision: bf16, fp16, fp8 (int8, fp4)")
      ->capture_default_str();
  cmd->add_option("--weights", a->weights,
                  "Working weight precision: bf16, fp16 or fp8 (FP8 parameters)");
  cmd->add_option("--lora-rank", a->lora_rank, "LoRA rank (0 = full training)")
      ->capture_default_str();
  cmd->add_option("--tokens", a->tokens, "Tokens to train on, e.g. 15T: days and chip-hours");
  cmd->add_option("--top", a->top, "Layouts listed by a search")->capture_default_str();
  cmd->add_option("--software", a->software, "Training stack for the efficiency lookup")
      ->capture_default_str();
  cmd->add_option("--scaleup-domain", a->scaleup_domain, "Chips per scale-up domain (override)");
  cmd->add_option("--scaleout-gbps", a->scaleout_gbps, "Scale-out Gbit/s per chip (override)");
  cmd->add_flag("--uneven-stages", a->uneven,
                "Allow pipeline stages with unequal layer counts (the default)");
  cmd->add_flag("!--even-stages", a->uneven,
                "Require every pipeline stage to hold the same number of layers");
  cmd->add_flag("--no-flash-attention", a->no_flash, "Materialise attention scores");
  cmd->add_flag("--search", a->search, "Search the fields not given even when tp, pp, dp, cp are");
  cmd->add_option("--time-budget", a->time_budget, "Stop the search after this many seconds");
  cmd->add_option("--max-evaluations", a->max_evaluations,
                  "Stop the search after this many layouts");
  cmd->add_option("--threads", a->threads, "Search threads")
      ->capture_default_str()
      ->check(CLI::Range(1, 64));
  cmd->callback([&ctx, a] { run_train(ctx, *a); });
}

}  // namespace suanli::cli
