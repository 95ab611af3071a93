// `refsim run`: its options, parsed into RunOptions.
#include <iostream>
#include <memory>

#include "tools/cli.h"

namespace refsim::tools {

Command add_run(CLI::App& parent) {
  CLI::App* app = add_subcommand(parent, "run", "Run scenario files and report what happened");
  auto options = std::make_shared<RunOptions>();
  auto format = std::make_shared<std::string>("json");
  auto engine = std::make_shared<std::string>("fast");
  app->add_option("FILE", options->files, "Scenario files (refsim-scenario/2 or /1 JSON; - reads standard input)")->required();
  app->add_option("--report", options->report, "Write the JSON report (refsim-report/2, one entry per file) to OUT")
      ->type_name("OUT");
  app->add_option("--format", *format, "Output on stdout: json (default), text or html (one self-contained page)")
      ->check(CLI::IsMember({"json", "text", "html"}))
      ->type_name("FORMAT");
  app->add_option("--engine", *engine, "fast (default) or stepwise (the literal reference)")
      ->check(CLI::IsMember({"fast", "stepwise"}))
      ->type_name("ENGINE");
  app->add_option("--max-events", options->limits.max_events,
                  "Events kept in each report (default " + std::to_string(options->limits.max_events) +
                      "); events_total counts them all")
      ->type_name("N")
      ->check(count_validator());
  return {app, [options, format, engine] {
            options->format = *format == "text" ? OutputFormat::Text : *format == "html" ? OutputFormat::Html : OutputFormat::Json;
            options->engine = *engine == "stepwise" ? EngineKind::Stepwise : EngineKind::Fast;
            return run_command(*options, std::cout, std::cerr);
          }};
}

}  // namespace refsim::tools
