// Reading a validation suite (JSONL) named on the command line, shared by `validate` and
// `calibrate`.
#pragma once

#include <string>
#include <vector>

#include "suanli/core/result.hpp"
#include "suanli/validate/suite.hpp"

namespace suanli::cli {

// The text of the suite file at `path`; an invalid_input error when it cannot be read.
core::Result<std::string> read_suite_text(const std::string& path);

// The cases of the suite file at `path`; an invalid_input error when it cannot be read, or the
// parse error of its first bad line.
core::Result<std::vector<validate::Case>> read_suite_file(const std::string& path);

}  // namespace suanli::cli
