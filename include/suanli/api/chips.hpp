// `chips`: the catalog's accelerators filtered by vendor, market, family, memory, bandwidth and
// precision, sorted by id or by a chip metric (descending). The filters are a request like any
// other (one option table), so the CLI, the HTTP query string and the JSON reader agree.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "suanli/api/fields.hpp"
#include "suanli/catalog/catalog.hpp"

namespace suanli::api {

struct ChipsRequest {
  std::string vendor;                 // only this vendor; "" = any
  std::string market;                 // global | china-sku | domestic-cn; "" = any
  std::string family;                 // micro-architecture family; "" = any
  std::string min_memory;             // e.g. "80GB" (checked when set); "" = none
  std::string min_bandwidth;          // e.g. "3 TB/s" (checked when set); "" = none
  std::optional<hw::Dtype> supports;  // only chips with this precision
  std::string sort = "id";            // "id" or a chip metric key (hw/chip_metrics.hpp)
};

template <>
std::span<const Field<ChipsRequest>> fields<ChipsRequest>();

struct ChipsAnswer {
  std::vector<const hw::Chip*> chips;  // in the requested order
  std::vector<std::string> notes;      // none today; every answer carries notes
};

// Unknown values are usage errors from the field setters; the filter itself cannot fail.
core::Result<ChipsAnswer> list_chips(const catalog::Catalog& cat, const ChipsRequest& request);

}  // namespace suanli::api
