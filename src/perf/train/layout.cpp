// Validity rules of training layouts and problems (docs/models/training.md, "Layouts").
#include <fmt/format.h>

#include <array>

#include "detail/rules.hpp"
#include "suanli/core/enum_names.hpp"
#include "suanli/perf/common/op_cost.hpp"
#include "suanli/perf/train/layout.hpp"

namespace suanli::perf {
namespace {

constexpr int max_degree = 1'000'000;          // any parallel degree
constexpr int max_micro_batch = 65'536;        // sequences
constexpr int max_seq = 16'777'216;            // tokens (16M)
constexpr int max_global_batch = 100'000'000;  // sequences

constexpr std::array<core::EnumName<PipelineSchedule>, 2> schedule_names{{
    {PipelineSchedule::one_f_one_b, "1f1b"},
    {PipelineSchedule::dualpipe, "dualpipe"},
}};

}  // namespace

std::string_view to_string(Recompute r) {
  switch (r) {
    case Recompute::none:
      return "none";
    case Recompute::selective:
      return "selective";
    case Recompute::full:
      return "full";
  }
  return "none";
}

std::optional<Recompute> parse_recompute(std::string_view text) {
  for (Recompute r : {Recompute::none, Recompute::selective, Recompute::full}) {
    if (text == to_string(r)) return r;
  }
  return std::nullopt;
}

std::string_view to_string(PipelineSchedule s) {
  return core::name_of(schedule_names, s);
}

std::optional<PipelineSchedule> parse_schedule(std::string_view text) {
  return core::value_of(schedule_names, text);
}

std::string_view to_string(RejectReason r) {
  switch (r) {
    case RejectReason::chips:
      return "chips";
    case RejectReason::heads:
      return "heads";
    case RejectReason::layers:
      return "layers";
    case RejectReason::batch:
      return "batch";
    case RejectReason::sequence:
      return "sequence";
    case RejectReason::experts:
      return "experts";
    case RejectReason::zero_with_pipeline:
      return "zero_with_pipeline";
    case RejectReason::recompute:
      return "recompute";
    case RejectReason::memory:
      return "memory";
    case RejectReason::range:
      return "range";
  }
  return "range";
}

int max_layers_per_stage(int n_layers, int pp) {
  return (n_layers + pp - 1) / pp;
}

core::Status check_problem(const TrainingProblem& p) {
  using core::ErrorCode;
  const auto bad = [](std::string msg) {
    return core::make_error(ErrorCode::invalid_input, std::move(msg));
  };
  if (p.model == nullptr || p.model->n_layers <= 0 || p.model->d_model <= 0 ||
      p.model->n_heads <= 0) {
    return bad("the model has no layers, hidden size or heads");
  }
  if (p.cluster.chip == nullptr || p.cluster.n_chips < 1) return bad("the cluster has no chips");
  const hw::Chip& chip = *p.cluster.chip;
  if (!chip.memory_capacity.known() || !chip.memory_bandwidth.known()) {
    const char* missing = !chip.memory_capacity.known() && !chip.memory_bandwidth.known()
                              ? "memory capacity and bandwidth"
                          : !chip.memory_capacity.known() ? "memory capacity"
                                                          : "memory bandwidth";
    return bad(fmt::format("chip '{}' has no known {}", chip.id, missing));
  }
  bool fell_back = false;
  const hw::Dtype dt = effective_compute_dtype(chip, p.workload.compute, fell_back);
  if (peak_flops(chip, dt) <= 0) {
    return bad(fmt::format("chip '{}' has no known dense peak for {} or a wider format", chip.id,
                           hw::to_string(p.workload.compute)));
  }
  const TrainingWorkload& w = p.workload;
  if (w.seq_len < 1 || w.seq_len > max_seq) {
    return bad(fmt::format("sequence length {} is outside 1..{}", w.seq_len, max_seq));
  }
  if (w.global_batch < 1 || w.global_batch > max_global_batch) {
    return bad(fmt::format("global batch {} sequences is outside 1..{}", w.global_batch,
                           max_global_batch));
  }
  if (w.lora_rank < 0 || w.lora_rank > p.model->d_model) {
    return bad(fmt::format("LoRA rank {} is outside 0..{} (the hidden size)", w.lora_rank,
                           p.model->d_model));
  }
  return core::ok_status();
}

namespace detail {

bool violates(RejectReason reason, const TrainingProblem& p, const TrainingLayout& l,
              std::string* message) {
  const model::ModelArch& m = *p.model;
  const TrainingWorkload& w = p.workload;
  const auto fail = [message](std::string text) {
    if (message != nullptr) *message = std::move(text);
    return true;
  };
  switch (reason) {
    case RejectReason::range:
      for (auto [name, value] : {std::pair{"tp", l.tp},
                                 {"pp", l.pp},
                                 {"dp", l.dp},
                                 {"cp", l.cp},
                                 {"ep", l.ep},
                                 {"vpp", l.vpp}}) {
        if (value < 1 || value > max_degree) {
          return fail(fmt::format("{} = {} is outside 1..{}", name, value, max_degree));
        }
      }
      if (l.micro_batch < 1 || l.micro_batch > max_micro_batch) {
        return fail(fmt::format("micro-batch {} is outside 1..{}", l.micro_batch, max_micro_batch));
      }
      if (l.zero < 0 || l.zero > 3)
        return fail(fmt::format("ZeRO stage {} is not 0, 1, 2 or 3", l.zero));
      return false;
    case RejectReason::chips: {
      const long long chips = static_cast<long long>(l.tp) * l.pp * l.dp * l.cp;
      if (chips == p.cluster.n_chips) return false;
      return fail(fmt::format("tp*pp*dp*cp = {}*{}*{}*{} = {} but the job has {} chips", l.tp, l.pp,
                              l.dp, l.cp, chips, p.cluster.n_chips));
    }
    case RejectReason::heads:
      if (m.n_heads % l.tp != 0) {
        return fail(
            fmt::format("{} attention heads are not divisible by tp = {}", m.n_heads, l.tp));
      }
      if (m.attention != model::AttentionKind::mla && m.n_kv_heads % l.tp != 0) {
        return fail(fmt::format("{} KV heads are not divisible by tp = {}", m.n_kv_heads, l.tp));
      }
      return false;
    case RejectReason::layers: {
      if (l.vpp > 1 && l.pp == 1) {
        return fail("virtual stages (vpp > 1) need pipeline parallelism (pp > 1)");
      }
      if (l.schedule == PipelineSchedule::dualpipe) {
        if (l.pp < 2 || l.pp % 2 != 0) {
          return fail(fmt::format(
              "DualPipe needs an even number of pipeline stages, at least 2 (pp = {})", l.pp));
        }
        if (const std::string vpp = dualpipe_vpp_problem(l.vpp); !vpp.empty()) return fail(vpp);
      }
      const long long chunks = static_cast<long long>(l.pp) * l.vpp;
      if (chunks > m.n_layers) {
        return fail(fmt::format("pp*vpp = {} exceeds the {} layers (a stage would be empty)",
                                chunks, m.n_layers));
      }
      if (!p.allow_uneven_stages && m.n_layers % chunks != 0) {
        return fail(
            fmt::format("{} layers are not divisible by pp*vpp = {} (allow uneven stages to "
                        "split them unequally)",
                        m.n_layers, chunks));
      }
      return false;
    }
    case RejectReason::batch: {
      const long long per_step = static_cast<long long>(l.dp) * l.micro_batch;
      if (w.global_batch % per_step != 0) {
        return fail(fmt::format("global batch {} is not divisible by dp*micro_batch = {}*{}",
                                w.global_batch, l.dp, l.micro_batch));
      }
      const long long mbs = w.global_batch / per_step;
      if (l.schedule == PipelineSchedule::dualpipe && (mbs % 2 != 0 || mbs < l.pp)) {
        return fail(fmt::format(
            "DualPipe feeds half of the micro-batches from each end: it needs an even number, at "
            "least pp = {} ({} micro-batches of {} sequences per data-parallel rank)",
            l.pp, mbs, l.micro_batch));
      }
      return false;
    }
    case RejectReason::sequence:
      if (l.cp == 1 || w.seq_len % (2 * l.cp) == 0) return false;
      return fail(fmt::format("sequence {} is not divisible by 2*cp = {}", w.seq_len, 2 * l.cp));
    case RejectReason::experts:
      if (l.ep > 1 && !m.is_moe()) return fail(fmt::format("ep = {} on a dense model", l.ep));
      if (m.is_moe() && m.n_experts % l.ep != 0) {
        return fail(fmt::format("{} experts are not divisible by ep = {}", m.n_experts, l.ep));
      }
      if ((static_cast<long long>(l.dp) * l.cp) % l.ep != 0) {
        return fail(fmt::format("ep = {} does not divide dp*cp = {}", l.ep,
                                static_cast<long long>(l.dp) * l.cp));
      }
      return false;
    case RejectReason::zero_with_pipeline:
      if (l.zero < 2 || l.pp == 1) return false;
      return fail(
          fmt::format("ZeRO-{} shards gradients every micro-batch and is not combined with "
                      "pp = {}",
                      l.zero, l.pp));
    case RejectReason::recompute: {
      const int per_stage = max_layers_per_stage(m.n_layers, l.pp);
      if (l.recompute_layers >= 0 && l.recompute_layers <= per_stage &&
          (l.recompute_layers == 0 || l.recompute == Recompute::full)) {
        return false;
      }
      return fail(
          fmt::format("recompute_layers = {} needs full recompute and at most {} layers "
                      "per stage",
                      l.recompute_layers, per_stage));
    }
    case RejectReason::memory:
      return false;
  }
  return false;
}

}  // namespace detail

std::optional<LayoutIssue> check_layout(const TrainingProblem& p, const TrainingLayout& l) {
  std::string message;
  for (RejectReason r : all_reject_reasons) {
    if (detail::violates(r, p, l, &message)) return LayoutIssue{r, message};
  }
  return std::nullopt;
}

std::string dualpipe_vpp_problem(int vpp) {
  if (vpp <= 1) return "";
  return fmt::format("DualPipe holds its own two stages per rank: vpp must be 1 (vpp = {})", vpp);
}

}  // namespace suanli::perf
