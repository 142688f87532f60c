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

// Any other refusal of the parser (a required option missing, a value outside its choices, an
// extra operand) as a usage error with `message`, pointing at the --help of the command it was
// given to.
core::Error parser_refusal(const CLI::App& app, std::string message);

}  // namespace suanli::cli
