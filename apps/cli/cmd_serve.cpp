// `suanli serve`: the HTTP JSON API and the web page (server::Server) on a loopback port by
// default. The catalog is loaded once; access-log lines go to stderr.
#include <fmt/format.h>
#include <unistd.h>

#include <filesystem>
#include <iostream>
#include <mutex>

#include "commands.hpp"
#include "suanli/server/server.hpp"

#ifndef SUANLI_VERSION
#define SUANLI_VERSION "dev"
#endif

namespace suanli::cli {
namespace {

namespace fs = std::filesystem;

struct ServeArgs {
  std::string host = "127.0.0.1";
  int port = 8080;
  int threads = 0;
  std::string web_root;
  std::string cors;
};

// --web-root, else `web` beside the executable, else the source tree's web/dist.
fs::path web_root(const std::string& given) {
  if (!given.empty()) return given;
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec && fs::is_directory(exe.parent_path() / "web", ec)) return exe.parent_path() / "web";
  return SUANLI_WEB_DIST_DIR;
}

void run_serve(CliContext& ctx, const ServeArgs& a) {
  const catalog::Catalog* cat = ctx.catalog();
  if (cat == nullptr) return;
  server::ServerConfig config;
  config.host = a.host;
  config.port = a.port;
  config.threads = a.threads;
  config.web_root = web_root(a.web_root);
  config.cors_origin = a.cors;
  config.version = SUANLI_VERSION;
  auto log_mutex = std::make_shared<std::mutex>();
  config.log = [&ctx, log_mutex](const std::string& line) {
    const std::lock_guard lock(*log_mutex);
    ctx.err << line << "\n" << std::flush;
  };
  server::Server server(*cat, config);
  auto port = server.bind();
  if (!port) return (void)ctx.fail(port.error());
  std::error_code ec;
  ctx.err << fmt::format("suanli {} serving http://{}:{}/ (web root {}{})\n", SUANLI_VERSION,
                         a.host, *port, config.web_root.string(),
                         fs::is_directory(config.web_root, ec) ? "" : ", missing")
          << std::flush;
  server.serve();
}

}  // namespace

void register_serve(CLI::App& app, CliContext& ctx) {
  auto args = std::make_shared<ServeArgs>();
  CLI::App* cmd = app.add_subcommand("serve",
                                     "HTTP JSON API (/api/v1, OpenAPI at /api/v1/openapi.json) and "
                                     "the web page");
  cmd->add_option("--host", args->host, "Address to bind (loopback unless told otherwise)")
      ->capture_default_str();
  cmd->add_option("--port", args->port, "TCP port (0: any free port)")
      ->check(CLI::Range(0, 65535))
      ->capture_default_str();
  cmd->add_option("--threads", args->threads, "HTTP worker threads (default: all cores)")
      ->check(CLI::Range(1, 256));
  cmd->add_option("--web-root", args->web_root,
                  "Folder of the web page (default: web/ beside the executable, else the source "
                  "tree's web/dist)");
  cmd->add_option("--cors", args->cors,
                  "Allow this browser origin (Access-Control-Allow-Origin); none by default");
  cmd->callback([&ctx, args] { run_serve(ctx, *args); });
}

}  // namespace suanli::cli
