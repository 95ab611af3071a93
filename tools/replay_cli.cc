// `refsim replay`: its options, parsed into ReplayOptions.
#include <iostream>
#include <memory>

#include "tools/cli.h"
#include "tools/replay_command.h"

namespace refsim::tools {

Command add_replay(CLI::App& parent) {
  CLI::App* app = add_subcommand(parent, "replay",
                                 "Replay fuzz inputs and scenarios (folders recursively), check regression inputs "
                                 "against their .expected sidecars, group findings by signature");
  auto options = std::make_shared<ReplayOptions>();
  auto format = std::make_shared<std::string>("json");
  auto target = std::make_shared<std::string>();
  app->add_option("PATH", options->paths, "Files or folders: *.json scenarios, fuzz inputs, corpus/ trees; - reads one from standard input")->required();
  app->add_option("--target", *target,
                  "Target of fuzz inputs whose path has no corpus/<target>/ component: engine_equivalence, "
                  "immortal_safety, mortal_accounting, scenario_json")
      ->check(CLI::IsMember({"engine_equivalence", "immortal_safety", "mortal_accounting", "scenario_json"}))
      ->type_name("TARGET");
  app->add_option("--report", options->report, "Write the JSON report (refsim-replay/2) to OUT")->type_name("OUT");
  app->add_option("--junit", options->junit, "Also write JUnit XML (a test case per input) to OUT")->type_name("OUT");
  app->add_option("--sarif", options->sarif, "Also write SARIF 2.1.0 (a result per finding, its reproducer attached) to OUT")
      ->type_name("OUT");
  app->add_option("--format", *format, "Output on stdout: json (default) or text")
      ->check(CLI::IsMember({"json", "text"}))
      ->type_name("FORMAT");
  return {app, [options, format, target] {
            options->format = *format == "text" ? OutputFormat::Text : OutputFormat::Json;
            if (!target->empty()) options->target = fuzz::parse_target(*target);
            return replay_command(*options, std::cout, std::cerr);
          }};
}

}  // namespace refsim::tools
