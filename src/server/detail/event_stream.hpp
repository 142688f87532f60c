// Server-sent events for a long search (`?stream=1`): `event: progress` with {done, total,
// elapsed_s} at most every 200 ms, then one `event: result` whose data lines are the JSON answer
// (a client joins them into exactly the non-streamed body without its last newline), or one
// `event: error` with the error body.
#pragma once

#include <httplib.h>

#include <cstddef>
#include <functional>

#include "suanli/io/service.hpp"
#include "suanli/server/api_handler.hpp"

namespace suanli::server::detail {

// The SSE text of one event: each line of `data` on its own "data:" line.
std::string event_text(std::string_view event, std::string_view data);

// Sets `res` to stream the answer `run` computes (given a progress callback); adds the bytes
// written to `bytes`.
void stream_answer(httplib::Response& res,
                   std::function<HttpResponse(const io::ServiceProgress&)> run, std::size_t& bytes);

}  // namespace suanli::server::detail
