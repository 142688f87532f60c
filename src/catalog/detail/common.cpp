#include <fmt/format.h>

#include <algorithm>
#include <regex>

#include "detail/loaders.hpp"

namespace suanli::catalog::detail {

std::vector<std::filesystem::path> yaml_files(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> files;
  if (!std::filesystem::is_directory(dir)) return files;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    const auto ext = entry.path().extension();
    if (entry.is_regular_file() && (ext == ".yaml" || ext == ".yml")) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::optional<YAML::Node> read_yaml(const std::filesystem::path& path, Problems& problems) {
  try {
    return YAML::LoadFile(path.string());
  } catch (const YAML::ParserException& e) {
    problems.add_line(e.mark.line >= 0 ? e.mark.line + 1 : 0, "", "YAML syntax error: " + e.msg);
  } catch (const YAML::Exception& e) {
    problems.add_line(0, "", std::string("cannot read file: ") + e.what());
  }
  return std::nullopt;
}

std::vector<hw::SourceRef> read_sources(MapReader& reader) {
  std::vector<hw::SourceRef> out;
  const std::string path = reader.child_path("sources");
  if (!reader.has("sources")) {
    reader.problems().add(reader.node(), path,
                          "required key is missing: every figure needs a cited source");
    return out;
  }
  const YAML::Node n = reader.get("sources");
  if (!n.IsMap() || n.size() == 0) {
    reader.problems().add(n, path, "expected a mapping of source keys to citations");
    return out;
  }
  for (const auto& kv : n) {
    hw::SourceRef ref;
    ref.key = kv.first.as<std::string>("");
    if (!kv.second.IsScalar() || kv.second.Scalar().size() < 8) {
      reader.problems().add(kv.second, path + "." + ref.key,
                            "expected a citation (document, publisher, date) as text");
      continue;
    }
    ref.citation = kv.second.Scalar();
    out.push_back(std::move(ref));
  }
  return out;
}

std::set<std::string> source_keys(const std::vector<hw::SourceRef>& sources) {
  std::set<std::string> keys;
  for (const auto& s : sources) keys.insert(s.key);
  return keys;
}

void check_id_matches_file(const std::filesystem::path& path, const std::string& id,
                           const YAML::Node& at, Problems& problems, const std::string& key) {
  static const std::regex id_form("^[a-z0-9][a-z0-9.\\-]*$");
  if (!std::regex_match(id, id_form)) {
    problems.add(
        at, key,
        fmt::format("'{}' is not a valid id: use lower-case letters, digits, '-' and '.'", id));
  }
  if (path.stem().string() != id) {
    problems.add(
        at, key,
        fmt::format("{} '{}' does not match the file name '{}'", key, id, path.filename().string()),
        fmt::format("rename the file to {}.yaml", id));
  }
}

}  // namespace suanli::catalog::detail
