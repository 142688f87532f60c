// `suanli compare --dest CC --date D`: availability, levy and the effective price per chip (the
// hardware price with the levy added) appended to each compared system, from the policy engine
// and the cost model. Kept apart from cmd_compare.cpp so that command stays about performance.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli_context.hpp"
#include "suanli/io/table.hpp"
#include "suanli/search/plan_request.hpp"

namespace suanli::cli {

// The destination of --dest/--date (--date without --dest is a usage error; --dest without
// --date takes the newest policy date, with a note). nullopt after reporting an error; a
// Destination with an empty country when neither flag is given.
std::optional<search::Destination> pick_destination(CliContext& ctx, const std::string& dest,
                                                    const std::string& date);

// Adds "available", "access_reason", "levy_percent" and "effective_price_usd" to every JSON row
// and "avail", "levy %", "$/chip eff." columns to the table. `systems` and `chips` are the ids of
// the rows, in order.
void add_access_columns(const catalog::Catalog& cat, const search::Destination& dest,
                        const std::vector<std::string>& systems,
                        const std::vector<std::string>& chips, nlohmann::ordered_json& json,
                        io::Table& table);

}  // namespace suanli::cli
