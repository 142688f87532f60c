// `suanli compare --model M --scenario chat|reasoning|summarize|offline [--systems a,b]`: the
// best configuration of each system for a scenario (api::compare), one row per system; a system
// that cannot run the model is a row with its reason.
#include "commands.hpp"
#include "request_options.hpp"
#include "suanli/api/compare.hpp"
#include "suanli/io/answer_json.hpp"
#include "suanli/io/launch_json.hpp"

namespace suanli::cli {

void register_compare(CLI::App& app, CliContext& ctx) {
  add_request_command<api::CompareRequest>(
      app, ctx, "compare",
      "Best configuration and tokens/s per chip of several systems for a scenario",
      [](const catalog::Catalog& cat, const api::CompareRequest& r) {
        return api::compare(cat, r);
      },
      [&ctx](const api::CompareAnswer& a) {
        ctx.emit(io::compare_answer_json(a), io::compare_answer_table(a));
        if (ctx.format() == Format::text) {
          for (const auto& line : io::compare_risk_lines(a)) ctx.out << "risk: " << line << "\n";
        }
        if (a.launch && ctx.format() == Format::text) ctx.out << "\n" << io::launch_text(*a.launch);
      });
}

}  // namespace suanli::cli
