// `refsim verify`: its options, and the environment it reads ($CC, $PATH), into VerifyCommandOptions.
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <memory>

#include "tools/cli.h"
#include "tools/verify_command.h"

namespace refsim::tools {

Command add_verify(CLI::App& parent) {
  CLI::App* app = add_subcommand(parent, "verify",
                                 "Run scenarios on a real CPython (a generated C extension in a child process) "
                                 "and compare what happens with the model");
  auto options = std::make_shared<VerifyCommandOptions>();
  auto format = std::make_shared<std::string>("text");
  app->add_option("SCENARIO", options->paths, "Scenario files, or folders of *.json scenarios")->required();
  app->add_option("--python", options->verify.python, "The interpreter to run them on (its version, width and "
                                                      "debug build must be the scenarios' runtime)")
      ->required()
      ->type_name("PY");
  app->add_option("--headers", options->headers,
                  "Headers for extension origin ext-VERSION (DIR holds Python.h), e.g. 3.12=/usr/include/python3.12")
      ->type_name("VERSION=DIR");
  app->add_flag("--allow-slow", options->verify.allow_slow, "Run scenarios of more than 2^34 single operations");
  app->add_flag("--skip-refused", options->verify.skip_refused,
                "Leave out the scenarios that cannot run faithfully on PY (another runtime, a gc, ...), each named with "
                "its reason on standard error, instead of stopping with exit 2; exit 2 if none is left");
  auto silence = std::make_shared<std::int64_t>(verify::kDefaultSilenceLimit.count());
  app->add_option("--silence-limit", *silence,
                  "Stop a child (the interpreter's query, the compiler, a probe) that prints nothing for SECONDS and "
                  "exit 2 (default 120; the probe reports progress every 2^30 operations; 0: no limit)")
      ->check(CLI::Range(std::int64_t{0}, std::int64_t{1} << 31))
      ->type_name("SECONDS");
  app->add_option("--report", options->report, "Write the JSON report to OUT (refsim-verify/3; refsim-verify/4 for a free-threaded PY)")->type_name("OUT");
  app->add_option("--format", *format, "Output on stdout: text (default, real and model side by side) or json")
      ->check(CLI::IsMember({"json", "text"}))
      ->type_name("FORMAT");
  return {app, [options, format, silence] {
            options->verify.silence_limit = std::chrono::seconds(*silence);
            options->format = *format == "json" ? OutputFormat::Json : OutputFormat::Text;
            if (const char* cc = std::getenv("CC")) options->verify.cc = cc;
            const char* path = std::getenv("PATH");
            options->verify.path = path ? path : "/usr/bin:/bin";
            return verify_command(*options, std::cout, std::cerr);
          }};
}

}  // namespace refsim::tools
