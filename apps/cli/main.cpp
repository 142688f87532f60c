// suanli command-line interface: parses flags, loads the catalog and calls into the library.
#include <cstdlib>
#include <iostream>

#include "commands.hpp"

#ifndef SUANLI_VERSION
#define SUANLI_VERSION "dev"
#endif

int main(int argc, char** argv) {
  using suanli::cli::CliContext;
  CliContext ctx(std::cout, std::cerr);
  ctx.data_dirs.emplace_back(SUANLI_BUILTIN_DATA_DIR);
  if (const char* env = std::getenv("SUANLI_DATA"); env != nullptr && *env != '\0') {
    ctx.data_dirs.emplace_back(env);
  }

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

  suanli::cli::register_chips(app, ctx);
  suanli::cli::register_show(app, ctx);
  suanli::cli::register_catalog_lists(app, ctx);
  suanli::cli::register_validate(app, ctx);
  suanli::cli::register_infer(app, ctx);
  suanli::cli::register_compare(app, ctx);
  suanli::cli::register_calibrate(app, ctx);
  suanli::cli::register_classify(app, ctx);
  suanli::cli::register_policy(app, ctx);
  suanli::cli::register_train(app, ctx);
  suanli::cli::register_plan(app, ctx);
  suanli::cli::register_serve(app, ctx);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : 1;
  } catch (const std::exception& e) {
    std::cerr << "internal error (a bug in suanli, please report it): " << e.what() << "\n";
    return 70;
  }
  return ctx.exit_code;
}
