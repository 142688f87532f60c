#include "suanli/api/request_checks.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "suanli/core/did_you_mean.hpp"
#include "suanli/perf/common/software_profile.hpp"
#include "suanli/perf/infer/config.hpp"
#include "suanli/units/parse.hpp"

namespace suanli::api {
namespace {

core::Error usage(std::string message) {
  return core::make_error(core::ErrorCode::usage, std::move(message));
}

constexpr double min_plain_training_tokens = 1e6;  // a bare number below this needs a suffix

// `software` among `known` stacks of a `kind` ("serving", "training"), with did-you-mean.
core::Status check_stack_name(std::string_view software, const std::vector<std::string>& known,
                              std::string_view kind) {
  if (std::find(known.begin(), known.end(), software) != known.end()) return core::ok_status();
  core::Error e = usage(fmt::format("--software: unknown {} stack '{}' (one of {})", kind, software,
                                    fmt::join(known, ", ")));
  e.hints.push_back(core::did_you_mean(software, known));
  e.hints.emplace_back("'other' models an in-house or unlisted stack");
  return e;
}

}  // namespace

core::Status check_parallelism(const model::ModelArch& m, const perf::InferenceParallelism& p,
                               std::vector<std::string>& notes) {
  if (p.tp > 1 && m.n_heads > 0) {
    if (m.n_heads % p.tp != 0) {
      return usage(fmt::format("--tp {}: the {} attention heads of {} are not divisible by {}",
                               p.tp, m.n_heads, m.id, p.tp));
    }
    const int kv = m.n_kv_heads;
    if (m.attention != model::AttentionKind::mla && kv > 0) {
      if (kv % p.tp != 0 && p.tp % kv != 0) {
        return usage(fmt::format(
            "--tp {}: the {} KV heads of {} neither divide by {} nor replicate evenly over it",
            p.tp, kv, m.id, p.tp));
      }
      if (p.tp > kv) {
        notes.push_back(
            fmt::format("--tp {} over {} KV heads: each KV head is replicated on {} "
                        "ranks",
                        p.tp, kv, p.tp / kv));
      }
    }
  }
  if (p.ep > 1 && !m.is_moe()) {
    return usage(fmt::format("--ep {}: {} is a dense model (no experts to spread)", p.ep, m.id));
  }
  return core::ok_status();
}

core::Status check_context(const model::ModelArch& m, double input, double output) {
  if (m.max_position <= 0) return core::ok_status();
  const double total = input + std::max(0.0, output);
  if (total <= m.max_position) return core::ok_status();
  core::Error e =
      usage(fmt::format("--input {:g} + --output {:g} = {:g} tokens exceed the {}-token "
                        "context of {} (max_position_embeddings)",
                        input, std::max(0.0, output), total, m.max_position, m.id));
  // Sliding-window layers attend to the last `sliding_window` tokens, but their positions are
  // still bounded by max_position_embeddings: a window never lengthens the context.
  if (m.sliding_window > 0 && m.n_sliding_layers > 0) {
    e.hints.push_back(fmt::format(
        "the {}-token sliding window of {} of its {} layers does not lengthen the context",
        m.sliding_window, std::min(m.n_sliding_layers, m.n_layers), m.n_layers));
  }
  e.hints.emplace_back("a longer context needs a model (or config.json) that supports it");
  return e;
}

core::Status check_length_spread(const std::optional<perf::LengthSpread>& spread,
                                 perf::Scenario scenario, int requests, double output) {
  if (!spread) return core::ok_status();
  if (scenario == perf::Scenario::prefill_only) {
    return usage("--length-spread: prefill-only generates no answer; drop --length-spread");
  }
  if (!(output > 0)) {
    return usage(
        "--length-spread: answers of no stated length have nothing to spread; give --output or "
        "drop --length-spread");
  }
  if (requests > 0 && !spread->fixed() && !spread->exponential()) {
    core::Error e = usage(fmt::format(
        "--length-spread: a burst (--requests) drains in waves (fixed) or as exponential lengths "
        "do; a coefficient of variation of {} has no drain model",
        perf::to_string(*spread)));
    e.hints.emplace_back(
        "give fixed or exponential with --requests, or drop --requests for the steady state");
    return e;
  }
  return core::ok_status();
}

core::Status check_cache_hit(double share, perf::Scenario scenario, double input,
                             std::vector<std::string>& notes) {
  if (share >= 1) {
    return usage(
        "--cache-hit: 1 leaves no prompt token to compute; a prompt wholly in the cache is "
        "--scenario decode-only with --input as its KV length");
  }
  if (share > 0 && scenario == perf::Scenario::decode_only) {
    return usage("--cache-hit: decode-only computes no prompt; drop --cache-hit");
  }
  if (!perf::leaves_last_token(input, share)) {
    core::Error e = usage(fmt::format(
        "--cache-hit: {:g} of a {:g}-token prompt leaves {:.3g} tokens to compute; a prompt's "
        "last token is always computed",
        share, input, input * (1 - share)));
    e.hints.push_back(
        fmt::format("at most {:g} for {:g}-token prompts", std::max(0.0, 1 - 1 / input), input));
    return e;
  }
  if (share > 0) {
    notes.push_back(fmt::format(
        "prefix cache: {:g} of each {:g}-token prompt reused, {:.4g} computed; the cache held "
        "beyond the sequences in flight is not counted in memory",
        share, input, input * (1 - share)));
  }
  return core::ok_status();
}

core::Status check_known_stack(std::string_view software) {
  return check_stack_name(software, perf::serving_stacks(), "serving");
}

core::Status check_training_stack(std::string_view software) {
  return check_stack_name(software, perf::training_stacks(), "training");
}

core::Status check_serving_stack(std::string_view software, const hw::Chip& chip) {
  if (auto st = check_known_stack(software); !st) return st;
  const std::string_view vendor = perf::stack_vendor(software);
  if (!vendor.empty() && vendor != chip.vendor) {
    return usage(fmt::format("--software {} runs on {} chips only, not on {} ({})", software,
                             vendor, chip.id, chip.vendor));
  }
  return core::ok_status();
}

std::vector<std::string> unique_ids(const std::vector<std::string>& ids, std::string_view flag,
                                    std::vector<std::string>& notes) {
  std::vector<std::string> out;
  std::vector<std::string> repeated;
  for (const std::string& id : ids) {
    if (std::find(out.begin(), out.end(), id) == out.end()) {
      out.push_back(id);
    } else if (std::find(repeated.begin(), repeated.end(), id) == repeated.end()) {
      repeated.push_back(id);
    }
  }
  if (!repeated.empty()) {
    notes.push_back(fmt::format("{}: {} repeated; each is evaluated once ({} of {} ids kept)", flag,
                                fmt::join(repeated, ", "), out.size(), ids.size()));
  }
  return out;
}

core::Result<double> training_tokens(std::string_view text, std::string_view flag) {
  auto n = units::parse_count(text);
  if (!n) return usage(fmt::format("{}: {}", flag, n.error().message));
  if (!(*n > 0)) return usage(fmt::format("{}: {} must be > 0", flag, text));
  const std::size_t last = text.find_last_not_of(' ');
  const bool has_suffix =
      last != std::string_view::npos && std::isalpha(static_cast<unsigned char>(text[last])) != 0;
  if (!has_suffix && *n < min_plain_training_tokens) {
    core::Error e = usage(
        fmt::format("{} {}: {:g} tokens is too few to train on; give a unit suffix (k, M, B/G, T)",
                    flag, text, *n));
    e.hints.push_back(fmt::format("did you mean {}T (trillion) or {}B (billion)?", text, text));
    return e;
  }
  return *n;
}

}  // namespace suanli::api
