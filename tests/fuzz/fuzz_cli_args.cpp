// Fuzz target: CLI argument vectors (one argument per line; a final newline ends the last one),
// run in-process through the CLI's parser and dispatcher (apps/cli/cli_main.hpp) with stdout and
// stderr captured. `serve` (never returns) and `calibrate` (writes files) are not run. Any
// refusal is fine; an exit code outside DESIGN §5's 0-3 (70: an exception reached the CLI) is a
// crash. Seeds: the command lines of tests/golden/*.case that run no fleet or layout search.
// The built-in catalog is loaded once and handed to every run without --data (CliContext::
// preloaded): loading it took most of each run's time.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "apps/cli/cli_main.hpp"
#include "suanli/catalog/catalog.hpp"

namespace {

// The built-in catalog, loaded on first use; null when it does not load (every run then loads
// it itself and reports why).
const suanli::catalog::Catalog* builtin_catalog() {
  static const std::optional<suanli::catalog::Catalog> cat = [] {
    auto loaded =
        suanli::catalog::load_catalog(std::vector<std::filesystem::path>{SUANLI_BUILTIN_DATA_DIR});
    return loaded ? std::optional(std::move(loaded).value()) : std::nullopt;
  }();
  return cat ? &*cat : nullptr;
}

std::vector<std::string> split_lines(std::string_view text) {
  if (!text.empty() && text.back() == '\n') text.remove_suffix(1);
  std::vector<std::string> out;
  if (text.empty()) return out;
  std::size_t start = 0;
  while (true) {
    const std::size_t end = text.find('\n', start);
    out.emplace_back(text.substr(start, end == std::string_view::npos ? end : end - start));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return out;
}

}  // namespace

// NOLINTNEXTLINE(readability-identifier-naming): the entry point libFuzzer calls
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::vector<std::string> args =
      split_lines(std::string_view(reinterpret_cast<const char*>(data), size));
  for (const std::string& a : args) {
    if (a == "serve" || a == "calibrate") return 0;
  }
  std::ostringstream out;
  std::ostringstream err;
  suanli::cli::CliContext ctx(out, err);
  ctx.data_dirs.emplace_back(SUANLI_BUILTIN_DATA_DIR);
  ctx.preloaded = builtin_catalog();
  const int code = suanli::cli::run_cli(ctx, args);
  if (code < 0 || code > 3) __builtin_trap();
  return 0;
}
