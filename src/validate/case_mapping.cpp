#include "detail/case_mapping.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <optional>
#include <regex>
#include <string>
#include <vector>

#include "detail/roofline_precision.hpp"
#include "suanli/perf/common/software_profile.hpp"

namespace suanli::validate::detail {
namespace {

bool mentions(const std::string& text, std::string_view word) {
  return text.find(word) != std::string::npos;
}

// Speculative tags of the suite: "mtp-N", "mtp-N (draft M)" (SGLang NEXTN: N steps, M tokens
// verified), "mtp-1-simulated" (assumed 60% acceptance); and the same shapes for EAGLE heads:
// "eagle-N", "eagle3-N (draft M)", optionally with "accept length X" (measured tokens per step).
perf::SpecDecode parse_speculative(const std::string& tag, std::vector<std::string>& notes) {
  perf::SpecDecode s;
  if (tag.empty()) return s;
  static const std::regex shape(R"((mtp|eagle3|eagle-3|eagle)-(\d+)(.*))", std::regex::icase);
  std::smatch m;
  if (!std::regex_match(tag, m, shape)) {
    notes.push_back(fmt::format("speculative tag '{}' not understood; ignored", tag));
    return s;
  }
  std::string method = m[1].str();
  std::transform(method.begin(), method.end(), method.begin(),
                 [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
  if (method == "eagle-3") method = "eagle3";
  s.method = perf::parse_spec_method(method).value_or(perf::SpecMethod::mtp);
  s.draft_tokens = std::stoi(m[2].str());
  const std::string rest = m[3].str();
  static const std::regex draft(R"(draft\s+(\d+))");
  static const std::regex accept(R"(accept(?:ance)?\s+length\s+([0-9.]+))");
  std::smatch sub;
  if (std::regex_search(rest, sub, draft)) s.verify_tokens = std::stoi(sub[1].str());
  if (std::regex_search(rest, sub, accept)) {
    s.accept_length = std::stod(sub[1].str());
    notes.push_back(fmt::format("acceptance length {} as measured", s.accept_length));
  } else if (mentions(rest, "simulated")) {
    s.acceptance = 0.6;  // the suite states the emulation assumes 60% acceptance
    notes.emplace_back("draft acceptance 0.6 (the simulated runs assume it)");
  } else if (s.method == perf::SpecMethod::mtp) {
    s.acceptance = 0.85;  // DeepSeek-V3 report: 85-90% acceptance of the second token
    notes.emplace_back("MTP acceptance 0.85 assumed (DeepSeek-V3 report: 85-90%)");
  } else {
    s.acceptance = 0.8;  // api default_acceptance
    notes.emplace_back("EAGLE acceptance 0.8 per drafted token assumed (no acceptance stated)");
  }
  return s;
}

// A burst benchmark ("all N requests issued at once", the suite's GPUStack rows): the number of
// requests, and how their output lengths spread. Random-token runs (the notes say "random", or
// the mean prompt sits within 0.5% of a nominal multiple of 100 tokens, as re-tokenised random
// prompts do) have one output length; natural-language datasets (ShareGPT) are taken as
// exponential about their mean.
void map_burst(const Case& c, api::InferRequest& r, std::vector<std::string>& notes) {
  static const std::regex all(R"(all (\d+) requests)");
  std::smatch m;
  if (!std::regex_search(c.notes, m, all)) return;
  r.requests = std::stoi(m[1].str());
  const double nominal = 100 * std::round(r.input / 100);
  const bool random_tokens = mentions(c.notes, "random") ||
                             (nominal > 0 && std::abs(r.input - nominal) <= 0.005 * nominal);
  r.length_spread = perf::LengthSpread{random_tokens ? 0.0 : 1.0};
  notes.push_back(fmt::format("burst of {} requests, {} output lengths", r.requests,
                              perf::to_string(*r.length_spread)));
}

// Prefix-cache hits a case states ("56.3% of 608B input tokens hit the cache"): that share of
// each prompt is reused, not computed, and the measured input rate counts it.
void map_cache_hits(const Case& c, api::InferRequest& r, std::vector<std::string>& notes) {
  static const std::regex hits(R"(([0-9]+(?:\.[0-9]+)?)% of [^;()]* hit the cache)");
  std::smatch m;
  if (!std::regex_search(c.notes, m, hits)) return;
  r.cache_hit = std::stod(m[1].str()) / 100;
  notes.push_back(fmt::format("prefix-cache hits {}% as stated", m[1].str()));
}

// The MLPerf Inference datasets, by the model ids a case may name. Lengths and spreads come from
// the MLCommons reference figures and from the per-sample token lengths of the official dataset
// files (tok_input_len, tok_ref_output_len), as summarised in openshift-psap/performance-dashboard
// mlperf-data/summaries/*.csv (commit 71007029): docs/validation.md, "Dataset lengths".
struct MlperfDataset {
  std::array<std::string_view, 2> models;  // "" = unused
  DatasetDefault figures;
};

const std::vector<MlperfDataset>& mlperf_datasets() {
  static const std::vector<MlperfDataset> table = {
      {{"llama-2-70b", ""},
       {294, 290, 1, 0.787,
        "MLPerf llama2-70b OpenOrca: ~294 prompt tokens (suite README); ~290 generated tokens "
        "(mean of the logged FP8 runs); answer lengths cv 0.787 (from the per-sample lengths of "
        "the MLCommons dataset file, reference answers)",
        "MLPerf llama2-70b OpenOrca",
        "from the per-sample lengths of the MLCommons dataset file, reference answers"}},
      {{"mixtral-8x7b", ""},
       {427.4, 144.84, 1, 0.778,
        "MLPerf mixtral-8x7b (OpenOrca+GSM8K+MBXP): 427.4 prompt tokens and answer lengths cv "
        "0.778 (from the per-sample lengths of the MLCommons dataset file), 144.84 generated "
        "(MLCommons reference tokens_per_sample)",
        "MLPerf mixtral-8x7b", "from the per-sample lengths of the MLCommons dataset file"}},
      {{"gpt-j-6b", ""},
       {950, 60, 4, 0,
        "MLPerf gpt-j CNN-DailyMail: ~950 prompt tokens (estimate: ~780-word articles, truncated "
        "at 1919 tokens), ~60 generated tokens (reference gen_len 3,615,191 characters over "
        "13,368 samples), beam search 4",
        "MLPerf gpt-j CNN-DailyMail", ""}},
      {{"llama-3.1-8b", ""},
       {870.7, 128, 1, 0,
        "MLPerf llama3.1-8b CNN-DailyMail: 870.7 prompt tokens (from the per-sample lengths of "
        "the MLCommons dataset file); 128 generated (the reference max_tokens, which the logged "
        "runs reach: 128-129 per sample), so every answer the same length",
        "MLPerf llama3.1-8b CNN-DailyMail", ""}},
      {{"llama-3.1-405b", ""},
       {9428.6, 684.68, 1, 0.381,
        "MLPerf llama3.1-405b: 9,428.6 prompt tokens and answer lengths cv 0.381 (from the "
        "per-sample lengths of the MLCommons dataset file), 684.68 generated (MLCommons "
        "reference tokens_per_sample)",
        "MLPerf llama3.1-405b", "from the per-sample lengths of the MLCommons dataset file"}},
      {{"deepseek-v3", "deepseek-r1"},
       {803.8, 3886.23, 1, 1.114,
        "MLPerf deepseek-r1: 803.8 prompt tokens and answer lengths cv 1.114 at the 20K output "
        "cap (from the per-sample lengths of the MLCommons dataset file), 3,886.23 generated "
        "(MLCommons reference mean-output-tok-len, which the capped lengths reproduce)",
        "MLPerf deepseek-r1",
        "from the per-sample lengths of the MLCommons dataset file, at the 20K output cap"}},
      {{"gpt-oss-120b", ""},
       {0, 1278.2, 1, 0.193,
        "MLPerf gpt-oss-120b performance set: 1,278.20 generated tokens, standard deviation "
        "247.0 (cv 0.193; compliance TEST09 README); prompt length not published",
        "MLPerf gpt-oss-120b", "compliance TEST09 README: standard deviation 247.0"}},
  };
  return table;
}

}  // namespace

std::optional<DatasetDefault> dataset_default(const Case& c) {
  if (mentions(c.source, "DeepSeek open-infra-index Day 6") && c.inference &&
      c.inference->scenario == "prefill-only") {
    return DatasetDefault{4096,
                          0,
                          1,
                          0,
                          "DeepSeek Day-6 production prefill: prompt length not stated; 4,096 "
                          "assumed, the length of DeepSeek's own published prefill profile",
                          "DeepSeek Day-6 production prefill",
                          ""};
  }
  if (!mentions(c.source, "MLPerf") && !mentions(c.notes, "MLPerf")) return std::nullopt;
  for (const MlperfDataset& d : mlperf_datasets()) {
    if (std::find(d.models.begin(), d.models.end(), c.model) != d.models.end()) return d.figures;
  }
  return std::nullopt;
}

api::HardwareRequest case_hardware(const Case& c) {
  api::HardwareRequest h;
  h.chip = c.system.chip;
  h.chips = c.system.chips;
  h.scaleup_domain = c.system.scaleup_domain.value_or(0);
  h.scaleout_gbps = c.system.scaleout_gbps_per_chip.value_or(0);
  h.chips_per_node = c.system.chips_per_node.value_or(0);
  return h;
}

namespace {

// The weight format of `model`'s published checkpoint, when the catalog holds the model and
// its config states one.
std::optional<hw::Dtype> checkpoint_format(const catalog::Catalog& cat, const std::string& model) {
  const auto found = cat.find_model(model);
  if (!found) return std::nullopt;
  return hw::parse_dtype(found->item->checkpoint_weights);
}

}  // namespace

std::string case_stack(const Case& c) {
  // The training stacks that are not serving stacks (the suite format's training frameworks);
  // a name the engine has neither way stays as it is and is refused by the front door with its
  // did-you-mean.
  if (c.kind != CaseKind::inference) return c.software;
  const std::vector<std::string> training = perf::training_stacks();
  const std::vector<std::string> serving = perf::serving_stacks();
  const bool framework =
      std::find(training.begin(), training.end(), c.software) != training.end() &&
      std::find(serving.begin(), serving.end(), c.software) == serving.end();
  return framework ? "other" : c.software;
}

Mapped map_case(const Case& c, const catalog::Catalog& cat) {
  Mapped out;
  const InferenceSpec& in = *c.inference;
  api::InferRequest& r = out.request;
  r.model = c.model;
  r.hardware = case_hardware(c);
  r.software = case_stack(c);
  if (r.software != c.software) {
    out.notes.push_back(fmt::format("software '{}' has no serving profile; predicted as '{}'",
                                    c.software, r.software));
  }
  r.threads = 1;  // cases are predicted in parallel by the caller

  // Precision: weights default to the compute format; nothing stated -> the checkpoint's own
  // format (DeepSeek-V3/R1 publish fp8 weights), bf16 when it is not a serving format (assumed),
  // unless the measured rate is out of that format's reach (below, once the lengths are known).
  std::optional<std::size_t> precision_note;  // index of the "precision not stated" note
  if (c.precision.weights) {
    r.precision = *c.precision.weights;
  } else if (c.precision.compute) {
    r.precision = *c.precision.compute;
  } else if (const auto own = checkpoint_format(cat, c.model);
             own && hw::bytes_per_element(*own) <= 2.0) {
    r.precision = *own;
    precision_note = out.notes.size();
    out.notes.push_back(
        fmt::format("precision not stated; the checkpoint's {} assumed", hw::to_string(*own)));
    out.assumed = true;
  } else {
    r.precision = hw::Dtype::bf16;
    precision_note = out.notes.size();
    out.notes.emplace_back("precision not stated; bf16 assumed");
    out.assumed = true;
  }
  r.compute = c.precision.compute;
  r.kv_cache = c.precision.kv_cache;

  auto scenario = perf::parse_scenario(in.scenario);
  if (!scenario || *scenario == perf::Scenario::interactive) {
    out.skip = fmt::format("unsupported scenario '{}'", in.scenario);
    return out;
  }
  double input = in.input_tokens.value_or(0);
  double output = in.output_tokens.value_or(0);
  const bool needs_output =
      *scenario == perf::Scenario::offline || *scenario == perf::Scenario::server;
  const bool missing = input <= 0 || (needs_output && output <= 0);
  const std::optional<DatasetDefault> dataset = dataset_default(c);
  if (dataset && (missing || dataset->beams > 1)) {
    if (missing) {
      out.notes.push_back("dataset default: " + dataset->note);
      out.assumed = true;
    }
    if (input <= 0) input = dataset->input_tokens;
    if (output <= 0) output = dataset->output_tokens;
    if (dataset->beams > 1) r.beams = dataset->beams;
  }
  if (input <= 0) {
    out.skip = "input length not stated";
    return out;
  }
  if (needs_output && output <= 0) {
    out.skip = "output length not stated";
    return out;
  }
  r.input = input;
  r.output = output;
  if (in.concurrency) r.concurrency = *in.concurrency;
  if (*scenario == perf::Scenario::offline && r.concurrency > 0) {
    scenario = perf::Scenario::interactive;
  }
  r.scenario = *scenario;
  if (*scenario == perf::Scenario::offline) map_burst(c, r, out.notes);
  // The dataset's answer spread, where answers are generated in a steady state (a burst's
  // drain is modelled for fixed or exponential lengths: map_burst's choice stands).
  if (dataset && dataset->output_cv > 0 && r.requests == 0 && output > 0 &&
      *scenario != perf::Scenario::prefill_only) {
    r.length_spread = perf::LengthSpread{dataset->output_cv};
    if (!missing) {
      out.notes.push_back(fmt::format("answer lengths of the {} dataset spread with cv {} ({})",
                                      dataset->name, dataset->output_cv, dataset->spread_source));
    }
  }
  map_cache_hits(c, r, out.notes);
  if (precision_note && r.cache_hit <= 0) {
    // Cached prompt tokens cost no FLOPs, so a roofline over every prompt token says nothing.
    if (auto needed = precision_the_rate_needs(c, cat, r.precision, input, output)) {
      out.notes[*precision_note] = std::move(needed->note);
      r.precision = needed->dtype;
    }
  }
  if (in.ttft_slo_ms) r.ttft_slo_s = *in.ttft_slo_ms / 1e3;
  if (in.tpot_slo_ms) r.tpot_slo_s = *in.tpot_slo_ms / 1e3;
  const perf::SpecDecode spec = parse_speculative(in.speculative, out.notes);
  r.mtp = spec.draft_tokens;
  if (spec.draft_tokens > 0) {
    r.speculative = spec.method;
    r.draft_tokens = spec.verify_tokens;
    r.acceptance = spec.acceptance;
    r.accept_length = spec.accept_length;
  }
  r.parallelism.tp = in.tp.value_or(0);
  r.parallelism.pp = in.pp.value_or(0);
  r.parallelism.dp = in.dp.value_or(0);
  r.parallelism.ep = in.ep.value_or(0);
  return out;
}

}  // namespace suanli::validate::detail
