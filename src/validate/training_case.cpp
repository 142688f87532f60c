// Prediction of a training case of a validation suite: the stated layout where given, the best
// searched layout (constrained by the stated fields) where not. Defaults for missing workload
// figures are documented in docs/models/training.md ("Validation cases").
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <numeric>

#include "detail/case_mapping.hpp"
#include "suanli/api/train.hpp"
#include "suanli/validate/suite.hpp"

namespace suanli::validate {
namespace {

constexpr int default_lora_rank = 16;  // MLPerf llama2_70b_lora reference

Prediction skip(std::string reason) {
  Prediction p;
  p.skip_reason = std::move(reason);
  return p;
}

// True when `text` contains `word` (lower case), not followed by a letter or digit.
bool mentions(const std::string& text, std::string_view word) {
  std::string lower = text;
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
  for (std::size_t at = lower.find(word); at != std::string::npos; at = lower.find(word, at + 1)) {
    const std::size_t end = at + word.size();
    if (end >= lower.size() || std::isalnum(static_cast<unsigned char>(lower[end])) == 0)
      return true;
  }
  return false;
}

// ZeRO stage named in a case's notes ("ZeRO-3", "ZeRO stage 1", "FSDP=1" / "FSDP 1" = 3).
std::optional<int> zero_from_notes(const std::string& notes) {
  for (int z = 0; z <= 3; ++z) {
    if (mentions(notes, fmt::format("zero-{}", z)) ||
        mentions(notes, fmt::format("zero stage {}", z))) {
      return z;
    }
  }
  if (mentions(notes, "fsdp=1") || mentions(notes, "fsdp 1")) return 3;
  return std::nullopt;
}

// Global batch when the case gives none: one 1024-token share per chip and at least 4M tokens
// per step, rounded up to a multiple of the odd part of the chip count (so dp can use it).
int default_global_batch(int chips, int seq) {
  const double tokens = std::max(4.0 * 1024 * 1024, 1024.0 * chips);
  int odd = chips;
  while (odd % 2 == 0) odd /= 2;
  const double seqs = std::ceil(tokens / seq);
  return static_cast<int>(std::ceil(seqs / odd) * odd);
}

double scope_factor(const Case& c, const perf::Cluster& cluster) {
  switch (c.per) {
    case Per::chip:
      return 1.0 / cluster.n_chips;
    case Per::node:
      return static_cast<double>(cluster.chips_per_node) / cluster.n_chips;
    case Per::system:
      break;
  }
  return 1.0;
}

}  // namespace

namespace detail {

MappedTraining map_training_case(const Case& c, const catalog::Catalog& cat) {
  MappedTraining out;
  auto model = cat.find_model(c.model);
  auto chip = cat.find_chip(c.system.chip);
  if (!model) {
    out.skip = fmt::format("model '{}' is not in the catalog", c.model);
  } else if (!chip) {
    out.skip = fmt::format("chip '{}' is not in the catalog", c.system.chip);
  } else if (c.system.chips < 1) {
    out.skip = "no chip count";
  } else if (!c.training) {
    out.skip = "no training block";
  }
  if (!out.skip.empty()) return out;
  api::TrainRequest& r = out.request;  // the same request `suanli train` builds from flags
  const TrainingSpec& t = *c.training;
  const model::ModelArch& m = *model->item;
  r.model = c.model;
  r.hardware = detail::case_hardware(c);
  r.software = c.software;
  r.uneven_stages = true;  // the measured runs split layers as their stacks allow
  if (t.seq_len) {
    r.seq = *t.seq_len;
  } else {
    r.seq = m.max_position > 0 ? std::min(m.max_position, 4096) : 4096;
    out.assumed = true;
    out.notes.push_back(fmt::format("sequence length not stated: {} assumed", r.seq));
  }
  if (t.global_batch_seqs) {
    r.global_batch = std::to_string(*t.global_batch_seqs);
  } else {
    const int seqs = default_global_batch(c.system.chips, r.seq);
    r.global_batch = std::to_string(seqs);
    out.assumed = true;
    out.notes.push_back(fmt::format("global batch not stated: {} sequences assumed", seqs));
  }
  r.precision = c.precision.compute.value_or(hw::Dtype::bf16);
  // Training keeps 8- or 16-bit working weights; a narrower stated format (an inference
  // checkpoint) or a wider one trains in bf16.
  if (c.precision.weights && hw::bit_length(*c.precision.weights) <= 16 &&
      hw::bit_length(*c.precision.weights) >= 8) {
    r.weights = *c.precision.weights;
  } else {
    r.weights = hw::Dtype::bf16;
  }
  if (mentions(c.source + " " + c.notes, "lora")) {
    r.lora_rank = default_lora_rank;
    out.notes.push_back(
        fmt::format("LoRA fine-tuning (from the source); rank {} assumed", r.lora_rank));
  }
  perf::LayoutConstraints& k = r.layout;
  k.tp = t.tp, k.pp = t.pp, k.dp = t.dp, k.cp = t.cp, k.vpp = t.vpp, k.micro_batch = t.micro_batch;
  k.ep = m.is_moe() ? t.ep : std::optional<int>(1);
  if (!t.recompute.empty()) k.recompute = perf::parse_recompute(t.recompute);
  // The pipeline schedule is not a suite field either; the notes name DualPipe where it ran.
  if (mentions(c.notes, "dualpipe") && t.pp && *t.pp > 1) {
    k.schedule = perf::PipelineSchedule::dualpipe;
    out.notes.push_back("DualPipe schedule (from the notes)");
  }
  // The sharding stage is not a suite field; the notes name it when the source does.
  if (const std::optional<int> zero = zero_from_notes(c.notes);
      zero && !(*zero >= 2 && t.pp && *t.pp > 1)) {
    k.zero = zero;
    out.notes.push_back(fmt::format("ZeRO-{} from the notes", *zero));
  }
  r.search = true;         // the unstated fields are searched even when tp/pp/dp/cp are given
  r.ignore_memory = true;  // a stated layout ran, so it is predicted even if it seems not to fit
  r.top = 1;
  r.threads = 1;  // callers (calibrate) parallelise over cases
  r.max_micro_batch = 8;
  return out;
}

}  // namespace detail

Prediction predict_training_case(const Case& c, const catalog::Catalog& cat,
                                 const std::vector<perf::EfficiencyEntry>& efficiency) {
  if (!c.training) return skip("no training block");
  if (c.metric != Metric::train_tokens_per_s && c.metric != Metric::step_time_s &&
      c.metric != Metric::mfu) {
    return skip(
        fmt::format("metric '{}' is not predicted by the training engine", to_string(c.metric)));
  }
  detail::MappedTraining m = detail::map_training_case(c, cat);
  if (!m.skip.empty()) return skip(m.skip);
  Prediction pred;
  pred.train_request = m.request;
  pred.assumed = m.assumed;
  pred.notes = std::move(m.notes);
  const api::TrainRequest& r = m.request;
  auto answer = api::predict_training(cat, r, {&efficiency, {}});
  if (!answer) {
    Prediction skipped = skip("no layout fits: " + answer.error().describe());
    skipped.train_request = std::move(pred.train_request);
    return skipped;
  }
  const perf::TrainingEstimate* est = &answer->estimate;
  const perf::TrainingEstimate& e = *est;
  const perf::TrainingProblem& problem = answer->problem;
  const perf::TrainingLayout& l = e.layout;
  pred.notes.push_back(fmt::format(
      "layout tp {} pp {} dp {} cp {} ep {} vpp {} mb {} {} recompute{} "
      "ZeRO-{}",
      l.tp, l.pp, l.dp, l.cp, l.ep, l.vpp, l.micro_batch, perf::to_string(l.recompute),
      l.recompute_layers > 0 ? fmt::format(" ({} layers)", l.recompute_layers) : "", l.zero));
  const perf::TrainingBreakdown& b = e.breakdown;
  pred.notes.push_back(
      fmt::format("step {:.4g} s: compute {:.3g}, recompute {:.3g}, tp {:.3g}, cp {:.3g}, ep "
                  "{:.3g}, pp {:.3g}, "
                  "dp {:.3g}, bubble {:.3g}, optimizer {:.3g}, overhead {:.3g}; {:.1f} of {:.1f} "
                  "GB; MFU {:.3f}",
                  e.step_time, b.compute, b.recompute, b.tp, b.cp, b.ep, b.pp, b.dp, b.bubble,
                  b.optimizer, b.overhead, e.memory.total / 1e9, e.memory.capacity / 1e9, e.mfu));
  pred.notes.insert(pred.notes.end(), e.notes.begin(), e.notes.end());
  pred.predicted = true;
  if (c.metric == Metric::step_time_s) {
    pred.value = e.step_time;
    pred.band_low = e.step_time / e.band.high;
    pred.band_high = e.step_time / e.band.low;
  } else {
    pred.value =
        c.metric == Metric::mfu ? e.mfu : e.tokens_per_s * scope_factor(c, problem.cluster);
    pred.band_low = pred.value * e.band.low;
    pred.band_high = pred.value * e.band.high;
  }
  return pred;
}

}  // namespace suanli::validate
