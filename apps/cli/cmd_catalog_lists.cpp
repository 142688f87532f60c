// `suanli systems` and `suanli models`: list the other catalog entities.
#include "commands.hpp"
#include "suanli/io/catalog_answer_json.hpp"
#include "suanli/io/number.hpp"

namespace suanli::cli {
namespace {

void run_systems(CliContext& ctx) {
  const catalog::Catalog* cat = ctx.catalog();
  if (cat == nullptr) return;
  io::Table table;
  table.headers = {
      "id", "chip", "chips", "per node", "scale-up domain", "scale-up GB/s", "scale-out GB/s"};
  table.right_align = {false, false, true, true, true, true, true};
  for (const hw::System& s : cat->systems) {
    const auto gbs = [](const hw::NetworkTier& t) {
      return io::format_number(t.bandwidth.known() ? std::optional(t.bandwidth.value.value / 1e9)
                                                   : std::nullopt);
    };
    table.add_row({s.id, s.chip_id, std::to_string(s.chips), std::to_string(s.chips_per_node),
                   std::to_string(s.scaleup_domain), gbs(s.scaleup), gbs(s.scaleout)});
  }
  ctx.emit(io::systems_json(*cat), table);
}

void run_models(CliContext& ctx) {
  const catalog::Catalog* cat = ctx.catalog();
  if (cat == nullptr) return;
  const nlohmann::ordered_json json = io::models_json(*cat);
  io::Table table;
  table.headers = {"id",     "type",      "params (B)",     "active (B)",
                   "layers", "attention", "KV B/token bf16"};
  table.right_align = {false, false, true, true, true, false, true};
  for (std::size_t i = 0; i < cat->models.size(); ++i) {
    const model::ModelArch& m = cat->models[i];
    const auto& j = json[i];
    table.add_row({m.id, m.model_type, io::format_number(j["params_total"].get<double>() / 1e9),
                   io::format_number(j["params_active"].get<double>() / 1e9),
                   std::to_string(m.n_layers), j["attention"].get<std::string>(),
                   io::format_number(j["kv_cache_bytes_per_token"]["bf16"].get<double>())});
  }
  ctx.emit(json, table);
}

}  // namespace

void register_catalog_lists(CLI::App& app, CliContext& ctx) {
  app.add_subcommand("systems", "List systems (nodes, racks, supernodes)")->callback([&ctx] {
    run_systems(ctx);
  });
  app.add_subcommand("models", "List models with derived parameter counts")->callback([&ctx] {
    run_models(ctx);
  });
}

}  // namespace suanli::cli
