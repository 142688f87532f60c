#include "suanli/core/error.hpp"

namespace suanli::core {

std::string Error::describe() const {
  std::string out = message;
  for (const Problem& p : problems) {
    out += "\n  ";
    if (!p.file.empty()) {
      out += p.file;
      if (p.line > 0) out += ":" + std::to_string(p.line);
      out += ": ";
    }
    if (!p.key_path.empty()) out += p.key_path + ": ";
    out += p.message;
    if (!p.hint.empty()) out += " (" + p.hint + ")";
  }
  for (const std::string& h : hints) out += "\n  hint: " + h;
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
    case ErrorCode::usage: return "usage";
    case ErrorCode::invalid_input: return "invalid_input";
    case ErrorCode::not_found: return "not_found";
    case ErrorCode::infeasible: return "infeasible";
    case ErrorCode::internal: return "internal";
  }
  return "internal";
}

int exit_code(ErrorCode code) {
  switch (code) {
    case ErrorCode::usage: return 1;
    case ErrorCode::invalid_input: return 2;
    case ErrorCode::not_found: return 2;
    case ErrorCode::infeasible: return 3;
    case ErrorCode::internal: return 70;
  }
  return 70;
}

int http_status(ErrorCode code) {
  switch (code) {
    case ErrorCode::usage: return 400;
    case ErrorCode::invalid_input: return 400;
    case ErrorCode::not_found: return 404;
    case ErrorCode::infeasible: return 422;
    case ErrorCode::internal: return 500;
  }
  return 500;
}

}  // namespace suanli::core
