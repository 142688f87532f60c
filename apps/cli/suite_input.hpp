// Reading a validation suite (JSONL) named on the command line, shared by `validate` and
// `calibrate`.
#pragma once

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "suanli/core/result.hpp"
#include "suanli/validate/suite.hpp"

namespace suanli::cli {

// The text of the suite file at `path`; an invalid_input error when it cannot be read.
core::Result<std::string> read_suite_text(const std::string& path);

// The cases of the suite file at `path` (at most `max_cases`; 0 = the library's default cap); an
// invalid_input error when it cannot be read, or the parse error of its first bad line.
core::Result<std::vector<validate::Case>> read_suite_file(const std::string& path,
                                                          long long max_cases);

// The --max-cases option of a command that reads a suite.
void add_max_cases(CLI::App& command, long long& max_cases);

}  // namespace suanli::cli
