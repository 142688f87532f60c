#include "suggest.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "suanli/core/did_you_mean.hpp"

namespace suanli::cli {
namespace {

// The option of `app` or of a command above it called `name` ("--model", "-h"), or nullptr.
const CLI::Option* find_option(const CLI::App* app, const std::string& name) {
  for (; app != nullptr; app = app->get_parent()) {
    if (const CLI::Option* o = app->get_option_no_throw(name)) return o;
  }
  return nullptr;
}

std::vector<std::string> option_names(const CLI::App* app) {
  std::vector<std::string> out;
  for (; app != nullptr; app = app->get_parent()) {
    for (const CLI::Option* o : app->get_options()) {
      for (const std::string& l : o->get_lnames()) out.push_back("--" + l);
    }
  }
  return out;
}

std::vector<std::string> subcommand_names(const CLI::App* app) {
  std::vector<std::string> out;
  for (const CLI::App* s : app->get_subcommands({})) out.push_back(s->get_name());
  return out;
}

bool has_operand(const CLI::App* app) {
  for (const CLI::Option* o : app->get_options()) {
    if (o->get_positional()) return true;
  }
  return false;
}

std::string command_path(const CLI::App* app) {
  std::vector<std::string> names;  // innermost first, then reversed
  for (; app->get_parent() != nullptr; app = app->get_parent()) names.push_back(app->get_name());
  std::string out = "suanli";
  std::reverse(names.begin(), names.end());
  for (const std::string& name : names) {
    out += ' ';
    out += name;
  }
  return out;
}

core::Error unknown(std::string message, std::string_view word,
                    const std::vector<std::string>& names, const CLI::App* app) {
  core::Error e = core::make_error(core::ErrorCode::usage, std::move(message));
  e.hints.push_back(core::did_you_mean(word, names));
  e.hints.push_back(fmt::format("'{} --help' lists them", command_path(app)));
  return e;
}

}  // namespace

std::optional<core::Error> misspelling(const CLI::App& app, const std::vector<std::string>& args) {
  const CLI::App* cur = &app;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& word = args[i];
    if (word == "--") return std::nullopt;
    if (word.size() > 1 && word[0] == '-' &&
        (word[1] == '-' || std::isdigit(static_cast<unsigned char>(word[1])) == 0)) {
      const std::string name = word.substr(0, word.find('='));
      const CLI::Option* o = find_option(cur, name);
      if (o == nullptr) {
        return unknown(fmt::format("unknown option '{}' for '{}'", name, command_path(cur)), name,
                       option_names(cur), cur);
      }
      if (name == word && o->get_type_size_min() > 0 && o->get_expected_min() > 0) ++i;
      continue;
    }
    const CLI::App* sub = nullptr;
    for (const CLI::App* s : cur->get_subcommands({})) {
      if (s->get_name() == word) sub = s;
    }
    if (sub != nullptr) {
      cur = sub;
      continue;
    }
    if (!subcommand_names(cur).empty() && !has_operand(cur)) {
      return unknown(fmt::format("unknown command '{}' for '{}'", word, command_path(cur)), word,
                     subcommand_names(cur), cur);
    }
  }
  return std::nullopt;
}

core::Error parser_refusal(const CLI::App& app, std::string message) {
  const CLI::App* cur = &app;
  while (!cur->get_subcommands().empty()) cur = cur->get_subcommands().front();
  core::Error e = core::make_error(core::ErrorCode::usage, std::move(message));
  e.hints.push_back(
      fmt::format("'{} --help' lists its {}", command_path(cur),
                  cur->get_subcommands({}).empty() ? "options" : "commands and options"));
  return e;
}

}  // namespace suanli::cli
