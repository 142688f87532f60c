// Command-line options generated from a request's field table (api/fields.hpp): every field
// becomes --name (or the operand), and the given values are parsed into the request by the
// same setters the JSON reader uses. The CLI holds no parser or default of its own; run_request
// is the one shape of a request command: parse, ask the front door, print notes, emit.
#pragma once

#include <CLI/CLI.hpp>

#include <deque>
#include <memory>
#include <string>
#include <vector>

#include "cli_context.hpp"
#include "suanli/api/fields.hpp"

namespace suanli::cli {

template <class Request>
class RequestOptions {
 public:
  // Adds one option per field of Request to `cmd`.
  void add_to(CLI::App& cmd) {
    for (const api::Field<Request>& f : api::fields<Request>()) {
      const std::string name = f.kind == api::FieldKind::positional
                                   ? std::string(f.name)
                                   : api::key_name(f.name, api::KeyStyle::flag);
      const std::string help(f.help);
      CLI::Option* opt = nullptr;
      switch (f.kind) {
        case api::FieldKind::flag:
          opt = cmd.add_flag(name, flags_.emplace_back(false), help);
          break;
        case api::FieldKind::list:
          opt = cmd.add_option(name, lists_.emplace_back(), help);
          break;
        case api::FieldKind::value:
        case api::FieldKind::positional:
          opt = cmd.add_option(name, values_.emplace_back(), help);
          break;
      }
      if (f.required) opt->required();
      given_.push_back(opt);
    }
  }

  // The request from the options given; usage errors name the flag.
  core::Result<Request> request() const {
    Request r;
    std::size_t flag = 0, list = 0, value = 0, i = 0;
    for (const api::Field<Request>& f : api::fields<Request>()) {
      const CLI::Option* opt = given_[i++];
      std::string text;
      switch (f.kind) {
        case api::FieldKind::flag:
          text = flags_[flag++] ? "true" : "false";
          break;
        case api::FieldKind::list: {
          const auto& items = lists_[list++];
          for (const std::string& s : items) text += (text.empty() ? "" : ",") + s;
          break;
        }
        case api::FieldKind::value:
        case api::FieldKind::positional:
          text = values_[value++];
          break;
      }
      if (opt->count() == 0) continue;
      if (auto st = api::set_field(r, f.name, text, api::KeyStyle::flag); !st) return st.error();
    }
    return r;
  }

 private:
  std::deque<std::string> values_;
  std::deque<std::vector<std::string>> lists_;
  std::deque<bool> flags_;
  std::vector<CLI::Option*> given_;
};

// The body of a request command's callback: loads the catalog, reads the request from `opts`,
// asks `ask(catalog, request)` (api::predict_inference, api::plan, ...), prints the answer's
// notes and hands the answer to `emit`; a failure at any step is reported through ctx.
template <class Request, class Ask, class Emit>
void run_request(CliContext& ctx, const RequestOptions<Request>& opts, const Ask& ask,
                 const Emit& emit) {
  const catalog::Catalog* cat = ctx.catalog();
  if (cat == nullptr) return;
  auto request = opts.request();
  if (!request) return (void)ctx.fail(request.error());
  auto answer = ask(*cat, *request);
  if (!answer) return (void)ctx.fail(answer.error());
  for (const auto& n : answer->notes) ctx.note(n);
  emit(*answer);
}

// Adds subcommand `name` with one option per field of Request; its callback is run_request.
template <class Request, class Ask, class Emit>
CLI::App* add_request_command(CLI::App& parent, CliContext& ctx, const std::string& name,
                              const std::string& help, Ask ask, Emit emit) {
  auto opts = std::make_shared<RequestOptions<Request>>();
  CLI::App* cmd = parent.add_subcommand(name, help);
  opts->add_to(*cmd);
  cmd->callback([&ctx, opts, ask = std::move(ask), emit = std::move(emit)] {
    run_request(ctx, *opts, ask, emit);
  });
  return cmd;
}

}  // namespace suanli::cli
