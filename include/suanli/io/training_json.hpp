// Writers for training results: the JSON blocks of `suanli train` (estimate, layout, memory,
// breakdown, band, time to train, search summary) and a text table. Field names are part of the
// CLI/HTTP contract (docs/cli.md); numbers are rounded via io/number.hpp.
#pragma once

#include <nlohmann/json.hpp>

#include "suanli/io/table.hpp"
#include "suanli/perf/train/search.hpp"
#include "suanli/perf/train/step.hpp"
#include "suanli/perf/train/time.hpp"

namespace suanli::io {

nlohmann::ordered_json training_layout_json(const perf::TrainingLayout& layout, int micro_batches);
nlohmann::ordered_json training_memory_json(const perf::TrainingMemory& memory);
nlohmann::ordered_json training_breakdown_json(const perf::TrainingBreakdown& breakdown);
nlohmann::ordered_json training_placement_json(const perf::TrainingPlacement& placement);

// step_time_s, tokens_per_s, tokens_per_s_per_chip, mfu, hfu, model_flops_per_token, precision,
// memory_per_chip, layout, breakdown, network (tier per group), band, notes.
nlohmann::ordered_json training_estimate_json(const perf::TrainingEstimate& estimate);

nlohmann::ordered_json training_run_json(const perf::TrainingRun& run);

// evaluated, stop, rejected (by reason, with an example), top (compact rows, best first).
nlohmann::ordered_json training_search_json(const perf::TrainingSearchResult& result);

// Key figures of one estimate as rows of (quantity, value).
Table training_table(const perf::TrainingEstimate& estimate);

// The top layouts of a search, one row each.
Table training_top_table(const perf::TrainingSearchResult& result);

}  // namespace suanli::io
