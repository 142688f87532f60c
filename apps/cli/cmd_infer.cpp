// `suanli infer`: one inference prediction (api::predict_inference). Layout and concurrency are
// searched when not given (best output tokens/s per chip under the TTFT/TPOT limits).
#include "commands.hpp"
#include "request_options.hpp"
#include "suanli/api/infer.hpp"
#include "suanli/io/answer_json.hpp"

namespace suanli::cli {

void register_infer(CLI::App& app, CliContext& ctx) {
  auto opts = std::make_shared<RequestOptions<api::InferRequest>>();
  CLI::App* cmd = app.add_subcommand("infer", "Predict inference throughput and latency");
  opts->add_to(*cmd);
  cmd->callback([&ctx, opts] {
    const catalog::Catalog* cat = ctx.catalog();
    if (cat == nullptr) return;
    auto request = opts->request();
    if (!request) return (void)ctx.fail(request.error());
    auto answer = api::predict_inference(*cat, *request);
    if (!answer) return (void)ctx.fail(answer.error());
    for (const auto& n : answer->notes) ctx.note(n);
    ctx.emit(io::infer_answer_json(*answer), io::infer_answer_table(*answer));
    if (request->explain && answer->estimate.feasible && ctx.format() == Format::text) {
      ctx.out << "\nstep on one chip (" << answer->efficiency_source << "):\n"
              << io::breakdown_table(*answer).to_text();
    }
    if (answer->infeasible) ctx.exit_code = core::exit_code(core::ErrorCode::infeasible);
  });
}

}  // namespace suanli::cli
