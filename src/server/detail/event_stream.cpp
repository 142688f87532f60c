#include "event_stream.hpp"

#include <nlohmann/json.hpp>

#include <mutex>

namespace suanli::server::detail {

std::string event_text(std::string_view event, std::string_view data) {
  std::string out = "event: " + std::string(event) + "\n";
  if (!data.empty() && data.back() == '\n') data.remove_suffix(1);
  std::size_t start = 0;
  while (true) {
    const std::size_t end = data.find('\n', start);
    out += "data: ";
    out += data.substr(start, end == std::string_view::npos ? end : end - start);
    out += "\n";
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return out + "\n";
}

void stream_answer(httplib::Response& res,
                   std::function<HttpResponse(const io::ServiceProgress&)> run,
                   std::size_t& bytes) {
  res.set_header("Cache-Control", "no-cache");
  res.set_chunked_content_provider(
      "text/event-stream", [run = std::move(run), &bytes](std::size_t, httplib::DataSink& sink) {
        std::mutex mutex;  // progress may be reported from search workers
        bool open = true;
        double last_s = -1;  // when the last progress event went out (none yet)
        const auto send = [&](std::string_view event, std::string_view data) {
          if (!open) return;
          const std::string text = event_text(event, data);
          bytes += text.size();
          open = sink.write(text.data(), text.size());
        };
        const io::ServiceProgress progress = [&](std::size_t done, std::size_t total,
                                                 double elapsed_s) {
          const std::lock_guard lock(mutex);
          if (done < total && last_s >= 0 && elapsed_s - last_s < 0.2) return;
          last_s = elapsed_s;
          send("progress",
               nlohmann::ordered_json{{"done", done}, {"total", total}, {"elapsed_s", elapsed_s}}
                   .dump());
        };
        const HttpResponse r = run(progress);
        const std::lock_guard lock(mutex);
        send(r.status == 200 ? "result" : "error", r.body);
        sink.done();
        return true;
      });
}

}  // namespace suanli::server::detail
