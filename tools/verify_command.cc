// Verify command: loads the scenarios, parses --headers (refusing another version's), runs the verifier, writes the report.
#include "tools/verify_command.h"

#include <ostream>

#include "campaign/file_io.h"
#include "io/atomic_write.h"
#include "io/ft_scenario_json.h"
#include "verify/ft_plan.h"
#include "verify/headers.h"
#include "io/read_file.h"
#include "tools/shown.h"

namespace refsim::tools {
namespace {

namespace fs = std::filesystem;

/// "3.12=DIR" -> {3.12, DIR}, or nullopt.
std::optional<verify::ExtHeaders> parse_headers(const std::string& text) {
  const std::size_t eq = text.find('=');
  if (eq == std::string::npos || eq == 0 || eq + 1 == text.size()) return std::nullopt;
  const std::string version = text.substr(0, eq);
  const std::string dir = text.substr(eq + 1);
  if (!fs::exists(fs::path(dir) / "Python.h")) return std::nullopt;
  return verify::ExtHeaders{version, dir};
}

}  // namespace

ExitStatus verify_command(const VerifyCommandOptions& options, std::ostream& out, std::ostream& err) {
  verify::VerifyOptions settings = options.verify;
  for (const std::string& h : options.headers) {
    auto headers = parse_headers(h);
    if (!headers) {
      err << "refsim: --headers " << h << ": expected VERSION=DIR with DIR/Python.h" << std::endl;
      return ExitStatus::BadInput;
    }
    if (const std::string mismatch = verify::headers_mismatch(headers->version, headers->include_dir); !mismatch.empty()) {
      err << "refsim: --headers " << h << ": " << mismatch << std::endl;
      return ExitStatus::BadInput;
    }
    settings.headers.push_back(*headers);
  }
  std::vector<verify::Input> inputs;
  for (const std::string& path : options.paths) {
    auto files = campaign::list_files(path);
    if (auto* reason = std::get_if<std::string>(&files)) {
      err << "refsim: " << shown(path) << ": " << *reason << std::endl;
      return ExitStatus::BadInput;
    }
    for (const fs::path& file : std::get<std::vector<fs::path>>(files)) {
      if (fs::is_directory(path) && file.extension() != ".json") continue;
      const FileRead read = read_file(file);
      if (!read.ok()) {
        err << "refsim: " << shown(file.string()) << ": cannot read: " << read.error << std::endl;
        return ExitStatus::BadInput;
      }
      if (ft::names_free_threaded_runtime(read.bytes)) {  // a scenario with threads (docs/SCENARIO-THREADS.md)
        auto parsed = ft::parse_ft_scenario(read.bytes, file.stem().string());
        if (auto* error = std::get_if<SpecError>(&parsed)) {
          err << "refsim: " << shown(file.string()) << ": " << shown(describe(*error)) << std::endl;
          return ExitStatus::BadInput;
        }
        inputs.push_back({file.string(), {}, std::move(std::get<ft::FtScenarioFile>(parsed)), verify::ft_origins(read.bytes)});
        continue;
      }
      ScenarioResult parsed = parse_scenario(read.bytes, file.stem().string());
      if (auto* error = std::get_if<SpecError>(&parsed)) {
        err << "refsim: " << shown(file.string()) << ": " << shown(describe(*error)) << std::endl;
        return ExitStatus::BadInput;
      }
      inputs.push_back({file.string(), std::move(std::get<ScenarioFile>(parsed)), {}, {}});
    }
  }
  if (inputs.empty()) {
    err << "refsim: no scenario files given" << std::endl;
    return ExitStatus::BadInput;
  }
  auto result = verify::verify_all(settings, inputs, [&](const std::string& name, std::uint64_t step, std::uint64_t total) {
    err << "refsim: verify " << name << ": step " << step << " of " << total << " ("
        << (total ? step * 100 / total : 100) << "%)" << std::endl;
  });
  if (auto* reason = std::get_if<std::string>(&result)) {
    err << "refsim: " << *reason << std::endl;
    return ExitStatus::BadInput;
  }
  const auto& done = std::get<verify::VerifyResult>(result);
  bool agree = true;
  for (const auto& v : done.verdicts) agree = agree && v.agree();
  for (const auto& v : done.ft_verdicts) agree = agree && v.agree();
  const ExitStatus status = agree ? ExitStatus::Ok : ExitStatus::ExpectFailed;
  const bool threaded = done.info.interpreter.free_threaded;
  const auto json = threaded ? verify::ft_verify_report_json(done.info, done.ft_verdicts, static_cast<int>(status))
                             : verify::verify_report_json(done.info, done.verdicts, static_cast<int>(status));
  if (options.report) {
    if (auto error = write_atomically(*options.report, json.dump(2) + "\n")) {
      err << "refsim: " << shown(*options.report) << ": " << *error << std::endl;
      return ExitStatus::BadInput;
    }
  }
  if (options.format == OutputFormat::Json) out << json.dump(2) << "\n";
  else out << (threaded ? verify::ft_verify_report_text(done.info, done.ft_verdicts)
                         : verify::verify_report_text(done.info, done.verdicts));
  const std::vector<verify::Refusal>& refused = done.info.refused;
  if (!refused.empty() && options.format != OutputFormat::Json)
    out << "refused   " << refused.size() << (refused.size() == 1 ? " scenario" : " scenarios")
        << " left out (--skip-refused; each on standard error)\n";
  for (const auto& r : refused) err << "refsim: " << shown(r.file) << ": refused: " << r.reason << std::endl;
  for (const auto& v : done.verdicts)
    for (const std::string& line : v.comparison.disagreements) err << "refsim: " << shown(v.file) << ": " << line << std::endl;
  for (const auto& v : done.ft_verdicts)
    for (const std::string& line : v.comparison.disagreements) err << "refsim: " << shown(v.file) << ": " << line << std::endl;
  return status;
}

}  // namespace refsim::tools
