// Parsers and printers of field values shared by every request table: whole numbers in a range,
// positive numbers, shares ("0.5", "50%"), durations ("50ms"), precisions ("fp8"), flags and comma
// lists. Each returns a message that does not name the field (api::set_field adds the name in the
// caller's style).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "suanli/core/result.hpp"
#include "suanli/hw/dtype.hpp"

namespace suanli::api::parse {

core::Result<long long> integer(std::string_view text, long long lo, long long hi);
core::Result<double> number(std::string_view text, double lo, double hi);
core::Result<double> seconds(std::string_view text);  // "50ms", "2 s"; > 0
// A share in [0, 1]: "0.56" or "56%" (a percentage in [0, 100]).
core::Result<double> share(std::string_view text);
core::Result<hw::Dtype> precision(std::string_view text);
core::Result<bool> flag(std::string_view text);           // "true" / "false"
std::vector<std::string> list(std::string_view text);     // "a, b,,c" -> a b c (trimmed)
std::string join(const std::vector<std::string>& items);  // a,b,c

// Printers: the shortest text that parses back to the same value.
std::string number_text(double v);
std::string seconds_text(double s);  // "0.05s"
std::optional<std::string> nonzero(long long v);
std::optional<std::string> nonzero(double v);
std::optional<std::string> nonempty(const std::string& s);
std::optional<std::string> flag_text(bool on);  // "true" when on, else not given

}  // namespace suanli::api::parse
