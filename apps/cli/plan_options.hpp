// Options of `suanli plan` shared by the inference and training planners: the cost overrides
// (every price an input), the destination and date, the constraints and the systems to consider,
// each parsed from text with its flag named in the error.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "cli_context.hpp"
#include "suanli/cost/assumptions.hpp"
#include "suanli/search/plan_request.hpp"

namespace suanli::cli {

struct PlanOptions {
  std::string model;                      // --model
  std::string scenario = "chat";          // --scenario
  std::string target;                     // --target, e.g. "1M-tok/s"
  std::string dest;                       // --dest, ISO code
  std::string date;                       // --date, YYYY-MM-DD
  std::string budget;                     // --budget, e.g. "$50M"
  std::string power;                      // --power, e.g. "20MW"
  std::vector<std::string> systems;       // --systems a,b,c
  std::string objective = "cost";         // --objective
  std::string precision;                  // --precision (weights), default fp8 / bf16 (training)
  std::string software;                   // --software
  bool cloud = false;                     // --cloud
  std::string region;                     // --region (electricity)
  std::vector<std::string> prices;        // --price ID=USD
  std::vector<std::string> cloud_prices;  // --cloud-price CHIP=USD/h
  std::string electricity;                // --electricity "0.06 USD/kWh"
  std::string amortization;               // --amortization years
  std::string utilization;                // --utilization fraction
  std::string pue;                        // --pue
  std::string node_overhead;              // --node-overhead
  std::string server_overhead;            // --server-overhead
  std::string network_fraction;           // --network-fraction
  std::string facility;                   // --facility "184 USD/kW/month"
  std::string levy_pass_through;          // --levy-pass-through
  bool train = false;                     // --train
  std::string tokens;                     // --tokens, e.g. "15T"
  std::string days;                       // --days
  int seq_len = 4096;                     // --seq-len
  std::string batch_tokens = "16M";       // --batch-tokens per optimizer step
  int threads = 2;                        // --threads
  int max_pipeline = 2;                   // --max-pipeline: largest pipeline degree searched
  int max_sizes = 4;                      // --max-sizes: deployment sizes tried per system
};

void add_plan_options(CLI::App& cmd, PlanOptions& o);

// The parsed pieces every planner needs; nullopt after reporting an error on ctx.
struct PlanCommon {
  std::vector<search::SystemChoice> systems;
  search::Destination destination;
  search::Constraints constraints;
  search::Objective objective = search::Objective::cost;
  cost::Assumptions assumptions;
};
std::optional<PlanCommon> parse_plan_common(CliContext& ctx, const catalog::Catalog& cat,
                                            const PlanOptions& o, cost::Usage usage);

// A plain number typed for `flag` ("0.7", "4"); reports and returns nullopt when malformed.
std::optional<double> parse_number(CliContext& ctx, const std::string& flag,
                                   const std::string& text);

// One line stating the cost assumptions a plan or a training cost was computed with.
std::string assumptions_line(const cost::Assumptions& assumptions);

}  // namespace suanli::cli
