#include "suanli/server/static_files.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace suanli::server {

namespace fs = std::filesystem;

std::optional<fs::path> static_file(const fs::path& root, std::string_view url_path) {
  if (!url_path.starts_with('/')) return std::nullopt;
  if (url_path.find('\0') != std::string_view::npos) return std::nullopt;
  if (url_path.find('\\') != std::string_view::npos) return std::nullopt;
  fs::path rel;
  std::size_t start = 1;
  while (start <= url_path.size()) {
    std::size_t end = url_path.find('/', start);
    if (end == std::string_view::npos) end = url_path.size();
    const std::string_view segment = url_path.substr(start, end - start);
    if (segment == "..") return std::nullopt;
    if (!segment.empty() && segment != ".") rel /= fs::path(std::string(segment));
    start = end + 1;
  }
  std::error_code ec;
  const fs::path base = fs::canonical(root, ec);
  if (ec) return std::nullopt;
  fs::path file = fs::canonical(base / rel, ec);
  if (ec) return std::nullopt;
  if (fs::is_directory(file, ec)) file = fs::canonical(file / "index.html", ec);
  if (ec || !fs::is_regular_file(file, ec)) return std::nullopt;
  // Inside the root after every symlink is followed.
  const auto [root_end, file_it] =
      std::mismatch(base.begin(), base.end(), file.begin(), file.end());
  if (root_end != base.end()) return std::nullopt;
  return file;
}

std::string_view mime_type(const fs::path& file) {
  static const std::array<std::pair<std::string_view, std::string_view>, 12> types{{
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".ico", "image/x-icon"},
      {".woff2", "font/woff2"},
      {".txt", "text/plain; charset=utf-8"},
      {".map", "application/json"},
      {".webp", "image/webp"},
  }};
  const std::string ext = file.extension().string();
  for (const auto& [e, type] : types) {
    if (e == ext) return type;
  }
  return "application/octet-stream";
}

}  // namespace suanli::server
