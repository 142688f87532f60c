// `suanli calibrate SUITE.jsonl [--workload inference|training] [--out FILE]`: fits the
// efficiency table of a workload (docs/validation.md §calibration), measures its
// leave-one-source-out error, derives the uncertainty bands and writes the YAML
// (data/efficiency/<workload>.yaml by default) with the fit date and suite. Progress of the fit
// and of the leave-one-source-out fits is drawn on a terminal's stderr; Ctrl-C stops it with
// nothing written (exit 130).
#include <fmt/format.h>

#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>

#include "commands.hpp"
#include "interrupt.hpp"
#include "progress_bar.hpp"
#include "suanli/io/efficiency_yaml.hpp"
#include "suanli/io/number.hpp"
#include "suanli/io/validation_json.hpp"
#include "suanli/policy/date.hpp"
#include "suanli/validate/calibrate.hpp"
#include "suite_input.hpp"

namespace suanli::cli {
namespace {

struct CalibrateArgs {
  std::string suite;
  std::string workload = "inference";
  std::string out;  // default: data/efficiency/<workload>.yaml
  std::string date;
  int threads = 2;
  bool skip_loso = false;
  std::string loso_table;   // file for the per-case leave-one-source-out table
  long long max_cases = 0;  // 0 = the library's default cap
};

std::string today() {
  const auto now = std::chrono::system_clock::now();
  const std::chrono::year_month_day ymd{std::chrono::floor<std::chrono::days>(now)};
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year()),
                     static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
}

std::string line(const std::string& label, const validate::Summary& s) {
  if (s.predicted == 0) return fmt::format("{}: none of {} cases predicted", label, s.n);
  return fmt::format("{}: {} of {} cases predicted, median APE {}%, p90 {}%, within band {}%",
                     label, s.predicted, s.n, io::format_number(100 * s.median_ape, 3),
                     io::format_number(100 * s.p90_ape, 3),
                     io::format_number(100 * s.within_band, 3));
}

std::vector<validate::CaseResult> without_low(const std::vector<validate::CaseResult>& r) {
  std::vector<validate::CaseResult> out;
  for (const auto& x : r) {
    if (x.c->quality != "low") out.push_back(x);
  }
  return out;
}

// Ctrl-C during `stage`: nothing is written.
void interrupted(CliContext& ctx, std::string_view stage, const std::string& out_path) {
  core::Error e = core::make_error(
      core::ErrorCode::interrupted,
      fmt::format("calibrate interrupted during {}: nothing written to {}", stage, out_path));
  e.hints.emplace_back("run it again to fit; --no-loso skips the leave-one-source-out fits");
  ctx.fail(e);
}

// A file written at the end of the run, checked before minutes of fitting: its folder must exist
// and be writable, and the path must not name a folder.
core::Status check_writable(std::string_view flag, const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path file(path);
  const auto refuse = [&](std::string why) {
    return core::make_error(core::ErrorCode::invalid_input,
                            fmt::format("{}: cannot write '{}': {}", flag, path, why));
  };
  if (fs::is_directory(file, ec)) return refuse("it is a folder");
  const fs::path dir = file.has_parent_path() ? file.parent_path() : fs::path(".");
  if (!fs::is_directory(dir, ec)) {
    return refuse(fmt::format("folder '{}' does not exist", dir.string()));
  }
  if (access(dir.c_str(), W_OK) != 0) {
    return refuse(fmt::format("folder '{}' is not writable", dir.string()));
  }
  if (fs::exists(file, ec) && access(file.c_str(), W_OK) != 0) return refuse("it is read-only");
  return core::ok_status();
}

// The arguments that can be refused before the suite is read and the fit runs.
core::Status check_arguments(const CalibrateArgs& a, const std::string& out_path) {
  if (!a.date.empty()) {
    if (auto d = policy::Date::parse(a.date); !d) {
      core::Error e = d.error();
      e.message = "--date: " + e.message;
      return e;
    }
  }
  if (auto st = check_writable("--out", out_path); !st) return st;
  if (!a.loso_table.empty()) {
    if (a.skip_loso) {
      return core::make_error(core::ErrorCode::usage,
                              "--loso-table: --no-loso computes no leave-one-source-out table");
    }
    if (auto st = check_writable("--loso-table", a.loso_table); !st) return st;
  }
  return core::ok_status();
}

void run_calibrate(CliContext& ctx, const CalibrateArgs& a) {
  const std::string out_path =
      a.out.empty() ? fmt::format("data/efficiency/{}.yaml", a.workload) : a.out;
  if (auto st = check_arguments(a, out_path); !st) {
    ctx.fail(st.error());
    return;
  }
  auto suite = read_suite_file(a.suite, a.max_cases);
  if (!suite) {
    ctx.fail(suite.error());
    return;
  }
  const catalog::Catalog* cat = ctx.catalog();
  if (cat == nullptr) return;
  std::vector<const validate::Case*> cases;
  for (const auto& c : *suite) cases.push_back(&c);
  validate::CalibrationOptions opt;
  opt.threads = a.threads;
  opt.workload = a.workload;

  const InterruptScope interrupt;
  opt.cancel = interrupt.flag();
  validate::CalibrationFit fit;
  {
    ProgressBar bar(ctx, "fit");
    opt.progress = bar.callback();
    fit = validate::calibrate(cases, *cat, opt);
  }
  opt.progress = nullptr;
  if (fit.cancelled) return interrupted(ctx, "the fit", out_path);
  if (fit.cases == 0) {
    ctx.fail(core::make_error(
        core::ErrorCode::invalid_input,
        fmt::format("{}: no {} case can be fitted (none of the workload, or none the engine "
                    "predicts): nothing written to {}",
                    a.suite, a.workload, out_path)));
    return;
  }
  const auto fitted =
      validate::run_suite(*suite, *cat, fit.table, validate::calibration_filter(opt), a.threads);
  std::vector<std::string> report{
      fmt::format("Fitted {} efficiency factors: do not edit by hand, re-run the calibration.",
                  a.workload),
      fmt::format("suanli calibrate {}{} (procedure: docs/validation.md, section Calibration)",
                  a.suite, a.workload == "inference" ? "" : " --workload " + a.workload),
      fmt::format("{} cases fitted, {} sweeps, {} case predictions", fit.cases, fit.sweeps,
                  fit.evaluations),
      line("fit error (all rows)", validate::summarize(fitted)),
      line("fit error (high+medium rows)", validate::summarize(without_low(fitted)))};
  std::vector<validate::CaseResult> bands_from = fitted;
  if (!a.skip_loso) {
    ProgressBar bar(ctx, "leave-one-source-out");
    opt.progress = bar.callback();
    const validate::HeldOut loso = validate::leave_one_source_out(cases, *cat, opt);
    if (loso.cancelled) {
      bar.clear();
      return interrupted(ctx, "the leave-one-source-out fits", out_path);
    }
    report.push_back(line("leave-one-source-out (all rows)", validate::summarize(loso.results)));
    report.push_back(line("leave-one-source-out (high+medium rows)",
                          validate::summarize(without_low(loso.results))));
    validate::CalibrationOptions no_low = opt;
    no_low.weight_low = 0;
    const validate::HeldOut loso_hm = validate::leave_one_source_out(cases, *cat, no_low);
    if (loso_hm.cancelled) {
      bar.clear();
      return interrupted(ctx, "the leave-one-source-out fits", out_path);
    }
    report.push_back(line("leave-one-source-out, fit without low rows (high+medium rows)",
                          validate::summarize(without_low(loso_hm.results))));
    bar.clear();
    bands_from = loso.results;
    if (!a.loso_table.empty()) {
      std::ofstream t(a.loso_table);
      t << io::validation_table(loso.results).to_text();
      if (!t) {
        ctx.fail(core::make_error(core::ErrorCode::invalid_input,
                                  fmt::format("--loso-table: cannot write '{}'", a.loso_table)));
        return;
      }
    }
  }
  const validate::BandFit bands = validate::assign_bands(fit.table, bands_from, *cat);
  report.push_back(fmt::format(
      "bands: central {}% of measured/predicted over each entry's cases ({} residuals, {}); "
      "{}% of them inside their band",
      io::format_number(100 * bands.level, 3), bands.residuals,
      a.skip_loso ? "in-sample" : "leave-one-source-out",
      io::format_number(100 * bands.coverage, 3)));

  io::EfficiencyFile file;
  file.comments = report;
  file.workload = a.workload;
  file.suite = a.suite;
  file.fit_date = a.date.empty() ? today() : a.date;
  file.procedure = "hierarchical log-multipliers on built-in priors, coordinate pattern search";
  file.objective = fmt::format(
      "quality-weighted Huber (delta {} x noise {}) on log(pred/measured); weights high {} "
      "medium {} low {}; Gaussian priors, precision global {} family {} software {} pair {}",
      opt.huber_delta, opt.noise, opt.weight_high, opt.weight_medium, opt.weight_low,
      opt.ridge_global, opt.ridge_family, opt.ridge_software, opt.ridge_pair);
  file.entries = fit.table;
  file.entry_cases = fit.entry_cases;
  std::ofstream out(out_path);
  if (!out) {
    ctx.fail(core::make_error(core::ErrorCode::invalid_input,
                              fmt::format("cannot write '{}'", out_path)));
    return;
  }
  out << io::efficiency_yaml(file);
  for (const auto& r : report) ctx.out << r << "\n";
  ctx.out << "wrote " << out_path << "\n";
}

}  // namespace

void register_calibrate(CLI::App& app, CliContext& ctx) {
  auto a = std::make_shared<CalibrateArgs>();
  CLI::App* cmd = app.add_subcommand(
      "calibrate", "Fit the efficiency table of a workload on a suite and write data/efficiency/");
  cmd->add_option("suite", a->suite, "Suite file (JSONL)")->required();
  cmd->add_option("--workload", a->workload, "Workload whose table is fitted")
      ->check(CLI::IsMember({"inference", "training"}))
      ->capture_default_str();
  cmd->add_option("--out", a->out, "Output YAML (default: data/efficiency/<workload>.yaml)");
  cmd->add_option("--date", a->date, "Fit date to record (default: today)");
  cmd->add_option("--threads", a->threads, "Worker threads")
      ->check(CLI::Range(1, 64))
      ->capture_default_str();
  cmd->add_option("--loso-table", a->loso_table,
                  "Also write the per-case leave-one-source-out predictions to this file");
  add_max_cases(*cmd, a->max_cases);
  cmd->add_flag("--no-loso", a->skip_loso,
                "Skip the leave-one-source-out error (bands then come from fit residuals)");
  cmd->callback([&ctx, a] { run_calibrate(ctx, *a); });
}

}  // namespace suanli::cli
