// suanli command-line interface: the data directories (built-in, then SUANLI_DATA), then every
// command through run_cli (cli_main.hpp) on the process's streams.
#include <cstdlib>
#include <iostream>

#include "cli_main.hpp"

int main(int argc, char** argv) {
  suanli::cli::CliContext ctx(std::cout, std::cerr);
  ctx.data_dirs.emplace_back(SUANLI_BUILTIN_DATA_DIR);
  if (const char* env = std::getenv("SUANLI_DATA"); env != nullptr && *env != '\0') {
    ctx.data_dirs.emplace_back(env);
  }
  return suanli::cli::run_cli(ctx, std::vector<std::string>(argv + 1, argv + argc));
}
