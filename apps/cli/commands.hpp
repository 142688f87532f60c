// One registration function per subcommand (each defined in its own cmd_<name>.cpp).
#pragma once

#include <CLI/CLI.hpp>

#include "cli_context.hpp"

namespace suanli::cli {

void register_chips(CLI::App& app, CliContext& ctx);
void register_show(CLI::App& app, CliContext& ctx);
void register_catalog_lists(CLI::App& app, CliContext& ctx);
void register_validate(CLI::App& app, CliContext& ctx);
void register_infer(CLI::App& app, CliContext& ctx);
void register_compare(CLI::App& app, CliContext& ctx);
void register_calibrate(CLI::App& app, CliContext& ctx);
void register_classify(CLI::App& app, CliContext& ctx);
void register_policy(CLI::App& app, CliContext& ctx);
void register_train(CLI::App& app, CliContext& ctx);
void register_plan(CLI::App& app, CliContext& ctx);
void register_serve(CLI::App& app, CliContext& ctx);

}  // namespace suanli::cli
