#include "suanli/io/training_json.hpp"

#include <fmt/format.h>

#include <cstdint>

#include "suanli/io/number.hpp"

namespace suanli::io {
namespace {

using nlohmann::ordered_json;

constexpr int digits = 5;  // significant digits of every number

double num(double x) {
  return round_sig(x, digits);
}
double gb(double bytes) {
  return round_sig(bytes / 1e9, 4);
}

std::string layout_words(const perf::TrainingLayout& l) {
  std::string s = fmt::format("tp{} pp{} dp{} cp{}", l.tp, l.pp, l.dp, l.cp);
  if (l.ep > 1) s += fmt::format(" ep{}", l.ep);
  if (l.vpp > 1) s += fmt::format(" vpp{}", l.vpp);
  if (l.schedule == perf::PipelineSchedule::dualpipe) s += " dualpipe";
  s += fmt::format(" mb{} zero{} {}", l.micro_batch, l.zero, perf::to_string(l.recompute));
  if (l.recompute_layers > 0) s += fmt::format("({})", l.recompute_layers);
  return s;
}

}  // namespace

ordered_json training_layout_json(const perf::TrainingLayout& l, int micro_batches) {
  return {{"tp", l.tp},
          {"pp", l.pp},
          {"dp", l.dp},
          {"cp", l.cp},
          {"ep", l.ep},
          {"vpp", l.vpp},
          {"schedule", perf::to_string(l.schedule)},
          {"micro_batch", l.micro_batch},
          {"micro_batches", micro_batches},
          {"recompute", perf::to_string(l.recompute)},
          {"recompute_layers", l.recompute_layers},
          {"zero", l.zero},
          {"sequence_parallel", l.tp > 1}};
}

ordered_json training_memory_json(const perf::TrainingMemory& m) {
  return {{"weights_gb", gb(m.weights)},
          {"gradients_gb", gb(m.gradients)},
          {"optimizer_gb", gb(m.optimizer)},
          {"activations_gb", gb(m.activations)},
          {"logits_gb", gb(m.logits)},
          {"working_gb", gb(m.working)},
          {"reserved_gb", gb(m.reserved)},
          {"allocated_gb", gb(m.allocated())},
          {"total_gb", gb(m.total)},
          {"capacity_gb", gb(m.capacity)},
          {"fits", m.fits()}};
}

ordered_json training_breakdown_json(const perf::TrainingBreakdown& b) {
  return {{"compute_s", num(b.compute)},
          {"recompute_s", num(b.recompute)},
          {"communication_s",
           {{"tp", num(b.tp)},
            {"cp", num(b.cp)},
            {"ep", num(b.ep)},
            {"pp", num(b.pp)},
            {"dp", num(b.dp)}}},
          {"bubble_s", num(b.bubble)},
          {"optimizer_s", num(b.optimizer)},
          {"overhead_s", num(b.overhead)}};
}

ordered_json training_placement_json(const perf::TrainingPlacement& p) {
  const auto tier = [](bool up) { return up ? "scale-up" : "scale-out"; };
  return {{"tp", tier(p.tp)},
          {"cp", tier(p.cp)},
          {"ep", tier(p.ep)},
          {"dp", tier(p.dp)},
          {"pp", tier(p.pp)}};
}

ordered_json training_estimate_json(const perf::TrainingEstimate& e) {
  ordered_json notes = ordered_json::array();
  for (const std::string& n : e.notes) notes.push_back(n);
  const auto range = [](double x, double lo, double hi) {
    return ordered_json::array({num(x * lo), num(x * hi)});
  };
  return {{"step_time_s", num(e.step_time)},
          {"tokens_per_step", static_cast<std::int64_t>(e.tokens_per_step)},
          {"tokens_per_s", num(e.tokens_per_s)},
          {"tokens_per_s_per_chip", num(e.tokens_per_s_per_chip)},
          {"mfu", num(e.mfu)},
          {"hfu", num(e.hfu)},
          {"model_flops_per_token", num(e.model_flops_per_token)},
          {"compute_precision", hw::to_string(e.compute)},
          {"precision_fell_back", e.precision_fell_back},
          {"memory_per_chip", training_memory_json(e.memory)},
          {"layout", training_layout_json(e.layout, e.micro_batches)},
          {"breakdown", training_breakdown_json(e.breakdown)},
          {"network", training_placement_json(e.placement)},
          {"band",
           {{"tokens_per_s_per_chip", range(e.tokens_per_s_per_chip, e.band.low, e.band.high)},
            {"step_time_s", range(e.step_time, 1 / e.band.high, 1 / e.band.low)},
            {"mfu", range(e.mfu, e.band.low, e.band.high)}}},
          {"notes", notes}};
}

ordered_json training_run_json(const perf::TrainingRun& r) {
  return {{"tokens", num(r.tokens)},
          {"steps", static_cast<std::int64_t>(r.steps)},
          {"days", num(r.days)},
          {"chip_hours", num(r.chip_hours)},
          {"chips", r.chips}};
}

ordered_json training_search_json(const perf::TrainingSearchResult& r) {
  ordered_json rejected = ordered_json::object();
  for (std::size_t i = 0; i < r.rejected.size(); ++i) {
    if (r.rejected[i] == 0) continue;
    rejected[std::string(perf::to_string(perf::all_reject_reasons[i]))] = {
        {"count", r.rejected[i]}, {"example", r.example[i]}};
  }
  ordered_json top = ordered_json::array();
  for (const perf::TrainingEstimate& e : r.top) {
    top.push_back({{"layout", training_layout_json(e.layout, e.micro_batches)},
                   {"step_time_s", num(e.step_time)},
                   {"tokens_per_s_per_chip", num(e.tokens_per_s_per_chip)},
                   {"mfu", num(e.mfu)},
                   {"memory_gb", gb(e.memory.total)}});
  }
  return {{"evaluated", r.evaluated},
          {"stop", perf::to_string(r.stop)},
          {"rejected", rejected},
          {"top", top}};
}

Table training_table(const perf::TrainingEstimate& e) {
  Table t;
  t.headers = {"quantity", "value"};
  t.right_align = {false, true};
  const perf::TrainingBreakdown& b = e.breakdown;
  const perf::TrainingMemory& m = e.memory;
  t.add_row({"layout", layout_words(e.layout)});
  t.add_row({"step time (s)", format_number(e.step_time)});
  t.add_row({"tokens/s per chip", format_number(e.tokens_per_s_per_chip)});
  t.add_row({"tokens/s total", format_number(e.tokens_per_s)});
  t.add_row({"MFU", format_number(e.mfu, 3)});
  t.add_row({"memory per chip (GB)", fmt::format("{} of {}", format_number(m.total / 1e9),
                                                 format_number(m.capacity / 1e9))});
  t.add_row({"allocated at peak (GB)", format_number(m.allocated() / 1e9)});
  t.add_row({"compute (s)", format_number(b.compute)});
  t.add_row({"recompute (s)", format_number(b.recompute)});
  t.add_row({"exposed comm tp/cp/ep/pp/dp (s)",
             fmt::format("{} / {} / {} / {} / {}", format_number(b.tp), format_number(b.cp),
                         format_number(b.ep), format_number(b.pp), format_number(b.dp))});
  t.add_row({"bubble (s)", format_number(b.bubble)});
  const perf::TrainingPlacement& n = e.placement;
  const auto tier = [](bool up) { return up ? "up" : "out"; };
  t.add_row({"network tp/cp/ep/dp/pp", fmt::format("{} / {} / {} / {} / {}", tier(n.tp), tier(n.cp),
                                                   tier(n.ep), tier(n.dp), tier(n.pp))});
  t.add_row({"optimizer + overhead (s)", format_number(b.optimizer + b.overhead)});
  return t;
}

Table training_top_table(const perf::TrainingSearchResult& r) {
  Table t;
  t.headers = {"rank", "layout", "step_s", "tok/s/chip", "MFU", "mem_GB"};
  t.right_align = {true, false, true, true, true, true};
  int rank = 1;
  for (const perf::TrainingEstimate& e : r.top) {
    t.add_row({std::to_string(rank++), layout_words(e.layout), format_number(e.step_time),
               format_number(e.tokens_per_s_per_chip), format_number(e.mfu, 3),
               format_number(e.memory.total / 1e9)});
  }
  return t;
}

}  // namespace suanli::io
