#include <fmt/format.h>

#include <algorithm>
#include <regex>

#include "detail/loaders.hpp"

namespace suanli::catalog::detail {

std::vector<SourceFile> yaml_files(const CatalogDir& dir, std::string_view folder) {
  std::vector<SourceFile> files;
  const std::string prefix = std::string(folder) + "/";
  // `texts` is sorted by relative path, so the files of one folder come in file-name order.
  for (auto it = dir.texts.lower_bound(prefix); it != dir.texts.end(); ++it) {
    const std::string& relative = it->first;
    if (!relative.starts_with(prefix)) break;
    const std::string_view name = std::string_view(relative).substr(prefix.size());
    if (name.find('/') != std::string_view::npos) continue;
    if (name.ends_with(".yaml") || name.ends_with(".yml")) {
      files.push_back(SourceFile{dir.root / relative, it->second});
    }
  }
  return files;
}

std::optional<SourceFile> file_of(const CatalogDir& dir, std::string_view relative) {
  const std::string* text = dir.text(relative);
  if (text == nullptr) return std::nullopt;
  return SourceFile{dir.root / relative, *text};
}

std::optional<YAML::Node> read_yaml(const SourceFile& file, Problems& problems) {
  try {
    return YAML::Load(std::string(file.text));
  } catch (const YAML::ParserException& e) {
    problems.add_line(e.mark.line >= 0 ? e.mark.line + 1 : 0, "", "YAML syntax error: " + e.msg);
  } catch (const YAML::Exception& e) {
    problems.add_line(0, "", std::string("cannot parse file: ") + e.what());
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
