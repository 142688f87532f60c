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
  return detail::model_from_text(text.str(), path);
}

namespace detail {
namespace {

// `fp4_attention: bf16` with its `fp4_attention_source`: the model's published 4-bit checkpoints
// keep the attention projections in 16 bits. True when given and valid.
bool read_fp4_attention(MapReader& item, const YAML::Node& node) {
  const std::optional<std::string> format = item.string("fp4_attention", false);
  const std::optional<std::string> source = item.string("fp4_attention_source", format.has_value());
  if (!format) {
    if (source) {
      item.problems().add(node, item.child_path("fp4_attention_source"),
                          "fp4_attention_source without fp4_attention");
    }
    return false;
  }
  if (*format != "bf16") {
    item.problems().add(node, item.child_path("fp4_attention"),
                        fmt::format("fp4_attention '{}' is not a format it takes", *format),
                        "bf16: the 4-bit checkpoints keep the attention projections in 16 bits");
    return false;
  }
  return source.has_value();
}

}  // namespace

core::Result<model::ModelArch> model_from_text(std::string_view text,
                                               const std::filesystem::path& path) {
  auto arch = model::parse_hf_config(text, path.string());
  if (!arch) return arch.error();
  model::ModelArch m = std::move(arch).value();
  if (m.id.empty()) {
    m.id = path.stem().string() == "config" ? path.parent_path().filename().string()
                                            : path.stem().string();
  }
  return m;
}

LoadedModels load_models(const CatalogDir& dir, std::vector<core::Problem>& out) {
  LoadedModels loaded;
  const std::filesystem::path index = dir.root / "models" / "models.yaml";
  Problems problems(index.string());
  const std::string* index_text = dir.text("models/models.yaml");
  const auto doc = index_text ? read_yaml(SourceFile{index, *index_text}, problems) : std::nullopt;
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
      const bool fp4_attention_16bit = read_fp4_attention(item, list[i]);
      item.finish();
      if (src.id.empty()) continue;
      if (!indexed.insert(src.id).second) {
        problems.add(list[i], item.child_path("id"),
                     fmt::format("model '{}' is listed more than once", src.id));
        continue;
      }
      const std::string config = src.id + ".json";
      const std::string* config_text = dir.text("models/" + config);
      if (config_text == nullptr) {
        problems.add(list[i], item.child_path("id"),
                     fmt::format("no config file {} for model '{}'", config, src.id));
        continue;
      }
      auto arch = model_from_text(*config_text, dir.root / "models" / config);
      if (!arch) {
        problems.add_line(0, config, arch.error().describe());
        continue;
      }
      model::ModelArch m = std::move(arch).value();
      m.id = src.id;
      m.fp4_attention_16bit = m.fp4_attention_16bit || fp4_attention_16bit;
      loaded.models.push_back(std::move(m));
      loaded.sources.push_back(std::move(src));
    }
  }
  // Every config file must be indexed, so that none lacks a source.
  for (auto it = dir.texts.lower_bound("models/"); it != dir.texts.end(); ++it) {
    const std::filesystem::path file(it->first);
    if (!it->first.starts_with("models/")) break;
    if (file.extension() != ".json" || file.parent_path() != "models") continue;
    if (!indexed.contains(file.stem().string())) {
      problems.add_line(0, "models",
                        fmt::format("{} has no entry in models.yaml (every model needs a source)",
                                    file.filename().string()));
    }
  }
  for (auto& p : problems.take()) out.push_back(std::move(p));
  return loaded;
}

}  // namespace detail
}  // namespace suanli::catalog
