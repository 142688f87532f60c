// A table of text cells written as aligned text or RFC 4180 CSV; every tabular CLI output uses it.
#pragma once

#include <string>
#include <vector>

namespace suanli::io {

struct Table {
  std::vector<std::string> headers;
  std::vector<std::vector<std::string>> rows;
  std::vector<bool> right_align;  // per column; numbers read better right-aligned

  void add_row(std::vector<std::string> row) { rows.push_back(std::move(row)); }
  std::string to_text() const;  // aligned columns, header underlined
  std::string to_csv() const;   // quoted where needed
};

}  // namespace suanli::io
