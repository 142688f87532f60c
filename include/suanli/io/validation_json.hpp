// JSON and table forms of a validation run (`suanli validate`): one entry per case with
// predicted, measured, absolute percentage error (a fraction) and band, and the summary.
#pragma once

#include <nlohmann/json.hpp>

#include "suanli/io/table.hpp"
#include "suanli/validate/run.hpp"

namespace suanli::io {

nlohmann::ordered_json validation_json(const std::vector<validate::CaseResult>& results,
                                       const validate::Summary& summary);

// Rows: id, metric, per, predicted, measured, APE %, band, note (skip reason or assumption).
Table validation_table(const std::vector<validate::CaseResult>& results);

}  // namespace suanli::io
