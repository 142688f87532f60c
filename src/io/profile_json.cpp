#include "suanli/io/profile_json.hpp"

namespace suanli::io {

using nlohmann::ordered_json;

ordered_json profile_summary_json(const hw::ChipProfile* profile) {
  ordered_json j;
  j["measured"] = profile != nullptr;
  if (profile == nullptr) return j;
  const hw::ProfileProvenance& v = profile->provenance;
  j["device"] = v.device;
  j["date"] = v.date;
  j["measured_by"] = v.measured_by;
  j["torch"] = v.torch;
  j["runtime"] = v.runtime;
  j["driver"] = v.driver;
  j["method"] = v.method;
  std::string citation = v.source;
  for (const hw::SourceRef& s : profile->sources) {
    if (s.key == v.source) citation = s.citation;
  }
  j["source"] = citation;
  j["points"] = ordered_json{{"bandwidth", profile->bandwidth.size()},
                             {"gemm", profile->gemm.size()},
                             {"attention_prefill", profile->attention_prefill.size()},
                             {"attention_decode", profile->attention_decode.size()},
                             {"moe", profile->moe.size()}};
  j["notes"] = profile->notes;
  return j;
}

}  // namespace suanli::io
