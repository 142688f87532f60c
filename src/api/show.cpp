#include "suanli/api/show.hpp"

#include <fmt/format.h>

#include <array>

#include "suanli/api/field_parse.hpp"
#include "suanli/api/resolve.hpp"
#include "suanli/core/did_you_mean.hpp"

namespace suanli::api {
namespace {

const std::array show_fields{
    Field<ShowRequest>{"id", "Chip, system or model id, or a path to a config.json",
                       FieldKind::positional, true,
                       [](ShowRequest& r, std::string_view t) -> core::Status {
                         r.id = std::string(t);
                         return core::ok_status();
                       },
                       [](const ShowRequest& r) { return parse::nonempty(r.id); }},
};

}  // namespace

template <>
std::span<const Field<ShowRequest>> fields<ShowRequest>() {
  return show_fields;
}

bool names_model_file(const ShowRequest& r) {
  return names_model_file(r.id);
}

core::Result<ShowAnswer> show(const catalog::Catalog* cat, const ShowRequest& r) {
  ShowAnswer a;
  if (names_model_file(r)) {
    auto m = catalog::load_model_file(r.id);
    if (!m) return m.error();
    a.model_file = std::move(m).value();
    return a;
  }
  if (cat == nullptr) {
    return core::make_error(core::ErrorCode::internal, "show: no catalog to look an id up in");
  }
  if (auto chip = cat->find_chip(r.id)) {
    if (!chip->note.empty()) a.notes.push_back(chip->note);
    a.chip = chip->item;
    a.profile = cat->profile_of(chip->item->id);
    return a;
  }
  if (auto sys = cat->find_system(r.id)) {
    if (!sys->note.empty()) a.notes.push_back(sys->note);
    a.system = sys->item;
    if (auto chip = cat->find_chip(sys->item->chip_id)) a.system_chip = chip->item;
    return a;
  }
  if (auto m = cat->find_model(r.id)) {
    if (!m->note.empty()) a.notes.push_back(m->note);
    a.model = m->item;
    a.model_source = cat->model_source(m->item->id);
    return a;
  }
  std::vector<std::string> all = cat->chip_ids();
  for (const auto& s : cat->system_ids()) all.push_back(s);
  for (const auto& m : cat->model_ids()) all.push_back(m);
  for (const auto& al : cat->aliases) all.push_back(al.name);
  core::Error e = core::make_error(
      core::ErrorCode::not_found,
      fmt::format("'{}' is not a chip, system or model in the catalog, nor a config.json path",
                  r.id));
  const std::string hint = core::did_you_mean(r.id, all);
  if (!hint.empty()) e.hints.push_back(hint);
  e.hints.emplace_back("'suanli chips', 'suanli systems' and 'suanli models' list the ids");
  return e;
}

}  // namespace suanli::api
