// Replay command: load every input (exit 2 on any bad one, nothing written), replay each, compare
// regression inputs with their sidecars, group findings, write the report.
#include "tools/replay_command.h"

#include <algorithm>
#include <filesystem>
#include <ostream>
#include <set>
#include <variant>

#include "campaign/file_io.h"
#include "campaign/finding_groups.h"
#include "campaign/progress.h"
#include "fuzz/codec.h"
#include "fuzz/finding.h"
#include "fuzz/regression.h"
#include "io/expect.h"
#include "io/read_file.h"
#include "io/report_json.h"
#include "io/scenario_json.h"
#include "io/sha256.h"

namespace refsim::tools {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

struct Input {
  fs::path file;
  bool is_scenario = false;
  std::string text;  ///< scenario: the file's bytes
  ScenarioFile scenario;
  fuzz::Target target = fuzz::Target::ImmortalSafety;  ///< fuzz input
  campaign::Bytes bytes;
  std::optional<fuzz::Expected> expected;  ///< regression input: its sidecar
};

struct Failure {
  std::string file;
  std::string kind;  ///< "expect", "regression" or "bug"
  std::string message;
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
  if (file.extension() == ".json") {
    input.is_scenario = true;
    input.text = std::move(read.bytes);
    ScenarioResult parsed = parse_scenario(input.text, file.stem().string());
    if (auto* error = std::get_if<SpecError>(&parsed)) return Result(std::in_place_index<1>, file.string() + ": " + describe(*error));
    input.scenario = std::move(std::get<ScenarioFile>(parsed));
    return Result(std::in_place_index<0>, std::move(input));
  }
  input.bytes.assign(read.octets().begin(), read.octets().end());
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
                                              "immortal_safety, mortal_accounting, scenario_json)");
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

struct Tally {
  std::uint64_t scenarios = 0, fuzz_inputs = 0, regression = 0, rejected = 0;
};

Json report_document(const Tally& tally, const campaign::FindingGroups& groups, const std::vector<Failure>& failures) {
  Json j;
  j["format"] = "refsim-replay/1";
  j["tool"] = {{"name", std::string(kToolName)}, {"version", std::string(kToolVersion)}};
  j["inputs"] = {{"total", tally.scenarios + tally.fuzz_inputs},
                 {"scenarios", tally.scenarios},
                 {"fuzz_inputs", tally.fuzz_inputs},
                 {"regression", tally.regression},
                 {"rejected", tally.rejected}};
  j["passed"] = failures.empty();
  Json failure_list = Json::array();
  for (const Failure& f : failures) failure_list.push_back({{"file", f.file}, {"kind", f.kind}, {"message", f.message}});
  j["failures"] = std::move(failure_list);
  Json group_list = Json::array();
  for (const campaign::FindingGroup* group : groups.ordered()) group_list.push_back(campaign::group_json(*group));
  j["groups"] = std::move(group_list);
  return j;
}

std::string report_text(const Tally& tally, const campaign::FindingGroups& groups, const std::vector<Failure>& failures) {
  using campaign::grouped;
  std::string out = "replayed  " + grouped(tally.scenarios + tally.fuzz_inputs) + " inputs: " + grouped(tally.scenarios) +
                    " scenarios, " + grouped(tally.fuzz_inputs) + " fuzz inputs (" + grouped(tally.regression) +
                    " regression, " + grouped(tally.rejected) + " rejected by the decoder)\n";
  const auto list = groups.ordered();
  out += "groups    " + std::to_string(list.size()) + "\n";
  for (const campaign::FindingGroup* g : list)
    out += "  " + std::string(fuzz::target_name(g->target)) + "  " + g->signature + "  x" + grouped(g->count) +
           (fuzz::findings_are_bugs(g->target) ? "  (refsim bug)" : "") + "\n    smallest: " + g->source.string() +
           ", first at step " + grouped(g->smallest.step) + ": " + g->smallest.message + "\n";
  out += "failures  " + std::to_string(failures.size()) + "\n";
  for (const Failure& f : failures) out += "  " + f.file + ": " + f.kind + ": " + f.message + "\n";
  out += std::string("result    ") + (failures.empty() ? "passed" : "FAILED") + "\n";
  return out;
}

}  // namespace

ExitStatus replay_command(const ReplayOptions& options, std::ostream& out, std::ostream& err) {
  // Load: every path, every file, before anything runs.
  std::vector<Input> inputs;
  for (const std::string& path : options.paths) {
    auto files = campaign::list_files(path);
    if (auto* reason = std::get_if<std::string>(&files)) {
      err << "refsim: " << path << ": cannot read: " << *reason << std::endl;
      return ExitStatus::BadInput;
    }
    for (const fs::path& file : std::get<std::vector<fs::path>>(files)) {
      if (skipped(file)) continue;
      auto loaded = load(file, options);
      if (auto* line = std::get_if<std::string>(&loaded)) {
        err << "refsim: " << *line << std::endl;
        return ExitStatus::BadInput;
      }
      inputs.push_back(std::move(std::get<Input>(loaded)));
    }
  }

  // Replay.
  Tally tally;
  campaign::FindingGroups groups;
  std::vector<Failure> failures;
  for (const Input& input : inputs) {
    const std::string file = input.file.string();
    if (input.is_scenario) {
      ++tally.scenarios;
      const Scenario& scenario = input.scenario.scenario;
      if (!input.scenario.expect.is_null()) {
        const Json report = report_json(scenario, run(scenario), sha256_hex(input.text));
        for (const std::string& failure : check_expect(input.scenario.expect, report))
          failures.push_back({file, "expect", failure});
      }
      for (const fuzz::Finding& f : fuzz::check_scenario(fuzz::Target::ScenarioJson, scenario)) {
        groups.add(f, input.file);
        failures.push_back({file, "bug", "scenario_json: " + f.signature + ": " + f.message});
      }
      continue;
    }
    ++tally.fuzz_inputs;
    const auto decoded = fuzz::decode(input.target, input.bytes);
    const auto* rejected = std::get_if<fuzz::DecodeError>(&decoded);
    if (rejected) ++tally.rejected;
    const std::vector<fuzz::Finding> findings = fuzz::check(input.target, input.bytes);
    for (const fuzz::Finding& f : findings) groups.add(f, input.file);
    if (input.expected) {
      ++tally.regression;
      if (auto difference = regression_difference(*input.expected, findings))
        failures.push_back({file, "regression", *difference});
    } else if (rejected && !fuzz::takes_json(input.target)) {
      failures.push_back({file, "rejected", std::string(fuzz::target_name(input.target)) + " input does not decode: byte " +
                                                std::to_string(rejected->offset) + ": " + rejected->message});
    } else if (fuzz::findings_are_bugs(input.target)) {
      for (const fuzz::Finding& f : findings)
        failures.push_back({file, "bug", std::string(fuzz::target_name(input.target)) + ": " + f.signature + " at step " +
                                             std::to_string(f.step) + ": " + f.message});
    }
  }

  // Report.
  const Json document = report_document(tally, groups, failures);
  if (options.report) {
    if (auto error = write_atomically(*options.report, document.dump(2) + "\n")) {
      err << "refsim: " << *options.report << ": cannot write the report: " << *error << std::endl;
      return ExitStatus::BadInput;
    }
  }
  if (options.format == OutputFormat::Text) out << report_text(tally, groups, failures);
  else if (!options.report) out << document.dump(2) << "\n";
  out.flush();
  for (const Failure& f : failures) err << "refsim: " << f.file << ": " << f.kind << ": " << f.message << "\n";
  err.flush();
  return failures.empty() ? ExitStatus::Ok : ExitStatus::ExpectFailed;
}

}  // namespace refsim::tools
