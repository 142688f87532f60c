// Fuzz target: CLI argument vectors (one argument per line; a final newline ends the last one),
// run in-process through the CLI's parser and dispatcher (apps/cli/cli_main.hpp) with stdout and
// stderr captured. `serve` (never returns) and `calibrate` (writes files) are not run. Any
// refusal is fine; an exit code outside DESIGN §5's 0-3 (70: an exception reached the CLI) is a
// crash. Seeds: the command lines of tests/golden/*.case that run no fleet or layout search.
#include <cstdint>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "apps/cli/cli_main.hpp"

namespace {

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
  const int code = suanli::cli::run_cli(ctx, args);
  if (code < 0 || code > 3) __builtin_trap();
  return 0;
}
