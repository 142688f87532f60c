#include "cli_context.hpp"

#include <iostream>

namespace suanli::cli {

Format CliContext::format() const {
  if (format_name == "json") return Format::json;
  if (format_name == "csv") return Format::csv;
  return Format::text;
}

const catalog::Catalog* CliContext::catalog() {
  if (catalog_) return &*catalog_;
  if (preloaded != nullptr && extra_data.empty()) return preloaded;
  std::vector<std::filesystem::path> dirs = data_dirs;
  for (const auto& d : extra_data) dirs.emplace_back(d);
  auto loaded = catalog::load_catalog(dirs);
  if (!loaded) {
    fail(loaded.error());
    return nullptr;
  }
  catalog_ = std::move(loaded).value();
  return &*catalog_;
}

int CliContext::fail(const core::Error& error) {
  err << "error: " << error.describe() << "\n";
  exit_code = core::exit_code(error.code);
  return exit_code;
}

void CliContext::note(const std::string& text) {
  err << "note: " << text << "\n";
}

void CliContext::emit_json(const nlohmann::ordered_json& json) {
  out << json.dump(2) << "\n";
}

void CliContext::emit(const nlohmann::ordered_json& json, const io::Table& table) {
  switch (format()) {
    case Format::json:
      emit_json(json);
      break;
    case Format::csv:
      out << table.to_csv();
      break;
    case Format::text:
      out << table.to_text();
      break;
  }
}

}  // namespace suanli::cli
