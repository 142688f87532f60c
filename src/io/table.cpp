#include "suanli/io/table.hpp"

#include <algorithm>

namespace suanli::io {
namespace {

// Display width: counts UTF-8 code points, not bytes.
std::size_t width(const std::string& s) {
  return static_cast<std::size_t>(std::count_if(
      s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

std::string csv_cell(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace

std::string Table::to_text() const {
  std::vector<std::size_t> widths(headers.size(), 0);
  for (std::size_t c = 0; c < headers.size(); ++c) widths[c] = width(headers[c]);
  for (const auto& row : rows) {
    for (std::size_t c = 0; c < row.size() && c < widths.size(); ++c) {
      widths[c] = std::max(widths[c], width(row[c]));
    }
  }
  auto line = [&](const std::vector<std::string>& cells) {
    std::string out;
    for (std::size_t c = 0; c < widths.size(); ++c) {
      const std::string cell = c < cells.size() ? cells[c] : "";
      const std::string pad(widths[c] - width(cell), ' ');
      const bool right = c < right_align.size() && right_align[c];
      out += right ? pad + cell : cell + pad;
      if (c + 1 < widths.size()) out += "  ";
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out + "\n";
  };
  std::string out = line(headers);
  std::vector<std::string> rule;
  rule.reserve(widths.size());
  for (std::size_t w : widths) rule.emplace_back(w, '-');
  out += line(rule);
  for (const auto& row : rows) out += line(row);
  return out;
}

std::string Table::to_csv() const {
  std::string out;
  auto line = [&](const std::vector<std::string>& cells) {
    for (std::size_t c = 0; c < cells.size(); ++c) {
      if (c) out += ',';
      out += csv_cell(cells[c]);
    }
    out += '\n';
  };
  line(headers);
  for (const auto& row : rows) line(row);
  return out;
}

}  // namespace suanli::io
