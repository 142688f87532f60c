#include "suanli/server/server.hpp"

#include <fmt/format.h>
#include <httplib.h>

#include <fstream>
#include <mutex>
#include <sstream>
#include <thread>

#include "detail/event_stream.hpp"
#include "suanli/core/stopwatch.hpp"
#include "suanli/server/openapi.hpp"
#include "suanli/server/static_files.hpp"

namespace suanli::server {
namespace {

// Per worker thread: when the request being answered started and the bytes it streamed (a
// worker answers one request at a time; the access log reads both after the response).
thread_local core::Stopwatch request_clock;
thread_local std::size_t streamed_bytes = 0;

core::Error not_found(std::string message) {
  return core::make_error(core::ErrorCode::not_found, std::move(message));
}

void set(httplib::Response& res, const HttpResponse& r) {
  res.status = r.status;
  for (const auto& [k, v] : r.headers) res.set_header(k, v);
  res.set_content(r.body, r.content_type);
}

std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

struct Server::Impl {
  const catalog::Catalog& cat;
  ServerConfig config;
  httplib::Server http;
  std::string openapi;  // the document, generated once
  std::string health;   // the /healthz body

  Impl(const catalog::Catalog& c, ServerConfig cfg) : cat(c), config(std::move(cfg)) {
    openapi = openapi_document(config.version).dump(2) + "\n";
    health = nlohmann::ordered_json{{"status", "ok"},
                                    {"version", config.version},
                                    {"chips", cat.chips.size()},
                                    {"systems", cat.systems.size()},
                                    {"models", cat.models.size()}}
                 .dump() +
             "\n";
    const int threads = config.threads > 0
                            ? config.threads
                            : std::max(2, static_cast<int>(std::thread::hardware_concurrency()));
    http.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
    http.set_payload_max_length(config.api.max_body_bytes);
    // Headers and body go out as separate writes: without TCP_NODELAY the second waits for the
    // client's delayed ACK (~40 ms on Linux), which would be most of every answer's latency.
    http.set_tcp_nodelay(true);
    http.set_pre_routing_handler([](const httplib::Request&, httplib::Response&) {
      request_clock = core::Stopwatch{};
      streamed_bytes = 0;
      return httplib::Server::HandlerResponse::Unhandled;
    });
    const auto route = [this](Method m) {
      return
          [this, m](const httplib::Request& req, httplib::Response& res) { guarded(req, res, m); };
    };
    http.Get(".*", route(Method::get));
    http.Post(".*", route(Method::post));
    const auto other = [this](const httplib::Request& req, httplib::Response& res) {
      if (req.method == "OPTIONS" && !config.cors_origin.empty()) {
        res.status = 204;
        res.set_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
        res.set_header("Access-Control-Allow-Headers", "Content-Type");
        res.set_header("Access-Control-Max-Age", "600");
        return;
      }
      HttpResponse r = error_response(
          405,
          core::make_error(core::ErrorCode::usage,
                           fmt::format("method {} is not served: use GET or POST", req.method)));
      r.headers.emplace_back("Allow", "GET, POST");
      set(res, r);
    };
    http.Options(".*", other);
    http.Put(".*", other);
    http.Patch(".*", other);
    http.Delete(".*", other);
    http.set_error_handler([](const httplib::Request& req, httplib::Response& res) {
      if (!res.body.empty()) return;
      const core::Error e = core::make_error(
          res.status == 404 ? core::ErrorCode::not_found : core::ErrorCode::usage,
          res.status == 413 ? "the request body is over the size limit"
                            : fmt::format("{} {}: HTTP {}", req.method, req.path, res.status));
      set(res, error_response(res.status, e));
    });
    http.set_exception_handler(
        [](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
          set(res, error_response(core::make_error(core::ErrorCode::internal,
                                                   "internal error (a bug in suanli)")));
        });
    http.set_post_routing_handler([this](const httplib::Request&, httplib::Response& res) {
      if (config.cors_origin.empty()) return;
      res.set_header("Access-Control-Allow-Origin", config.cors_origin);
      res.set_header("Vary", "Origin");
    });
    http.set_logger([this](const httplib::Request& req, const httplib::Response& res) {
      if (!config.log) return;
      const double ms = request_clock.elapsed_s() * 1e3;
      config.log(fmt::format("{} {} {} {} {:.1f}", req.method, req.path, res.status,
                             res.body.size() + streamed_bytes, ms));
    });
  }

  // Every handler runs here: nothing thrown leaves it.
  void guarded(const httplib::Request& req, httplib::Response& res, Method m) {
    try {
      handle(req, res, m);
    } catch (const std::exception& e) {
      set(res,
          error_response(core::make_error(
              core::ErrorCode::internal,
              fmt::format("internal error (a bug in suanli, please report it): {}", e.what()))));
    } catch (...) {
      set(res, error_response(core::make_error(core::ErrorCode::internal,
                                               "internal error (a bug in suanli)")));
    }
  }

  void handle(const httplib::Request& req, httplib::Response& res, Method m) {
    const std::string& path = req.path;
    if (m == Method::get && path == "/healthz") return res.set_content(health, "application/json");
    if (m == Method::get && path == std::string(api_prefix) + "/openapi.json") {
      return res.set_content(openapi, "application/json");
    }
    if (path == api_prefix || path.starts_with(std::string(api_prefix) + "/")) {
      return api(req, res, m);
    }
    if (m != Method::get) {
      return set(res, error_response(not_found(fmt::format("no endpoint '{}'", path))));
    }
    static_page(path, res);
  }

  void api(const httplib::Request& req, httplib::Response& res, Method m) {
    // The query of the target only: httplib also files a form-encoded body under params.
    HttpRequest hreq{m, req.path, parse_query(req.target), req.body};
    const Route* route = find_route(hreq.path, m, nullptr);
    const io::Verb* verb = route ? io::find_verb(route->verb) : nullptr;
    if (verb != nullptr && verb->reports_progress && wants_stream(hreq) &&
        hreq.body.size() <= config.api.max_body_bytes && request_json(*route, hreq)) {
      return detail::stream_answer(
          res,
          [this, hreq](const io::ServiceProgress& progress) {
            return answer_api(cat, config.api, hreq, progress);
          },
          streamed_bytes);
    }
    set(res, answer_api(cat, config.api, hreq));
  }

  void static_page(const std::string& path, httplib::Response& res) {
    const auto file = config.web_root.empty() ? std::nullopt : static_file(config.web_root, path);
    if (!file) {
      core::Error e = not_found(fmt::format("no file '{}'", path));
      if (path == "/") {
        e.hints.push_back(
            config.web_root.empty()
                ? "no web root: build web/ or pass --web-root DIR"
                : fmt::format("no index.html in the web root '{}'", config.web_root.string()));
      }
      return set(res, error_response(e));
    }
    res.set_content(read_file(*file), std::string(mime_type(*file)));
  }
};

Server::Server(const catalog::Catalog& cat, ServerConfig config)
    : impl_(std::make_unique<Impl>(cat, std::move(config))) {}

Server::~Server() = default;

core::Result<int> Server::bind() {
  const ServerConfig& c = impl_->config;
  const int port = c.port == 0 ? impl_->http.bind_to_any_port(c.host)
                               : (impl_->http.bind_to_port(c.host, c.port) ? c.port : -1);
  if (port < 0) {
    return core::make_error(
        core::ErrorCode::invalid_input,
        fmt::format("cannot listen on {}:{} (address in use or not local?)", c.host, c.port));
  }
  return port;
}

void Server::serve() {
  impl_->http.listen_after_bind();
}

void Server::stop() {
  impl_->http.stop();
}

}  // namespace suanli::server
