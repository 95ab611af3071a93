// Pieces every command's CLI shares: the version line, the count validator, subcommand setup.
#include "tools/cli.h"

#include "io/report_json.h"

namespace refsim::tools {

const std::string& version_line() {
  static const std::string line = "refsim " + std::string(kToolVersion);
  return line;
}

const CLI::Validator& count_validator() {
  static const CLI::Validator validator(
      [](const std::string& text) {
        const bool digits = !text.empty() && text.find_first_not_of("0123456789") == std::string::npos;
        return digits ? std::string() : "expected a count (decimal digits), got " + text;
      },
      "", "count");
  return validator;
}

CLI::App* add_subcommand(CLI::App& parent, const std::string& name, const std::string& description) {
  CLI::App* app = parent.add_subcommand(name, description);
  app->set_version_flag("--version", version_line(), "Print the version and exit");
  return app;
}

}  // namespace refsim::tools
