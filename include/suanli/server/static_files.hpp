// Static files of the web page, served only from inside the web root: a URL path with a ".."
// segment, a NUL or a backslash names nothing, and a path that resolves (through symlinks) to
// outside the root names nothing either.
#pragma once

#include <filesystem>
#include <optional>
#include <string_view>

namespace suanli::server {

// The regular file `url_path` ("/", "/assets/app.js") names under `root` (a directory serves its
// index.html), or nullopt.
std::optional<std::filesystem::path> static_file(const std::filesystem::path& root,
                                                 std::string_view url_path);

// Content type by extension ("text/html; charset=utf-8", ...; application/octet-stream else).
std::string_view mime_type(const std::filesystem::path& file);

}  // namespace suanli::server
