// Run command: read and decode every file first (any problem: one `refsim: ` line, exit 2, nothing
// written), then run each scenario, check its expect block and write the reports.
#include "tools/run_command.h"

#include <filesystem>
#include <ostream>
#include <variant>

#include "io/atomic_write.h"
#include "io/expect.h"
#include "io/read_file.h"
#include "io/report_json.h"
#include "io/report_text.h"
#include "io/scenario_json.h"
#include "io/sha256.h"

namespace refsim::tools {
namespace {

using Json = nlohmann::ordered_json;

struct Loaded {
  std::string file;
  std::string sha256;
  ScenarioFile scenario;
};

}  // namespace

ExitStatus run_command(const RunOptions& options, std::ostream& out, std::ostream& err) {
  // Decode: every file, before anything runs.
  std::vector<Loaded> loaded;
  for (const std::string& file : options.files) {
    const FileRead read = read_file(file);
    if (!read.ok()) {
      err << "refsim: " << file << ": cannot read: " << read.error << std::endl;
      return ExitStatus::BadInput;
    }
    const std::string& text = read.bytes;
    ScenarioResult result = parse_scenario(text, std::filesystem::path(file).stem().string());
    if (const SpecError* error = std::get_if<SpecError>(&result)) {
      err << "refsim: " << file << ": " << describe(*error) << std::endl;
      return ExitStatus::BadInput;
    }
    loaded.push_back({file, sha256_hex(text), std::move(std::get<ScenarioFile>(result))});
  }

  // Run, report, check.
  Json reports = Json::array();
  std::string text;
  std::vector<std::string> failure_lines;
  for (const Loaded& one : loaded) {
    const Outcome outcome = run(one.scenario.scenario, options.engine, options.limits);
    Json report = report_json(one.scenario.scenario, outcome, one.sha256);
    std::optional<std::vector<std::string>> failures;
    if (!one.scenario.expect.is_null()) failures = check_expect(one.scenario.expect, report);
    if (failures)
      for (const std::string& failure : *failures)
        failure_lines.push_back("refsim: " + one.file + ": expect failed: " + failure);
    if (options.format == OutputFormat::Text)
      text += (text.empty() ? "" : "\n") + report_text(report, failures);
    reports.push_back(std::move(report));
  }
  const Json& document = reports.size() == 1 ? reports[0] : reports;

  if (options.report) {
    if (std::optional<std::string> error = write_atomically(*options.report, dump_report(document))) {
      err << "refsim: " << *options.report << ": cannot write the report: " << *error << std::endl;
      return ExitStatus::BadInput;
    }
  }
  if (options.format == OutputFormat::Text) out << text;
  else if (!options.report) out << dump_report(document);
  out.flush();
  for (const std::string& line : failure_lines) err << line << "\n";
  err.flush();
  return failure_lines.empty() ? ExitStatus::Ok : ExitStatus::ExpectFailed;
}

}  // namespace refsim::tools
