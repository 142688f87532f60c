#include "suanli/catalog/catalog.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "suanli/core/did_you_mean.hpp"

namespace suanli::catalog {
namespace {

template <class T>
const T* find_by_id(const std::vector<T>& items, std::string_view id) {
  const auto it =
      std::lower_bound(items.begin(), items.end(), id,
                       [](const T& item, std::string_view key) { return item.id < key; });
  return it != items.end() && it->id == id ? &*it : nullptr;
}

template <class T>
std::vector<std::string> ids_of(const std::vector<T>& items) {
  std::vector<std::string> ids;
  ids.reserve(items.size());
  for (const T& item : items) ids.push_back(item.id);
  return ids;
}

template <class T>
core::Result<Resolved<T>> resolve(const std::vector<T>& items, const std::vector<Alias>& aliases,
                                  std::string_view id, const char* kind) {
  if (const T* item = find_by_id(items, id)) return Resolved<T>{item, {}};
  for (const Alias& a : aliases) {
    if (a.name != id) continue;
    if (const T* item = find_by_id(items, a.target)) {
      return Resolved<T>{item, fmt::format("'{}' resolved to '{}' ({})", id, a.target, a.note)};
    }
  }
  std::vector<std::string> names = ids_of(items);
  for (const Alias& a : aliases) {
    if (find_by_id(items, a.target)) names.push_back(a.name);
  }
  core::Error e =
      core::make_error(core::ErrorCode::not_found, fmt::format("unknown {} '{}'", kind, id));
  const std::string hint = core::did_you_mean(id, names);
  if (!hint.empty()) e.hints.push_back(hint);
  e.hints.push_back(fmt::format("'suanli {}s' lists every {}", kind, kind));
  return e;
}

}  // namespace

core::Result<Resolved<hw::Chip>> Catalog::find_chip(std::string_view id) const {
  return resolve(chips, aliases, id, "chip");
}
core::Result<Resolved<hw::System>> Catalog::find_system(std::string_view id) const {
  return resolve(systems, aliases, id, "system");
}
core::Result<Resolved<model::ModelArch>> Catalog::find_model(std::string_view id) const {
  return resolve(models, aliases, id, "model");
}

const ModelSource* Catalog::model_source(std::string_view id) const {
  for (const ModelSource& s : model_sources) {
    if (s.id == id) return &s;
  }
  return nullptr;
}

const hw::ChipProfile* Catalog::profile_of(std::string_view chip_id) const {
  for (const hw::ChipProfile& p : profiles) {
    if (p.chip_id == chip_id) return &p;
  }
  return nullptr;
}

std::vector<std::string> Catalog::chip_ids() const {
  return ids_of(chips);
}
std::vector<std::string> Catalog::system_ids() const {
  return ids_of(systems);
}
std::vector<std::string> Catalog::model_ids() const {
  return ids_of(models);
}

std::string Catalog::file_of(std::string_view id) const {
  for (const Origin& o : origins) {
    if (o.id == id) return o.file;
  }
  return {};
}

}  // namespace suanli::catalog
