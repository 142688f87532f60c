// `suanli compare --model M --scenario chat|reasoning|summarize|offline [--systems a,b]`: the
// best configuration of each system for a scenario (api::compare), one row per system; a system
// that cannot run the model is a row with its reason.
#include "commands.hpp"
#include "request_options.hpp"
#include "suanli/api/compare.hpp"
#include "suanli/io/answer_json.hpp"

namespace suanli::cli {

void register_compare(CLI::App& app, CliContext& ctx) {
  auto opts = std::make_shared<RequestOptions<api::CompareRequest>>();
  CLI::App* cmd = app.add_subcommand(
      "compare", "Best configuration and tokens/s per chip of several systems for a scenario");
  opts->add_to(*cmd);
  cmd->callback([&ctx, opts] {
    const catalog::Catalog* cat = ctx.catalog();
    if (cat == nullptr) return;
    auto request = opts->request();
    if (!request) return (void)ctx.fail(request.error());
    auto answer = api::compare(*cat, *request);
    if (!answer) return (void)ctx.fail(answer.error());
    for (const auto& n : answer->notes) ctx.note(n);
    ctx.emit(io::compare_answer_json(*answer), io::compare_answer_table(*answer));
  });
}

}  // namespace suanli::cli
