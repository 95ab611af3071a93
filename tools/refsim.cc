// refsim: the command line. Parses argv into typed options, calls the library, returns the exit
// status; the only place that reads argv.
#include <exception>
#include <iostream>
#include <string>

#include <CLI/CLI.hpp>

#include "io/report_json.h"
#include "tools/run_command.h"

namespace {

using refsim::tools::ExitStatus;

const std::string kVersionLine = "refsim " + std::string(refsim::kToolVersion);

/// A plain decimal count (CLI11 would otherwise let "-1" wrap around).
const CLI::Validator kCount(
    [](const std::string& text) {
      const bool digits = !text.empty() && text.find_first_not_of("0123456789") == std::string::npos;
      return digits ? std::string() : "expected a count (decimal digits), got " + text;
    },
    "", "count");

int status(ExitStatus s) { return static_cast<int>(s); }

/// One `refsim: ` line on stderr (CLI11's messages may span lines).
int usage_error(const std::string& message) {
  std::string line = message;
  for (char& c : line)
    if (c == '\n') c = ' ';
  std::cerr << "refsim: " << line << std::endl;
  return status(ExitStatus::BadInput);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"refsim: a bit-exact simulator of CPython's reference counting", "refsim"};
  app.set_version_flag("--version", kVersionLine, "Print the version and exit");
  app.require_subcommand(1);

  refsim::tools::RunOptions run;
  CLI::App* run_app = app.add_subcommand("run", "Run scenario files and report what happened");
  run_app->set_version_flag("--version", kVersionLine, "Print the version and exit");
  run_app->add_option("FILE", run.files, "Scenario files (refsim-scenario/1 JSON)")->required();
  run_app->add_option("--report", run.report,
                      "Write the JSON report to OUT (an array when several files)")
      ->type_name("OUT");
  std::string format = "json";
  run_app->add_option("--format", format, "Output on stdout: json (default) or text")
      ->check(CLI::IsMember({"json", "text"}))
      ->type_name("FORMAT");
  std::string engine = "fast";
  run_app->add_option("--engine", engine, "fast (default) or stepwise (the literal reference)")
      ->check(CLI::IsMember({"fast", "stepwise"}))
      ->type_name("ENGINE");
  run_app->add_option("--max-events", run.limits.max_events,
                      "Events kept in each report (default " + std::to_string(run.limits.max_events) +
                          "); events_total counts them all")
      ->type_name("N")
      ->check(kCount);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) {  // --help, --version
      app.exit(e);
      return status(ExitStatus::Ok);
    }
    return usage_error(e.what());
  }

  run.format = format == "text" ? refsim::tools::OutputFormat::Text : refsim::tools::OutputFormat::Json;
  run.engine = engine == "stepwise" ? refsim::EngineKind::Stepwise : refsim::EngineKind::Fast;
  try {
    if (run_app->parsed()) return status(refsim::tools::run_command(run, std::cout, std::cerr));
  } catch (const std::exception& e) {
    return usage_error(std::string("internal error: ") + e.what());
  }
  return usage_error("no command given (try --help)");
}
