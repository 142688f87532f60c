// Strict loader of data/defaults.yaml: the choices the product makes when a request leaves them
// open. A later directory's file replaces the keys it gives.
#include <fmt/format.h>

#include "detail/loaders.hpp"
#include "suanli/perf/common/software_profile.hpp"

namespace suanli::catalog::detail {

void load_defaults(const CatalogDir& dir, Defaults& into, std::vector<core::Problem>& problems) {
  const auto file = file_of(dir, "defaults.yaml");
  if (!file) return;
  Problems p(file->path.string());
  const auto doc = read_yaml(*file, p);
  if (doc) {
    MapReader r(*doc, "", p);
    if (r.valid()) {
      if (r.has("compare_systems")) into.compare_systems = r.string_list("compare_systems");
      if (r.has("serving_stack")) {
        MapReader stacks(r.get("serving_stack"), "serving_stack", p);
        if (stacks.valid()) {
          into.serving_stack.clear();
          for (const auto& kv : stacks.node()) {
            const auto vendor = kv.first.as<std::string>();
            if (auto s = stacks.string(vendor, true)) {
              stacks.check_choice(vendor, *s, perf::serving_stacks());
              into.serving_stack[vendor] = *s;
            }
          }
          if (!into.serving_stack.contains("other")) {
            p.add(r.get("serving_stack"), "serving_stack",
                  "needs an 'other' entry: the stack of vendors not listed");
          }
        }
      }
      if (auto s = r.string("training_stack", false)) {
        r.check_choice("training_stack", *s, perf::training_stacks());
        into.training_stack = *s;
      }
      r.finish();
    }
  }
  for (auto& prob : p.take()) problems.push_back(std::move(prob));
}

}  // namespace suanli::catalog::detail
