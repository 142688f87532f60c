// Where and why a JSON text does not parse, in the words of the parser ("column 5: syntax error
// while parsing object key ..."), for every reader of JSON input: config.json and suite lines.
#pragma once

#include <string>
#include <string_view>

namespace suanli::model {

struct JsonSyntaxError {
  int line = 1;        // 1-based line of `text` where parsing stopped
  std::string detail;  // "column 1: syntax error ...", ASCII only
};

// The first syntax error of `text`; call only for a text that failed to parse.
JsonSyntaxError json_syntax_error(std::string_view text);

}  // namespace suanli::model
