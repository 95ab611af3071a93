// `refsim compare`: its options, parsed into CompareOptions.
#include <iostream>
#include <memory>

#include "tools/cli.h"
#include "tools/compare_command.h"

namespace refsim::tools {

Command add_compare(CLI::App& parent) {
  CLI::App* app = add_subcommand(parent, "compare",
                                 "The survival matrix: exact counts of unpaired operations to mortal, tp_dealloc, "
                                 "crash and overflow, per version, width, build, strategy, kind and threat");
  auto o = std::make_shared<CompareOptions>();
  auto format = std::make_shared<std::string>("text");
  const auto list = [&](const std::string& flag, std::vector<std::string>& into, const std::string& help) {
    app->add_option(flag, into, help)->delimiter(',')->type_name("NAME[,NAME...]");
  };
  list("--runtime", o->versions, "Runtime versions, free-threaded ones (3.13t, 3.14t, 3.15t, gh153202-proto) included (default: all; --version prints refsim's)");
  list("--width", o->widths, "Widths: 64, 32, 16, 8 (default: 64,32)");
  list("--debug", o->debug, "Builds: false (release), true (Py_REF_DEBUG) (default: false)");
  list("--strategy", o->strategies, "Strategies (default: all that apply)");
  list("--kind", o->kinds, "Object kinds (default: none)");
  list("--threat", o->threats, "Threat families, the free-threaded ft-* ones included (default: all)");
  app->add_option("--rate", o->rate, "Core background traffic: one uncounted core release per R extension operations (default 1)")
      ->type_name("R")
      ->check(count_validator());
  app->add_flag("--detail", o->detail, "Text: every table, conclusion and claim instead of the one-screen summary");
  app->add_option("--format", *format, "Output on stdout: text (default), json, markdown or html (one self-contained page)")
      ->check(CLI::IsMember({"text", "json", "markdown", "html"}))
      ->type_name("FORMAT");
  app->add_option("--report", o->report, "Write the JSON document to OUT (temporary file, then rename)")->type_name("OUT");
  return {app, [app, o, format] {
            o->format_given = app->count("--format") > 0;
            o->format = *format == "json" ? CompareFormat::Json
                        : *format == "markdown" ? CompareFormat::Markdown
                        : *format == "html"     ? CompareFormat::Html
                                                : CompareFormat::Text;
            return compare_command(*o, std::cout, std::cerr);
          }};
}

}  // namespace refsim::tools
