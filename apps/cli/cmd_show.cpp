// `suanli show ID`: one chip, system or model (or a config.json path) in full.
#include <fmt/format.h>

#include <set>

#include "commands.hpp"
#include "request_options.hpp"
#include "suanli/api/show.hpp"
#include "suanli/io/catalog_answer_json.hpp"

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

void run_show(CliContext& ctx, const RequestOptions<api::ShowRequest>& opts) {
  auto request = opts.request();
  if (!request) return (void)ctx.fail(request.error());
  const catalog::Catalog* cat = nullptr;
  if (!api::names_model_file(*request)) {
    cat = ctx.catalog();
    if (cat == nullptr) return;
  }
  auto answer = api::show(cat, *request);
  if (!answer) return (void)ctx.fail(answer.error());
  for (const auto& n : answer->notes) ctx.note(n);
  emit_entity(ctx, io::show_answer_json(*answer));
}

}  // namespace

void register_show(CLI::App& app, CliContext& ctx) {
  auto opts = std::make_shared<RequestOptions<api::ShowRequest>>();
  CLI::App* show = app.add_subcommand("show", "Show one chip, system or model in full");
  opts->add_to(*show);
  show->callback([&ctx, opts] { run_show(ctx, *opts); });
}

}  // namespace suanli::cli
