#include <fmt/format.h>

#include <fstream>
#include <sstream>

#include "detail/loaders.hpp"
#include "suanli/model/hf_config.hpp"

namespace suanli::catalog {

core::Result<model::ModelArch> load_model_file(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in) {
    return core::make_error(core::ErrorCode::invalid_input,
                            fmt::format("cannot open model config '{}'", path.string()));
  }
  std::stringstream text;
  text << in.rdbuf();
  auto arch = model::parse_hf_config(text.str(), path.string());
  if (!arch) return arch.error();
  model::ModelArch m = std::move(arch).value();
  if (m.id.empty()) {
    m.id = path.stem().string() == "config" ? path.parent_path().filename().string()
                                            : path.stem().string();
  }
  return m;
}

namespace detail {

LoadedModels load_models(const std::filesystem::path& dir, std::vector<core::Problem>& out) {
  LoadedModels loaded;
  const std::filesystem::path index = dir / "models.yaml";
  Problems problems(index.string());
  const auto doc = read_yaml(index, problems);
  std::set<std::string> indexed;
  if (doc) {
    MapReader r(*doc, "", problems);
    const YAML::Node list = r.get("models");
    r.finish();
    if (r.valid() && !list.IsSequence()) {
      problems.add(list, "models", "expected a list of {id, repo, source, published_params}");
    }
    for (std::size_t i = 0; r.valid() && list.IsSequence() && i < list.size(); ++i) {
      MapReader item(list[i], fmt::format("models[{}]", i), problems);
      if (!item.valid()) continue;
      ModelSource src;
      src.id = item.string("id", true).value_or("");
      src.repo = item.string("repo", true).value_or("");
      src.source = item.string("source", true).value_or("");
      item.string("published_params", true);
      for (const std::string& alias : item.string_list("aliases")) {
        loaded.aliases.push_back(Alias{alias, src.id, "model alias"});
      }
      item.finish();
      if (src.id.empty()) continue;
      if (!indexed.insert(src.id).second) {
        problems.add(list[i], item.child_path("id"),
                     fmt::format("model '{}' is listed more than once", src.id));
        continue;
      }
      const std::filesystem::path config = dir / (src.id + ".json");
      if (!std::filesystem::exists(config)) {
        problems.add(
            list[i], item.child_path("id"),
            fmt::format("no config file {} for model '{}'", config.filename().string(), src.id));
        continue;
      }
      auto arch = load_model_file(config);
      if (!arch) {
        problems.add_line(0, config.filename().string(), arch.error().describe());
        continue;
      }
      model::ModelArch m = std::move(arch).value();
      m.id = src.id;
      loaded.models.push_back(std::move(m));
      loaded.sources.push_back(std::move(src));
    }
  }
  // Every config file must be indexed, so that none lacks a source.
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".json") continue;
    const std::string id = entry.path().stem().string();
    if (!indexed.contains(id)) {
      problems.add_line(0, "models",
                        fmt::format("{} has no entry in models.yaml (every model needs a source)",
                                    entry.path().filename().string()));
    }
  }
  for (auto& p : problems.take()) out.push_back(std::move(p));
  return loaded;
}

}  // namespace detail
}  // namespace suanli::catalog
