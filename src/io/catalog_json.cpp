#include "suanli/io/catalog_json.hpp"

#include "suanli/hw/chip_metrics.hpp"
#include "suanli/io/number.hpp"
#include "suanli/model/model_stats.hpp"

namespace suanli::io {

using nlohmann::ordered_json;

ordered_json number_or_null(std::optional<double> x, int digits) {
  if (!x) return nullptr;
  return round_sig(*x, digits);
}

namespace {

ordered_json sources_json(const std::vector<hw::SourceRef>& sources) {
  ordered_json out = ordered_json::array();
  for (const auto& s : sources) out.push_back({{"key", s.key}, {"citation", s.citation}});
  return out;
}

template <class Q>
ordered_json figure_json(const hw::Figure<Q>& f, double divisor) {
  if (!f.known()) return nullptr;
  return round_sig(f.value.value / divisor);
}

}  // namespace

ordered_json chip_json(const hw::Chip& chip) {
  ordered_json j;
  j["id"] = chip.id;
  j["name"] = chip.name;
  j["vendor"] = chip.vendor;
  j["family"] = chip.family;
  j["market"] = chip.market;
  j["form_factor"] = chip.form_factor;
  j["launch"] = chip.launch;
  j["datacenter"] = chip.datacenter;
  ordered_json unsupported = ordered_json::array();
  ordered_json estimates = ordered_json::array();
  for (const hw::ChipMetric& m : hw::chip_metrics()) {
    j[m.key] = number_or_null(m.value(chip));
    const std::string state = hw::metric_state(chip, m);
    if (state == "unsupported") unsupported.push_back(m.key);
    if (state == "estimate") estimates.push_back(m.key);
  }
  j["unsupported"] = unsupported;
  j["estimates"] = estimates;
  j["memory_type"] = chip.memory_type;
  j["scaleup_link"] = chip.scaleup_link;
  j["process"] = chip.process;
  j["die_basis"] = chip.die_basis;
  j["compute_units"] = number_or_null(chip.compute_units.get());
  if (!chip.full_rate_part.empty()) {  // a part capped below its family's full-rate units
    j["full_rate_part"] = chip.full_rate_part;
    j["unit_matrix_share"] = round_sig(chip.unit_matrix_share, 4);
  }
  j["notes"] = chip.notes;
  j["sources"] = sources_json(chip.sources);
  return j;
}

ordered_json system_json(const hw::System& s, const hw::Chip* chip) {
  auto tier = [](const hw::NetworkTier& t) {
    return ordered_json{{"topology", std::string(hw::to_string(t.topology))},
                        {"bandwidth_gbs_per_direction", figure_json(t.bandwidth, 1e9)},
                        {"latency_us", figure_json(t.latency, 1e-6)}};
  };
  ordered_json j;
  j["id"] = s.id;
  j["name"] = s.name;
  j["chip"] = s.chip_id;
  j["chips"] = s.chips;
  j["chips_per_node"] = s.chips_per_node;
  j["scaleup_domain"] = s.scaleup_domain;
  j["scaleup"] = tier(s.scaleup);
  j["scaleout"] = tier(s.scaleout);
  j["power_kw"] = figure_json(s.power, 1e3);
  j["price_usd"] = figure_json(s.price, 1.0);
  if (chip != nullptr) {
    const auto total = [&](std::optional<double> per_chip) -> ordered_json {
      if (!per_chip) return nullptr;
      return round_sig(*per_chip * s.chips);
    };
    const auto bf16 = chip->peak(hw::Dtype::bf16);
    j["total_bf16_pflops"] = total(bf16 ? std::optional(bf16->value / 1e15) : std::nullopt);
    j["total_memory_tb"] = total(chip->memory_capacity.known()
                                     ? std::optional(chip->memory_capacity.value.value / 1e12)
                                     : std::nullopt);
    j["total_memory_bw_tbs"] = total(chip->memory_bandwidth.known()
                                         ? std::optional(chip->memory_bandwidth.value.value / 1e12)
                                         : std::nullopt);
  }
  j["notes"] = s.notes;
  j["sources"] = sources_json(s.sources);
  return j;
}

ordered_json model_json(const model::ModelArch& m, const catalog::ModelSource* src) {
  const model::ParamCounts p = model::count_params(m);
  ordered_json j;
  j["id"] = m.id;
  j["model_type"] = m.model_type;
  j["repo"] = src ? src->repo : "";
  j["source"] = src ? src->source : "";
  j["params_total"] = round_sig(p.total, 6);
  j["params_active"] = round_sig(p.active, 6);
  j["moe"] = m.is_moe();
  j["attention"] = m.attention == model::AttentionKind::mla   ? "mla"
                   : m.attention == model::AttentionKind::gqa ? "gqa"
                                                              : "mha";
  j["n_layers"] = m.n_layers;
  j["d_model"] = m.d_model;
  j["n_heads"] = m.n_heads;
  j["n_kv_heads"] = m.n_kv_heads;
  j["head_dim"] = m.head_dim;
  j["d_ff"] = m.d_ff;
  j["vocab"] = m.vocab;
  if (m.is_moe()) {
    j["n_experts"] = m.n_experts;
    j["n_active_experts"] = m.n_active_experts;
    j["n_shared_experts"] = m.n_shared_experts;
    j["d_ff_expert"] = m.d_ff_expert;
    j["n_dense_layers"] = m.n_dense_layers;
  }
  if (m.attention == model::AttentionKind::mla) {
    j["kv_lora_rank"] = m.kv_lora_rank;
    j["q_lora_rank"] = m.q_lora_rank;
    j["qk_rope_head_dim"] = m.qk_rope_head_dim;
  }
  j["max_position"] = m.max_position;
  ordered_json kv;
  for (hw::Dtype d : {hw::Dtype::bf16, hw::Dtype::fp8, hw::Dtype::int8, hw::Dtype::int4}) {
    kv[std::string(hw::to_string(d))] = round_sig(model::kv_bytes_per_token(m, d));
  }
  j["kv_cache_bytes_per_token"] = kv;
  j["forward_flops_per_token"] = round_sig(model::forward_gemm_flops_per_token(m));
  j["params_breakdown"] = {{"embedding", round_sig(p.embedding)},
                           {"attention", round_sig(p.attention)},
                           {"mlp_dense", round_sig(p.mlp_dense)},
                           {"experts_routed", round_sig(p.experts_routed)},
                           {"experts_shared", round_sig(p.experts_shared)},
                           {"router", round_sig(p.router)},
                           {"norms", round_sig(p.norms)}};
  return j;
}

ordered_json chip_comparison_json(const hw::Chip& a, const hw::Chip& b) {
  ordered_json j;
  j["a"] = a.id;
  j["b"] = b.id;
  ordered_json metrics = ordered_json::array();
  ordered_json ratios;
  for (const hw::ChipMetric& m : hw::chip_metrics()) {
    const auto va = m.value(a);
    const auto vb = m.value(b);
    std::optional<double> ratio;
    if (va && vb && *vb != 0) ratio = *va / *vb;
    metrics.push_back({{"metric", m.key},
                       {"a", number_or_null(va)},
                       {"b", number_or_null(vb)},
                       {"ratio", number_or_null(ratio, 4)},
                       {"a_state", hw::metric_state(a, m)},
                       {"b_state", hw::metric_state(b, m)}});
    ratios[m.key] = number_or_null(ratio, 4);
  }
  j["metrics"] = metrics;
  j["ratios"] = ratios;
  return j;
}

}  // namespace suanli::io
