#include "cli_main.hpp"

#include <exception>
#include <ostream>

#include "commands.hpp"
#include "suggest.hpp"

#ifndef SUANLI_VERSION
#define SUANLI_VERSION "dev"
#endif

namespace suanli::cli {

int run_cli(CliContext& ctx, const std::vector<std::string>& args) {
  CLI::App app{
      "suanli: what AI accelerators and clusters deliver for LLMs, what they cost, "
      "and whether they can be had"};
  app.set_version_flag("--version", std::string("suanli ") + SUANLI_VERSION);
  app.require_subcommand(1);
  app.fallthrough();
  app.add_option("--data", ctx.extra_data,
                 "Extra catalog directory (chips/, systems/, models/) loaded after the built-in "
                 "one; also SUANLI_DATA")
      ->check(CLI::ExistingDirectory);
  app.add_option("--format", ctx.format_name, "Output format")
      ->check(CLI::IsMember({"text", "json", "csv"}))
      ->capture_default_str();

  register_chips(app, ctx);
  register_show(app, ctx);
  register_catalog_lists(app, ctx);
  register_validate(app, ctx);
  register_infer(app, ctx);
  register_compare(app, ctx);
  register_calibrate(app, ctx);
  register_classify(app, ctx);
  register_policy(app, ctx);
  register_train(app, ctx);
  register_plan(app, ctx);
  register_serve(app, ctx);

  try {
    std::vector<std::string> reversed(args.rbegin(), args.rend());  // CLI11 reads from the back
    app.parse(reversed);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() != 0) {
      if (auto typo = misspelling(app, args)) return ctx.fail(*typo);
      return ctx.fail(parser_refusal(app, e.what()));
    }
    return app.exit(e, ctx.out, ctx.err);  // --help
  } catch (const std::exception& e) {
    ctx.err << "internal error (a bug in suanli, please report it): " << e.what() << "\n";
    return 70;
  }
  return ctx.exit_code;
}

}  // namespace suanli::cli
