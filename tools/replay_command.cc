// Replay command: load every input (exit 2 on any bad one, nothing written), replay each, compare
// regression inputs with their sidecars, group findings, write the reports (tools/replay_report.h).
#include "tools/replay_command.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <ostream>
#include <set>
#include <variant>

#include "campaign/file_io.h"
#include "campaign/finding_groups.h"
#include "fuzz/codec.h"
#include "fuzz/finding.h"
#include "fuzz/ft_check.h"
#include "fuzz/ft_codec.h"
#include "fuzz/regression.h"
#include "io/expect.h"
#include "io/read_file.h"
#include "io/report_json.h"
#include "io/ft_report_json.h"
#include "io/ft_scenario_json.h"
#include "model/freethreaded/ft_engine.h"
#include "io/scenario_json.h"
#include "io/sha256.h"
#include "io/utf8.h"
#include "tools/replay_report.h"
#include "tools/shown.h"

namespace refsim::tools {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

struct Input {
  fs::path file;
  bool is_scenario = false;
  std::string text;  ///< scenario: the file's bytes
  ScenarioFile scenario;
  std::optional<ft::FtScenarioFile> threaded;  ///< a free-threaded runtime's scenario (docs/SCENARIO-THREADS.md)
  fuzz::Target target = fuzz::Target::ImmortalSafety;  ///< fuzz input
  campaign::Bytes bytes;
  std::optional<fuzz::Expected> expected;  ///< regression input: its sidecar
  bool ft_engine = false;  ///< an input of the free-threaded target (fuzz/ft_codec.h)
};

bool skipped(const fs::path& file) {
  const std::string name = file.filename().string();
  return fuzz::is_sidecar(file) || file.extension() == ".md" || name.rfind("README", 0) == 0;
}

/// Loads one file, or returns the `refsim: ` line that rejects it.
std::variant<Input, std::string> load(const fs::path& file, const ReplayOptions& options) {
  using Result = std::variant<Input, std::string>;
  FileRead read = read_file(file);
  if (!read.ok()) return Result(std::in_place_index<1>, file.string() + ": cannot read: " + read.error);
  Input input;
  input.file = file;
  // Standard input ("-") has no extension: a scenario starts with '{', which no binary input does
  // (its first byte is the format version, 1 or 2).
  const std::size_t first = read.bytes.find_first_not_of(" \t\r\n");
  const bool scenario = file == "-" ? first != std::string::npos && read.bytes[first] == '{' : file.extension() == ".json";
  if (scenario) {
    input.is_scenario = true;
    input.text = std::move(read.bytes);
    if (ft::names_free_threaded_runtime(input.text)) {
      auto parsed = ft::parse_ft_scenario(input.text, file == "-" ? "stdin" : valid_utf8(file.stem().string()));
      if (auto* error = std::get_if<SpecError>(&parsed)) return Result(std::in_place_index<1>, file.string() + ": " + describe(*error));
      input.threaded = std::move(std::get<ft::FtScenarioFile>(parsed));
      return Result(std::in_place_index<0>, std::move(input));
    }
    ScenarioResult parsed = parse_scenario(input.text, file == "-" ? "stdin" : valid_utf8(file.stem().string()));
    if (auto* error = std::get_if<SpecError>(&parsed)) return Result(std::in_place_index<1>, file.string() + ": " + describe(*error));
    input.scenario = std::move(std::get<ScenarioFile>(parsed));
    return Result(std::in_place_index<0>, std::move(input));
  }
  input.bytes.assign(read.octets().begin(), read.octets().end());
  if (!options.target && fuzz::is_ft_engine_path(file)) {
    input.ft_engine = true;
    return Result(std::in_place_index<0>, std::move(input));
  }
  const fs::path sidecar = file.string() + std::string(fuzz::kExpectedSuffix);
  std::error_code error;
  if (fs::exists(sidecar, error)) {
    auto expected = fuzz::read_expected(sidecar);
    if (auto* reason = std::get_if<std::string>(&expected)) return Result(std::in_place_index<1>, sidecar.string() + ": " + *reason);
    input.expected = std::get<fuzz::Expected>(expected);
  }
  std::optional<fuzz::Target> target = options.target ? options.target : fuzz::target_from_path(file);
  if (!target && input.expected) target = input.expected->target;
  if (!target)
    return Result(std::in_place_index<1>, file.string() +
                                              ": cannot tell the target from the path; pass --target (engine_equivalence, "
                                              "immortal_safety, mortal_accounting, scenario_json) or put "
                                              "it under an ft_engine folder");
  if (input.expected && input.expected->target != *target)
    return Result(std::in_place_index<1>, file.string() + ": its sidecar records target " +
                                              std::string(fuzz::target_name(input.expected->target)) + ", not " +
                                              std::string(fuzz::target_name(*target)));
  input.target = *target;
  return Result(std::in_place_index<0>, std::move(input));
}

std::string signature_list(const std::vector<std::string>& signatures) {
  if (signatures.empty()) return "no finding";
  std::string out;
  for (const std::string& s : signatures) out += (out.empty() ? "" : ", ") + s;
  return out;
}

/// The recorded behaviour against the findings of now; empty when they agree.
std::optional<std::string> regression_difference(const fuzz::Expected& expected, const std::vector<fuzz::Finding>& now) {
  std::vector<std::string> now_signatures;
  for (const fuzz::Finding& f : now) now_signatures.push_back(f.signature);
  const std::set<std::string> recorded(expected.signatures.begin(), expected.signatures.end());
  const std::set<std::string> current(now_signatures.begin(), now_signatures.end());
  const bool step_differs = expected.step && !now.empty() && now.front().step != *expected.step;
  if (recorded == current && !step_differs) return std::nullopt;
  std::string line = "recorded " + signature_list(expected.signatures);
  if (expected.step && !expected.signatures.empty()) line += " (first at step " + std::to_string(*expected.step) + ")";
  line += "; now " + signature_list(now_signatures);
  if (!now.empty()) line += " (first at step " + std::to_string(now.front().step) + ")";
  return line;
}

/// Replays one input: its findings go into the run's groups, its failures into the result.
ReplayedInput replay_one(const Input& input, ReplayRun& run) {
  const std::string file = input.file.string();
  ReplayedInput result{file, "scenario", 0, {}};
  if (input.threaded) {
    ++run.scenarios;
    const ft::FtScenario& scenario = input.threaded->scenario;
    if (!input.threaded->expect.is_null()) {
      const Json report = ft::ft_report_json(scenario, ft::run(scenario), sha256_hex(input.text));
      for (const std::string& failure : check_expect(input.threaded->expect, report))
        result.failures.push_back({file, "expect", failure});
    }
    return result;
  }
  if (input.is_scenario) {
    ++run.scenarios;
    const Scenario& scenario = input.scenario.scenario;
    if (!input.scenario.expect.is_null()) {
      const Json report = report_json(scenario, refsim::run(scenario), sha256_hex(input.text));
      for (const std::string& failure : check_expect(input.scenario.expect, report))
        result.failures.push_back({file, "expect", failure});
    }
    for (const fuzz::Finding& f : fuzz::check_scenario(fuzz::Target::ScenarioJson, scenario)) {
      run.groups.add(f, input.file);
      result.failures.push_back({file, "bug", "scenario_json: " + f.signature + ": " + f.message});
    }
    return result;
  }
  ++run.fuzz_inputs;
  if (input.ft_engine) {
    result.kind = "ft_engine";
    const auto decoded = fuzz::decode_ft(input.bytes);
    if (const auto* error = std::get_if<SpecError>(&decoded)) {
      ++run.rejected;
      result.failures.push_back({file, "rejected", "ft_engine input stands for no scenario: " + describe(*error)});
    }
    for (const std::string& f : fuzz::check_ft(input.bytes)) result.failures.push_back({file, "bug", "ft_engine: " + f});
    return result;
  }
  const std::string target(fuzz::target_name(input.target));
  result.kind = target;
  const auto decoded = fuzz::decode(input.target, input.bytes);
  const auto* rejected = std::get_if<fuzz::DecodeError>(&decoded);
  if (rejected) ++run.rejected;
  const std::vector<fuzz::Finding> findings = fuzz::check(input.target, input.bytes);
  for (const fuzz::Finding& f : findings) run.groups.add(f, input.file);
  if (input.expected) {
    ++run.regression;
    if (auto difference = regression_difference(*input.expected, findings))
      result.failures.push_back({file, "regression", *difference});
  } else if (rejected && !fuzz::takes_json(input.target)) {
    result.failures.push_back({file, "rejected", target + " input does not decode: byte " +
                                                     std::to_string(rejected->offset) + ": " + rejected->message});
  } else if (fuzz::findings_are_bugs(input.target)) {
    for (const fuzz::Finding& f : findings)
      result.failures.push_back({file, "bug", target + ": " + f.signature + " at step " + std::to_string(f.step) + ": " +
                                                  f.message});
  }
  return result;
}

}  // namespace

ExitStatus replay_command(const ReplayOptions& options, std::ostream& out, std::ostream& err) {
  // Load: every path, every file, before anything runs.
  std::vector<Input> inputs;
  for (const std::string& path : options.paths) {
    auto files = path == "-" ? std::variant<std::vector<fs::path>, std::string>(std::vector<fs::path>{"-"})
                             : campaign::list_files(path);
    if (auto* reason = std::get_if<std::string>(&files)) {
      err << "refsim: " << shown(path) << ": cannot read: " << *reason << std::endl;
      return ExitStatus::BadInput;
    }
    std::size_t found = 0;
    for (const fs::path& file : std::get<std::vector<fs::path>>(files)) {
      if (skipped(file)) continue;
      ++found;
      auto loaded = load(file, options);
      if (auto* line = std::get_if<std::string>(&loaded)) {
        err << "refsim: " << *line << std::endl;
        return ExitStatus::BadInput;
      }
      inputs.push_back(std::move(std::get<Input>(loaded)));
    }
    if (found == 0) {
      // Like a test runner that collected no tests: an empty folder is a mistake, not a pass.
      err << "refsim: " << shown(path) << ": nothing to replay (no scenarios or fuzz inputs)" << std::endl;
      return ExitStatus::BadInput;
    }
  }

  // Replay.
  ReplayRun run;
  for (const Input& input : inputs) {
    const auto start = std::chrono::steady_clock::now();
    run.inputs.push_back(replay_one(input, run));
    run.inputs.back().seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  }

  // Report.
  const std::string document = replay_json(run).dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
  const std::pair<const std::optional<std::string>&, std::string> files[] = {
      {options.report, document},
      {options.junit, options.junit ? replay_junit(run) : ""},
      {options.sarif, options.sarif ? replay_sarif(run) : ""},
  };
  for (const auto& [path, bytes] : files) {
    if (!path) continue;
    if (auto error = write_atomically(*path, bytes)) {
      err << "refsim: " << shown(*path) << ": cannot write the report: " << *error << std::endl;
      return ExitStatus::BadInput;
    }
  }
  if (options.format == OutputFormat::Text) out << replay_text(run);
  else if (!options.report) out << document;
  out.flush();
  const std::vector<ReplayFailure> failures = run.failures();
  for (const ReplayFailure& f : failures) err << "refsim: " << shown(f.file) << ": " << f.kind << ": " << f.message << "\n";
  err.flush();
  return failures.empty() ? ExitStatus::Ok : ExitStatus::ExpectFailed;
}

}  // namespace refsim::tools
