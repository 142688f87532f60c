// "Did you mean" for a command line the parser rejected: the first word that names no
// subcommand, or --flag that names no option, of the command it was given to, with the closest
// known names.
#pragma once

#include <CLI/CLI.hpp>

#include <optional>
#include <string>
#include <vector>

#include "suanli/core/result.hpp"

namespace suanli::cli {

// The usage error for the first unknown subcommand or option in `args` (argv without the
// program name), or nullopt when every word names something `app` knows.
std::optional<core::Error> misspelling(const CLI::App& app, const std::vector<std::string>& args);

}  // namespace suanli::cli
