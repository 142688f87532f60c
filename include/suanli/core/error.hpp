// Typed errors: what went wrong, where (file:line and key path), and hints such as "did you mean".
// One Error may carry several problems so that a loader reports every issue in a file at once.
#pragma once

#include <string>
#include <vector>

namespace suanli::core {

// Closed set of failure kinds; apps map each to one exit code and one HTTP status.
enum class ErrorCode {
  usage,          // the request itself is malformed (bad flag, missing argument)
  invalid_input,  // a value or file does not meet its documented form
  not_found,      // an id that the catalog does not hold
  infeasible,     // well-formed but impossible (does not fit, nothing found)
  internal,       // a bug in suanli
  interrupted,    // stopped on the user's request (SIGINT) before it finished; nothing written
};

// One located problem inside an input.
struct Problem {
  std::string file;      // path of the input file, empty for command-line values
  int line = 0;          // 1-based line in the file, 0 when unknown
  std::string key_path;  // e.g. "memory.bandwidth" or "--chips"
  std::string message;   // what is wrong, including the bad value and the expected form
  std::string hint;      // optional: "did you mean 'bandwidth'?"
};

struct Error {
  ErrorCode code = ErrorCode::internal;
  std::string message;             // one-line summary
  std::vector<Problem> problems;   // located details, possibly empty
  std::vector<std::string> hints;  // free-form suggestions for the whole error

  // Summary followed by one line per problem ("file:line: key: message (hint)").
  std::string describe() const;
};

Error make_error(ErrorCode code, std::string message);
Error make_error(ErrorCode code, std::string message, Problem problem);

const char* to_string(ErrorCode code);
int exit_code(ErrorCode code);    // 0 ok, 1 usage, 2 invalid input / not found, 3 infeasible,
                                  // 70 internal, 130 interrupted
int http_status(ErrorCode code);  // 400, 404, 422, 500, 503

}  // namespace suanli::core
