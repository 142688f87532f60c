#include "suanli/io/validation_json.hpp"

#include <fmt/format.h>

#include "suanli/io/number.hpp"
#include "suanli/io/request_json.hpp"

namespace suanli::io {

nlohmann::ordered_json validation_json(const std::vector<validate::CaseResult>& results,
                                       const validate::Summary& summary) {
  nlohmann::ordered_json cases = nlohmann::ordered_json::array();
  for (const validate::CaseResult& r : results) {
    nlohmann::ordered_json j;
    j["id"] = r.c->id;
    j["metric"] = validate::to_string(r.c->metric);
    j["per"] = validate::to_string(r.c->per);
    j["measured"] = round_sig(r.c->value);
    if (r.prediction.predicted) {
      j["predicted"] = round_sig(r.prediction.value);
      j["ape"] = round_sig(r.ape, 4);
      j["band"] = {round_sig(r.prediction.band_low), round_sig(r.prediction.band_high)};
      j["in_band"] = r.in_band;
      j["assumed"] = r.prediction.assumed;
    } else {
      j["predicted"] = nullptr;
      j["ape"] = nullptr;
      j["band"] = nullptr;
      j["skipped"] = r.prediction.skip_reason;
    }
    j["notes"] = r.prediction.notes;
    // The request the case was predicted from, as the JSON the front door reads.
    if (r.prediction.infer_request) {
      j["verb"] = "infer";
      j["request"] = request_to_json(*r.prediction.infer_request);
    } else if (r.prediction.train_request) {
      j["verb"] = "train";
      j["request"] = request_to_json(*r.prediction.train_request);
    } else {
      j["verb"] = nullptr;
      j["request"] = nullptr;
    }
    cases.push_back(std::move(j));
  }
  nlohmann::ordered_json s;
  s["n"] = summary.n;
  s["predicted"] = summary.predicted;
  s["skipped"] = summary.skipped;
  s["median_ape"] = round_sig(summary.median_ape, 4);
  s["p90_ape"] = round_sig(summary.p90_ape, 4);
  s["max_ape"] = round_sig(summary.max_ape, 4);
  s["within_band"] = round_sig(summary.within_band, 4);
  nlohmann::ordered_json out;
  out["cases"] = std::move(cases);
  out["summary"] = std::move(s);
  return out;
}

Table validation_table(const std::vector<validate::CaseResult>& results) {
  Table t;
  t.headers = {"id", "metric", "per", "predicted", "measured", "APE %", "band", "note"};
  t.right_align = {false, false, false, true, true, true, false, false};
  for (const validate::CaseResult& r : results) {
    const validate::Prediction& p = r.prediction;
    if (p.predicted) {
      t.add_row(
          {r.c->id, std::string(validate::to_string(r.c->metric)),
           std::string(validate::to_string(r.c->per)), format_number(p.value),
           format_number(r.c->value), format_number(100 * r.ape, 3),
           fmt::format("{}-{}", format_number(p.band_low, 3), format_number(p.band_high, 3)),
           p.assumed ? "assumed: " + (p.notes.empty() ? std::string() : p.notes.back()) : ""});
    } else {
      t.add_row({r.c->id, std::string(validate::to_string(r.c->metric)),
                 std::string(validate::to_string(r.c->per)), "-", format_number(r.c->value), "-",
                 "-", "skipped: " + p.skip_reason});
    }
  }
  return t;
}

}  // namespace suanli::io
