// refsim: the command line. Builds the command table (tools/cli.h), parses argv, runs the chosen
// command and returns its exit status; the only place that exits.
#include <exception>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "tools/cli.h"
#include "io/report_text.h"
#include "tools/exit_statuses.h"

namespace {

using refsim::tools::ExitStatus;

int status(ExitStatus s) { return static_cast<int>(s); }

/// One `refsim: ` line on stderr (CLI11's messages may span lines; the arguments they quote are the
/// user's, control characters escaped).
int usage_error(const std::string& message) {
  std::string line = message;
  for (char& c : line)
    if (c == '\n') c = ' ';
  std::cerr << "refsim: " << refsim::printable(line) << std::endl;
  return status(ExitStatus::BadInput);
}

/// "run, compare, decode, replay, campaign".
std::string command_names(const std::vector<refsim::tools::Command>& commands) {
  std::string out;
  for (const auto& command : commands) out += (out.empty() ? "" : ", ") + command.app->get_name();
  return out;
}

/// The first argument when it is neither an option nor a command (CLI11 would only say that it
/// was "not expected").
std::optional<std::string> unknown_command(const std::string& first, const std::vector<refsim::tools::Command>& commands) {
  if (first.empty() || first[0] == '-') return std::nullopt;
  for (const auto& command : commands)
    if (command.app->get_name() == first) return std::nullopt;
  return first;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"refsim: a bit-exact simulator of CPython's reference counting", "refsim"};
  app.set_version_flag("--version", refsim::tools::version_line(), "Print the version and exit");
  app.require_subcommand(1);

  const std::vector<refsim::tools::Command> commands = {
      refsim::tools::add_run(app),
      refsim::tools::add_compare(app),
      refsim::tools::add_decode(app),
      refsim::tools::add_replay(app),
      refsim::tools::add_campaign(app),
      refsim::tools::add_verify(app),
  };

  app.footer(refsim::tools::exit_status_help(""));
  for (const auto& command : commands) command.app->footer(refsim::tools::exit_status_help(command.app->get_name()));
  if (argc < 2) return usage_error("no command given (commands: " + command_names(commands) + "; try --help)");
  if (const std::optional<std::string> name = unknown_command(argv[1], commands))
    return usage_error("unknown command \"" + *name + "\" (commands: " + command_names(commands) + "; try --help)");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) {  // --help, --version
      app.exit(e);
      return status(ExitStatus::Ok);
    }
    return usage_error(e.what());
  }

  try {
    for (const auto& command : commands)
      if (command.app->parsed()) return status(command.run());
  } catch (const std::exception& e) {
    return usage_error(std::string("internal error: ") + e.what());
  }
  return usage_error("no command given (commands: " + command_names(commands) + "; try --help)");
}
