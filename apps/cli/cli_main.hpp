// The whole command line in-process: every command registered on a fresh CLI11 app, the
// arguments parsed and run against one context, and the exit code of DESIGN §5. main() and the
// argument-vector fuzz target (tests/fuzz/fuzz_cli_args.cpp) both call it.
#pragma once

#include <string>
#include <vector>

#include "cli_context.hpp"

namespace suanli::cli {

// Runs `args` (without the program name) against `ctx`: its streams take every line printed.
int run_cli(CliContext& ctx, const std::vector<std::string>& args);

}  // namespace suanli::cli
