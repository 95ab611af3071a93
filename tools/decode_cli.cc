// `refsim decode`: its options, parsed into DecodeOptions.
#include <iostream>
#include <memory>

#include "tools/cli.h"
#include "tools/decode_command.h"

namespace refsim::tools {

Command add_decode(CLI::App& parent) {
  CLI::App* app = add_subcommand(parent, "decode", "Print the scenario a binary fuzz input stands for");
  auto options = std::make_shared<DecodeOptions>();
  auto target = std::make_shared<std::string>();
  app->add_option("FILE", options->file, "A fuzz input (corpus/<target>/... or with --target; - reads standard input)")->required();
  app->add_option("--target", *target, "The target whose format FILE is in (default: from the path)")
      ->check(CLI::IsMember({"engine_equivalence", "immortal_safety", "mortal_accounting", "scenario_json", "ft_engine"}))
      ->type_name("TARGET");
  return {app, [options, target] {
            options->ft_engine = *target == "ft_engine";
            if (!target->empty() && !options->ft_engine) options->target = fuzz::parse_target(*target);
            return decode_command(*options, std::cout, std::cerr);
          }};
}

}  // namespace refsim::tools
