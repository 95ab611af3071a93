// Run command: read and decode every file first (any problem: one `refsim: ` line, exit 2, nothing
// written), then run each scenario, check its expect block and write the reports.
#include "tools/run_command.h"

#include <filesystem>
#include <ostream>
#include <variant>

#include "io/atomic_write.h"
#include "io/expect.h"
#include "io/ft_report_json.h"
#include "io/ft_report_text.h"
#include "io/ft_scenario_json.h"
#include "model/freethreaded/ft_engine.h"
#include "io/read_file.h"
#include "io/report_json.h"
#include "io/report_text.h"
#include "io/run_html.h"
#include "io/scenario_json.h"
#include "io/sha256.h"
#include "io/utf8.h"
#include "tools/shown.h"

namespace refsim::tools {
namespace {

using Json = nlohmann::ordered_json;

struct Loaded {
  std::string file;
  std::string sha256;
  ScenarioFile scenario;
  std::optional<ft::FtScenarioFile> threaded;  ///< a free-threaded runtime's scenario (docs/SCENARIO-THREADS.md)
};

/// The literal reference runs about 10^8 single operations a second (measured: 10^8 ext-3.11
/// decrefs of None on 3.14 32-bit in 1.2 s of CPU): say so before a run of more than that.
void warn_if_slow(const Loaded& one, std::ostream& err) {
  const unsigned __int128 steps =
      one.threaded ? ft::expanded_steps(one.threaded->scenario.ops) : expanded_steps(one.scenario.scenario.ops);
  if (steps <= kStepwiseWarnSteps) return;
  err << "refsim: " << shown(one.file) << ": warning: --engine stepwise runs its " << with_separators(decimal(steps))
      << " single operations one at a time (roughly " << with_separators(decimal(steps / kStepwiseWarnSteps))
      << " s); the fast engine gives the same report" << std::endl;
}

/// The report of a free-threaded scenario (model/freethreaded/ft_engine.h).
Json ft_report(const ft::FtScenarioFile& file, const RunOptions& options, const std::string& sha256) {
  return ft::ft_report_json(file.scenario, ft::run(file.scenario, options.engine, options.limits.max_events), sha256);
}

}  // namespace

ExitStatus run_command(const RunOptions& options, std::ostream& out, std::ostream& err) {
  // Decode: every file, before anything runs.
  std::vector<Loaded> loaded;
  for (const std::string& file : options.files) {
    const FileRead read = read_file(file);
    if (!read.ok()) {
      err << "refsim: " << shown(file) << ": cannot read: " << read.error << std::endl;
      return ExitStatus::BadInput;
    }
    const std::string& text = read.bytes;
    const std::string default_name = file == "-" ? "stdin" : valid_utf8(std::filesystem::path(file).stem().string());
    if (ft::names_free_threaded_runtime(text)) {
      auto result = ft::parse_ft_scenario(text, default_name);
      if (const SpecError* error = std::get_if<SpecError>(&result)) {
        err << "refsim: " << shown(file) << ": " << shown(describe(*error)) << std::endl;
        return ExitStatus::BadInput;
      }
      loaded.push_back({file, sha256_hex(text), {}, std::move(std::get<ft::FtScenarioFile>(result))});
      continue;
    }
    ScenarioResult result = parse_scenario(text, default_name);
    if (const SpecError* error = std::get_if<SpecError>(&result)) {
      err << "refsim: " << shown(file) << ": " << shown(describe(*error)) << std::endl;
      return ExitStatus::BadInput;
    }
    loaded.push_back({file, sha256_hex(text), std::move(std::get<ScenarioFile>(result)), std::nullopt});
  }

  // Run, report, check.
  Json reports = Json::array();
  std::vector<std::string> failure_lines;
  std::vector<HtmlRun> pages;
  for (const Loaded& one : loaded) {
    if (options.engine == EngineKind::Stepwise) warn_if_slow(one, err);
    Outcome outcome;
    if (!one.threaded) outcome = run(one.scenario.scenario, options.engine, options.limits);
    Json report = one.threaded ? ft_report(*one.threaded, options, one.sha256)
                               : report_json(one.scenario.scenario, outcome, one.sha256);
    report["scenario"]["file"] = one.file;
    const Json& expect = one.threaded ? one.threaded->expect : one.scenario.expect;
    std::optional<std::vector<std::string>> failures;
    if (!expect.is_null()) failures = check_expect(expect, report);
    if (failures)
      for (const std::string& failure : *failures)
        failure_lines.push_back("refsim: " + shown(one.file) + ": expect failed: " + printable(failure));
    report["expect"] = expect_json(failures);
    if (options.format == OutputFormat::Html)
      pages.push_back(one.threaded ? HtmlRun{one.file, nullptr, {}, report} : HtmlRun{one.file, &one.scenario.scenario, outcome, nullptr});
    reports.push_back(std::move(report));
  }
  const Json document = report_document(std::move(reports));

  if (options.report) {
    if (std::optional<std::string> error = write_atomically(*options.report, dump_report(document))) {
      err << "refsim: " << shown(*options.report) << ": cannot write the report: " << *error << std::endl;
      return ExitStatus::BadInput;
    }
  }
  if (options.format == OutputFormat::Text) {
    std::string text;
    for (const Json& report : document["reports"])
      text += (report["runtime"].value("free_threaded", false) ? ft::ft_report_text(report) : report_text(report)) + "\n";
    out << text << summary_text(summarize(document["reports"]));
  } else if (options.format == OutputFormat::Html) {
    out << run_html(pages);
  } else if (!options.report) {
    out << dump_report(document);
  }
  out.flush();
  for (const std::string& line : failure_lines) err << line << "\n";
  err.flush();
  return failure_lines.empty() ? ExitStatus::Ok : ExitStatus::ExpectFailed;
}

}  // namespace refsim::tools
