#include "suanli/core/error.hpp"

#include <fmt/format.h>

#include <iterator>

namespace suanli::core {

std::string Error::describe() const {
  // fmt::format_to instead of chained operator+ (GCC 12 raises a false -Wrestrict on those).
  std::string out = message;
  auto it = std::back_inserter(out);
  for (const Problem& p : problems) {
    fmt::format_to(it, "\n  ");
    if (!p.file.empty()) {
      fmt::format_to(it, "{}", p.file);
      if (p.line > 0) fmt::format_to(it, ":{}", p.line);
      fmt::format_to(it, ": ");
    }
    if (!p.key_path.empty()) fmt::format_to(it, "{}: ", p.key_path);
    fmt::format_to(it, "{}", p.message);
    if (!p.hint.empty()) fmt::format_to(it, " ({})", p.hint);
  }
  for (const std::string& h : hints) {
    if (!h.empty()) fmt::format_to(it, "\n  hint: {}", h);
  }
  return out;
}

Error make_error(ErrorCode code, std::string message) {
  return Error{code, std::move(message), {}, {}};
}

Error make_error(ErrorCode code, std::string message, Problem problem) {
  Error e{code, std::move(message), {}, {}};
  e.problems.push_back(std::move(problem));
  return e;
}

const char* to_string(ErrorCode code) {
  switch (code) {
    case ErrorCode::usage:
      return "usage";
    case ErrorCode::invalid_input:
      return "invalid_input";
    case ErrorCode::not_found:
      return "not_found";
    case ErrorCode::infeasible:
      return "infeasible";
    case ErrorCode::internal:
      return "internal";
    case ErrorCode::interrupted:
      return "interrupted";
  }
  return "internal";
}

int exit_code(ErrorCode code) {
  switch (code) {
    case ErrorCode::usage:
      return 1;
    case ErrorCode::invalid_input:
      return 2;
    case ErrorCode::not_found:
      return 2;
    case ErrorCode::infeasible:
      return 3;
    case ErrorCode::internal:
      return 70;
    case ErrorCode::interrupted:
      return 130;  // 128 + SIGINT, as a shell reports a command stopped by Ctrl-C
  }
  return 70;
}

int http_status(ErrorCode code) {
  switch (code) {
    case ErrorCode::usage:
      return 400;
    case ErrorCode::invalid_input:
      return 400;
    case ErrorCode::not_found:
      return 404;
    case ErrorCode::infeasible:
      return 422;
    case ErrorCode::internal:
      return 500;
    case ErrorCode::interrupted:
      return 503;
  }
  return 500;
}

}  // namespace suanli::core
