// `suanli infer`: one inference prediction (api::predict_inference). Layout and concurrency are
// searched when not given (best output tokens/s per chip under the TTFT/TPOT limits).
#include "commands.hpp"
#include "request_options.hpp"
#include "suanli/api/infer.hpp"
#include "suanli/io/answer_json.hpp"
#include "suanli/io/launch_json.hpp"

namespace suanli::cli {

void register_infer(CLI::App& app, CliContext& ctx) {
  add_request_command<api::InferRequest>(
      app, ctx, "infer", "Predict inference throughput and latency",
      [](const catalog::Catalog& cat, const api::InferRequest& r) {
        return api::predict_inference(cat, r);
      },
      [&ctx](const api::InferAnswer& a) {
        ctx.emit(io::infer_answer_json(a), io::infer_answer_table(a));
        if (a.used.explain && a.estimate.feasible && ctx.format() == Format::text) {
          ctx.out << "\nstep on one chip (" << a.efficiency_source << "):\n"
                  << io::breakdown_table(a).to_text();
        }
        if (a.launch && ctx.format() == Format::text) ctx.out << "\n" << io::launch_text(*a.launch);
        if (a.infeasible) ctx.exit_code = core::exit_code(core::ErrorCode::infeasible);
      });
}

}  // namespace suanli::cli
