#include "detail/deployment.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "suanli/perf/common/software_profile.hpp"

namespace suanli::launch::detail {
namespace {

int ceil_div(int a, int b) {
  return (a + b - 1) / std::max(1, b);
}

Pool make_pool(std::string role, const perf::Layout& layout, int chips, const perf::Cluster& c,
               double concurrency, int step_tokens) {
  Pool p;
  p.role = std::move(role);
  p.layout = layout;
  p.chips = chips;
  p.chips_per_node = std::max(1, c.chips_per_node);
  p.concurrency = concurrency;
  p.step_tokens = step_tokens;
  return p;
}

}  // namespace

int Pool::instance_nodes() const {
  return ceil_div(instance_chips(), chips_per_node);
}

int Pool::nodes() const {
  return ceil_div(chips, chips_per_node);
}

Deployment describe(const perf::InferenceRequest& r, const perf::InferenceEstimate& e,
                    const Target& target) {
  Deployment d;
  d.model_known = !target.model_repo.empty();
  d.model = d.model_known ? target.model_repo : "$MODEL_PATH";
  d.model_id = r.model->id;
  d.model_type = r.model->model_type;
  d.moe = r.model->is_moe();
  d.vendor = r.cluster.chip->vendor;
  if (e.disaggregation.enabled()) {
    d.pools.push_back(make_pool("prefill", e.prefill_layout, e.disaggregation.prefill_chips,
                                r.cluster, 0, e.prefill_step_tokens));
    d.pools.push_back(make_pool("decode", e.layout, e.disaggregation.decode_chips, r.cluster,
                                e.concurrency, e.step_tokens));
  } else {
    const bool prefill_only = r.workload.scenario == perf::Scenario::prefill_only;
    d.pools.push_back(make_pool("serve", e.layout, e.chips, r.cluster,
                                prefill_only ? 0 : e.concurrency, e.step_tokens));
  }
  const perf::SoftwareProfile profile = perf::software_profile(r.software, *r.cluster.chip);
  d.memory_fraction = profile.memory_fraction;
  d.weights = e.precision.weights;
  d.kv_cache = e.precision.kv_cache;
  const perf::SpecDecode& spec = r.workload.spec;
  d.draft_tokens = spec.draft_tokens;
  d.verify_tokens = spec.verify_tokens > 0 ? spec.verify_tokens : spec.draft_tokens + 1;
  d.mtp = d.draft_tokens > 0 && spec.method == perf::SpecMethod::mtp && r.model->n_mtp_layers > 0;
  if (d.draft_tokens > 0 && spec.method != perf::SpecMethod::mtp) {
    d.eagle = std::string(perf::to_string(spec.method));
  }
  d.beams = std::max(1, r.workload.beams);
  return d;
}

int per_engine(const Pool& pool, int engines) {
  const double each = pool.concurrency / std::max(1, engines);
  return std::max(1, static_cast<int>(std::ceil(each - 1e-9)));
}

CommandLine& CommandLine::flag(std::string name) {
  options_.push_back(std::move(name));
  return *this;
}

CommandLine& CommandLine::arg(std::string name, const std::string& value) {
  options_.push_back(std::move(name) + " " + value);
  return *this;
}

CommandLine& CommandLine::arg(std::string name, long long value) {
  return arg(std::move(name), std::to_string(value));
}

std::string CommandLine::text() const {
  std::string out = program_;
  for (const std::string& o : options_) out += " \\\n    " + o;
  return out;
}

Script& Script::comment(const std::string& text) {
  lines_.push_back("# " + text);
  return *this;
}

Script& Script::undecided(const std::string& text) {
  if (std::find(config_->undecided.begin(), config_->undecided.end(), text) ==
      config_->undecided.end()) {
    config_->undecided.push_back(text);
  }
  return comment("not decided by suanli: " + text);
}

Script& Script::line(const std::string& text) {
  lines_.push_back(text);
  return *this;
}

std::string Script::text() const {
  std::string out;
  for (const std::string& l : lines_) out += l + "\n";
  return out;
}

std::string ranks(int n) {
  return fmt::format("{} rank{}", n, n == 1 ? "" : "s");
}

void describe_pool(Script& s, const Pool& p, int node, int nodes) {
  const perf::Layout& l = p.layout;
  const std::string role = p.role == "serve" ? "co-located prefill and decode" : p.role + " pool";
  s.comment(fmt::format("{}: {}, node {} of {} ({} per node)", role, ranks(p.chips), node + 1,
                        nodes, ranks(p.chips_per_node)));
  std::string layout = fmt::format("layout: tp {} pp {} dp {}", l.tp, l.pp, l.dp);
  if (l.moe_group > l.tp || l.ep > 1) {
    layout +=
        fmt::format(" ep {} (expert tp {}; {} attention ranks per MoE group)", l.ep, l.etp, l.dpa);
  }
  s.comment(layout);
  if (l.instances > 1) {
    s.comment(
        fmt::format("{} independent instances of {} ranks each", l.instances, p.instance_chips()));
  }
  if (p.concurrency > 0) {
    s.comment(fmt::format("predicted mean batch: {} sequences over the pool", per_engine(p, 1)));
  }
}

void quantised_checkpoint(Script& s, hw::Dtype weights) {
  s.undecided(
      fmt::format("{} weights: serve a checkpoint quantised to {} (its config carries the "
                  "format)",
                  hw::to_string(weights), hw::to_string(weights)));
}

LaunchConfig pooled_config(const Deployment& d, Stack stack, std::string flags_of,
                           const std::function<void(LaunchConfig&, const Pool&)>& write_pool,
                           const Router& router) {
  LaunchConfig config;
  config.stack = stack;
  config.flags_of = std::move(flags_of);
  for (const Pool& p : d.pools) write_pool(config, p);
  if (d.disaggregated()) {
    Script s(config);
    s.undecided(router.undecided);
    if (router.command) s.command(*router.command);
    config.commands.push_back({"router", 0, s.text()});
  }
  return config;
}

void common_undecided(Script& s, const Deployment& d) {
  if (!d.model_known) {
    s.undecided("MODEL_PATH: the model has no Hugging Face repo in the catalog; set the weights");
  }
  s.undecided(
      "the maximum context length is left at the model's (suanli models mean prompt and output "
      "lengths, not the longest request)");
  if (d.beams > 1) {
    s.undecided(
        fmt::format("beam width {} is a request parameter of this stack, not a launch "
                    "flag",
                    d.beams));
  }
  if (!d.eagle.empty()) {
    s.undecided(fmt::format(
        "DRAFT_MODEL_PATH: the {} draft head for this model is not in the catalog; set its "
        "weights",
        d.eagle));
  }
}

}  // namespace suanli::launch::detail
