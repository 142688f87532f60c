// `suanli validate SUITE.jsonl [--kind inference|training|all]`: predicts every case of a suite
// and prints predicted vs measured with the absolute percentage error and the summary.
#include <fmt/format.h>

#include <thread>

#include "commands.hpp"
#include "suanli/io/number.hpp"
#include "suanli/io/validation_json.hpp"
#include "suanli/validate/suite_request.hpp"
#include "suite_input.hpp"

namespace suanli::cli {
namespace {

struct ValidateArgs {
  std::string suite;
  std::string kind = "inference";
  int threads = 0;
  long long max_cases = 0;  // 0 = the library's default cap
};

void run_validate(CliContext& ctx, const ValidateArgs& a) {
  const auto filter = validate::parse_kind_filter(a.kind);
  if (!filter) {
    ctx.fail(core::make_error(
        core::ErrorCode::usage,
        fmt::format("--kind: '{}' is not one of inference, training, all", a.kind)));
    return;
  }
  auto text = read_suite_text(a.suite);
  if (!text) {
    ctx.fail(text.error());
    return;
  }
  const catalog::Catalog* cat = ctx.catalog();
  if (cat == nullptr) return;
  const int threads = a.threads > 0
                          ? a.threads
                          : std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
  validate::SuiteRequest request;
  request.suite = std::move(text).value();
  request.kind = *filter;
  request.max_cases = a.max_cases;
  request.origin = a.suite;
  auto answer = validate::run_suite_request(*cat, request, threads);
  if (!answer) {
    ctx.fail(answer.error());
    return;
  }
  const auto& results = answer->results;
  const validate::Summary& s = answer->summary;
  if (ctx.format() == Format::json) {
    ctx.emit_json(io::validation_json(results, s));
    return;
  }
  ctx.emit(nlohmann::ordered_json{}, io::validation_table(results));
  if (ctx.format() == Format::text) {
    ctx.out << fmt::format(
        "\n{} cases: {} predicted, {} skipped; median APE {}%, p90 {}%, max {}%; {}% of "
        "measurements inside the band\n",
        s.n, s.predicted, s.skipped, io::format_number(100 * s.median_ape, 3),
        io::format_number(100 * s.p90_ape, 3), io::format_number(100 * s.max_ape, 3),
        io::format_number(100 * s.within_band, 3));
  }
}

}  // namespace

void register_validate(CLI::App& app, CliContext& ctx) {
  auto args = std::make_shared<ValidateArgs>();
  CLI::App* cmd = app.add_subcommand(
      "validate", "Predict every case of a validation suite and compare with the measurements");
  cmd->add_option("suite", args->suite, "Suite file (JSONL, see validation/README.md)")->required();
  cmd->add_option("--kind", args->kind, "Cases to predict: inference, training or all")
      ->capture_default_str();
  cmd->add_option("--threads", args->threads, "Worker threads (default: all cores)")
      ->check(CLI::Range(1, 256));
  add_max_cases(*cmd, args->max_cases);
  cmd->callback([&ctx, args] { run_validate(ctx, *args); });
}

}  // namespace suanli::cli
