// The one spelling of each BatchLimit and Limiter (estimate.hpp), read and written here only.
#include "suanli/core/enum_names.hpp"
#include "suanli/perf/infer/estimate.hpp"

namespace suanli::perf {
namespace {

using core::EnumName;

constexpr std::array<EnumName<BatchLimit>, 11> batch_limit_names{{
    {BatchLimit::none, ""},
    {BatchLimit::kv_cache, "kv-cache"},
    {BatchLimit::max_batch, "max-batch"},
    {BatchLimit::step_tokens, "step-tokens"},
    {BatchLimit::given, "given"},
    {BatchLimit::burst, "burst-size"},
    {BatchLimit::tpot_slo, "tpot-slo"},
    {BatchLimit::ttft_slo, "ttft-slo"},
    {BatchLimit::prefill_pool, "prefill-pool"},
    {BatchLimit::prefill_queue, "prefill-queue"},
    {BatchLimit::throughput, "throughput"},
}};

constexpr std::array<EnumName<Limiter>, 5> limiter_names{{
    {Limiter::none, ""},
    {Limiter::compute, "compute"},
    {Limiter::memory_bandwidth, "memory-bandwidth"},
    {Limiter::communication, "communication"},
    {Limiter::overhead, "overhead"},
}};

}  // namespace

std::string_view to_string(BatchLimit b) {
  return core::name_of(batch_limit_names, b);
}

std::string_view to_string(Limiter l) {
  return core::name_of(limiter_names, l);
}

std::string_view batch_set_by_request(const InferenceWorkload& w, const InferenceEstimate& e) {
  if (w.max_batch > 0 && e.batch_limit == BatchLimit::max_batch) return "--max-batch";
  if (w.prefill_chunk > 0 && e.batch_limit == BatchLimit::step_tokens) return "--step-tokens";
  return "";
}

std::optional<BatchLimit> parse_batch_limit(std::string_view text) {
  return core::value_of(batch_limit_names, text);
}

std::optional<Limiter> parse_limiter(std::string_view text) {
  return core::value_of(limiter_names, text);
}

}  // namespace suanli::perf
