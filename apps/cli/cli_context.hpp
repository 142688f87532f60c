// State shared by every subcommand: where the catalog lives, the output format, the streams, and
// one way to report an error with the exit code of DESIGN §5.
#pragma once

#include <nlohmann/json.hpp>

#include <filesystem>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "suanli/catalog/catalog.hpp"
#include "suanli/core/error.hpp"
#include "suanli/io/table.hpp"

namespace suanli::cli {

enum class Format { text, json, csv };

struct CliContext {
  std::vector<std::filesystem::path> data_dirs;  // built-in first, then SUANLI_DATA, then --data
  std::vector<std::string> extra_data;           // --data values
  // The catalog of `data_dirs`, loaded by the caller ahead of time (a harness that runs many
  // command lines in one process); catalog() uses it when no --data is given. Not owned.
  const catalog::Catalog* preloaded = nullptr;
  std::string format_name = "text";
  std::ostream& out;
  std::ostream& err;
  int exit_code = 0;

  CliContext(std::ostream& o, std::ostream& e) : out(o), err(e) {}

  Format format() const;
  // Loads the catalog once; on failure reports the error and returns nullptr.
  const catalog::Catalog* catalog();
  // Prints the error on stderr and records its exit code; returns that code.
  int fail(const core::Error& error);
  // An informational line on stderr (e.g. an alias that was followed).
  void note(const std::string& text);
  // Writes a JSON document (pretty, 2 spaces) or a table in the chosen format.
  void emit(const nlohmann::ordered_json& json, const io::Table& table);
  void emit_json(const nlohmann::ordered_json& json);

 private:
  std::optional<catalog::Catalog> catalog_;
};

}  // namespace suanli::cli
