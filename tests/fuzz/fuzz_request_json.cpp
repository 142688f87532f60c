// Fuzz target: the library's request JSON (io/request_json.hpp), the one reader of the HTTP
// server and the Python module, for every request type of the front door. A request that reads
// must write back to JSON that reads again.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string_view>

#include "suanli/api/compare.hpp"
#include "suanli/api/infer.hpp"
#include "suanli/api/plan.hpp"
#include "suanli/api/policy.hpp"
#include "suanli/api/show.hpp"
#include "suanli/api/train.hpp"
#include "suanli/io/request_json.hpp"

namespace {

template <class Request>
void read(const nlohmann::json& j) {
  auto r = suanli::io::request_from_json<Request>(j);
  if (!r) return;
  const nlohmann::json back = suanli::io::request_to_json(*r);
  if (!suanli::io::request_from_json<Request>(back)) __builtin_trap();
}

}  // namespace

// NOLINTNEXTLINE(readability-identifier-naming): the entry point libFuzzer calls
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded()) return 0;
  namespace api = suanli::api;
  read<api::InferRequest>(j);
  read<api::CompareRequest>(j);
  read<api::TrainRequest>(j);
  read<api::PlanRequest>(j);
  read<api::ClassifyRequest>(j);
  read<api::AccessRequest>(j);
  read<api::LimitsRequest>(j);
  read<api::TimelineRequest>(j);
  read<api::ShowRequest>(j);
  return 0;
}
