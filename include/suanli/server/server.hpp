// `suanli serve`: the HTTP adapter over the dispatcher (cpp-httplib). The catalog is loaded once
// by the caller and only read; the server keeps no state between requests, so any number of
// replicas can stand behind a load balancer. Safe defaults: loopback, 1 MiB bodies, per-request
// search limits, static files only from the web root, no CORS unless an origin is given, and
// one access-log line per request through the caller's log function.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include "suanli/catalog/catalog.hpp"
#include "suanli/core/result.hpp"
#include "suanli/server/api_handler.hpp"

namespace suanli::server {

struct ServerConfig {
  std::string host = "127.0.0.1";  // address to bind
  int port = 8080;                 // 0 = any free port (tests)
  int threads = 0;                 // HTTP workers; 0 = the machine's cores (at least 2)
  std::filesystem::path web_root;  // the web page; empty or missing = no page (404)
  std::string cors_origin;         // Access-Control-Allow-Origin; "" = no CORS headers
  ApiConfig api;                   // limits per request
  std::string version = "dev";     // in the OpenAPI document and /healthz
  // One access-log line per request: "METHOD PATH STATUS BYTES MS"; null = none.
  std::function<void(const std::string&)> log;
};

class Server {
 public:
  Server(const catalog::Catalog& cat, ServerConfig config);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds host:port; the port bound (the chosen one for port 0), or invalid_input.
  core::Result<int> bind();
  // Answers requests until stop(); call after bind().
  void serve();
  // Stops serve() from any thread.
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace suanli::server
