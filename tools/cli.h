// The command table of `refsim`: each command adds its subcommand and options to the CLI11 app and
// returns how to run it once argv is parsed. main() only walks this table.
#pragma once

#include <functional>
#include <string>

#include <CLI/CLI.hpp>

#include "tools/run_command.h"

namespace refsim::tools {

/// A subcommand, registered with the app, and the action that runs it after parsing.
struct Command {
  CLI::App* app = nullptr;
  std::function<ExitStatus()> run;
};

/// "refsim 0.1.0", printed by --version on every command.
const std::string& version_line();

/// A plain decimal count (CLI11 would otherwise let "-1" wrap around).
const CLI::Validator& count_validator();

/// Adds a subcommand with the common flags (--version).
CLI::App* add_subcommand(CLI::App& parent, const std::string& name, const std::string& description);

// One function per command, each in its own <name>_cli.cc file.
Command add_run(CLI::App& parent);
Command add_decode(CLI::App& parent);
Command add_replay(CLI::App& parent);
Command add_campaign(CLI::App& parent);
Command add_compare(CLI::App& parent);
Command add_verify(CLI::App& parent);

}  // namespace refsim::tools
