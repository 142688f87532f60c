#include "suanli/model/json_syntax.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace suanli::model {
namespace {

using nlohmann::json;

// Records the first parse error with its byte offset (the SAX interface reports no line).
struct ParseErrorSax : json::json_sax_t {
  std::size_t position = 0;
  std::string what;
  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(number_integer_t) override { return true; }
  bool number_unsigned(number_unsigned_t) override { return true; }
  bool number_float(number_float_t, const string_t&) override { return true; }
  bool string(string_t&) override { return true; }
  bool binary(binary_t&) override { return true; }
  bool start_object(std::size_t) override { return true; }
  bool key(string_t&) override { return true; }
  bool end_object() override { return true; }
  bool start_array(std::size_t) override { return true; }
  bool end_array() override { return true; }
  bool parse_error(std::size_t pos, const std::string&,
                   const nlohmann::detail::exception& ex) override {
    position = pos;
    what = ex.what();
    return false;
  }
};

}  // namespace

JsonSyntaxError json_syntax_error(std::string_view text) {
  ParseErrorSax sax;
  (void)json::sax_parse(text, &sax, json::input_format_t::json, true);
  const auto end = text.begin() + static_cast<std::ptrdiff_t>(std::min(sax.position, text.size()));
  JsonSyntaxError out;
  out.line = 1 + static_cast<int>(std::count(text.begin(), end, '\n'));
  // "[json.exception.parse_error.101] parse error at line 4, column 1: syntax error ..." ->
  // "column 1: syntax error ..." (the line is already in the location).
  out.detail = sax.what;
  if (const auto pos = out.detail.find(", column "); pos != std::string::npos) {
    out.detail = out.detail.substr(pos + 2);
  } else if (const auto start = out.detail.find("] "); start != std::string::npos) {
    out.detail = out.detail.substr(start + 2);
  }
  for (char& c : out.detail) {  // the echoed input may hold invalid UTF-8; keep it ASCII
    if (static_cast<unsigned char>(c) >= 0x80) c = '?';
  }
  return out;
}

}  // namespace suanli::model
