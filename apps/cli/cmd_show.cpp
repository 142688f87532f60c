// `suanli show ID`: one chip, system or model (or a config.json path) in full.
#include <fmt/format.h>

#include <filesystem>
#include <set>

#include "commands.hpp"
#include "suanli/core/did_you_mean.hpp"
#include "suanli/hw/chip_metrics.hpp"
#include "suanli/io/catalog_json.hpp"
#include "suanli/io/number.hpp"
#include "suanli/io/profile_json.hpp"

namespace suanli::cli {
namespace {

// Text form of a JSON object: one "key: value" line per scalar, nested objects indented.
void json_to_text(const nlohmann::ordered_json& j, const std::string& indent, std::string& out) {
  // A chip lists the metrics its hardware lacks; those print as "unsupported", not "unknown".
  std::set<std::string> unsupported;
  if (j.contains("unsupported") && j["unsupported"].is_array()) {
    for (const auto& key : j["unsupported"]) unsupported.insert(key.get<std::string>());
  }
  for (const auto& [key, value] : j.items()) {
    if (value.is_object()) {
      out += indent + key + ":\n";
      json_to_text(value, indent + "  ", out);
    } else if (value.is_array()) {
      if (value.empty()) continue;
      out += indent + key + ":\n";
      for (const auto& item : value) {
        if (item.is_object() && item.contains("key") && item.contains("citation")) {
          out += indent + "  [" + item["key"].get<std::string>() + "] " +
                 item["citation"].get<std::string>() + "\n";
        } else {
          out +=
              indent + "  - " + (item.is_string() ? item.get<std::string>() : item.dump()) + "\n";
        }
      }
    } else if (value.is_string()) {
      if (!value.get<std::string>().empty())
        out += indent + key + ": " + value.get<std::string>() + "\n";
    } else if (value.is_null()) {
      out += indent + key + (unsupported.contains(key) ? ": unsupported\n" : ": unknown\n");
    } else {
      out += indent + key + ": " + value.dump() + "\n";
    }
  }
}

void emit_entity(CliContext& ctx, const nlohmann::ordered_json& json) {
  if (ctx.format() == Format::json) {
    ctx.emit_json(json);
    return;
  }
  io::Table table;
  table.headers = {"field", "value"};
  for (const auto& [key, value] : json.items()) {
    if (value.is_structured()) {
      table.add_row({key, value.dump()});
    } else {
      table.add_row({key, value.is_string() ? value.get<std::string>()
                                            : (value.is_null() ? "unknown" : value.dump())});
    }
  }
  if (ctx.format() == Format::csv) {
    ctx.out << table.to_csv();
    return;
  }
  std::string text;
  json_to_text(json, "", text);
  ctx.out << text;
}

void run_show(CliContext& ctx, const std::string& id) {
  const std::filesystem::path as_path(id);
  if (id.ends_with(".json") || std::filesystem::is_regular_file(as_path)) {
    auto m = catalog::load_model_file(as_path);
    if (!m) {
      ctx.fail(m.error());
      return;
    }
    emit_entity(ctx, io::model_json(*m, nullptr));
    return;
  }
  const catalog::Catalog* cat = ctx.catalog();
  if (cat == nullptr) return;
  if (auto chip = cat->find_chip(id)) {
    if (!chip->note.empty()) ctx.note(chip->note);
    nlohmann::ordered_json json = io::chip_json(*chip->item);
    json["profile"] = io::profile_summary_json(cat->profile_of(chip->item->id));
    emit_entity(ctx, json);
    return;
  }
  if (auto sys = cat->find_system(id)) {
    if (!sys->note.empty()) ctx.note(sys->note);
    auto chip = cat->find_chip(sys->item->chip_id);
    emit_entity(ctx, io::system_json(*sys->item, chip ? chip->item : nullptr));
    return;
  }
  if (auto m = cat->find_model(id)) {
    if (!m->note.empty()) ctx.note(m->note);
    emit_entity(ctx, io::model_json(*m->item, cat->model_source(m->item->id)));
    return;
  }
  std::vector<std::string> all = cat->chip_ids();
  for (const auto& s : cat->system_ids()) all.push_back(s);
  for (const auto& m : cat->model_ids()) all.push_back(m);
  for (const auto& a : cat->aliases) all.push_back(a.name);
  core::Error e = core::make_error(
      core::ErrorCode::not_found,
      fmt::format("'{}' is not a chip, system or model in the catalog, nor a config.json path",
                  id));
  const std::string hint = core::did_you_mean(id, all);
  if (!hint.empty()) e.hints.push_back(hint);
  e.hints.emplace_back("'suanli chips', 'suanli systems' and 'suanli models' list the ids");
  ctx.fail(e);
}

}  // namespace

void register_show(CLI::App& app, CliContext& ctx) {
  auto id = std::make_shared<std::string>();
  CLI::App* show = app.add_subcommand("show", "Show one chip, system or model in full");
  show->add_option("id", *id, "Chip, system or model id, or a path to a config.json")->required();
  show->callback([&ctx, id] { run_show(ctx, *id); });
}

}  // namespace suanli::cli
