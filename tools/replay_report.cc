// Replay report: the refsim-replay/2 document, its text, and the JUnit and SARIF views of a replay.
#include "tools/replay_report.h"

#include "campaign/progress.h"
#include "io/junit_xml.h"
#include "io/report_json.h"
#include "io/report_text.h"
#include "io/sarif.h"
#include "io/scenario_json.h"
#include "io/scenario_writer.h"

namespace refsim::tools {
namespace {

using Json = nlohmann::ordered_json;

/// A group as campaign reports write it, with its step counts as decimal strings.
Json group_entry(const campaign::FindingGroup& group) {
  Json j = campaign::group_json(group);
  Json& reproducer = j["reproducer"];
  reproducer["step"] = decimal(group.smallest.step);
  if (reproducer.contains("steps") && reproducer["steps"].is_number_unsigned())
    reproducer["steps"] = decimal(reproducer["steps"].get<std::uint64_t>());
  return j;
}

/// "none/deimmortalized" of "3.12/32/release/as-shipped/none/deimmortalized".
std::string event_part(const fuzz::Finding& finding) {
  const std::string prefix = fuzz::runtime_signature(finding.scenario.runtime) + "/";
  return finding.signature.rfind(prefix, 0) == 0 ? finding.signature.substr(prefix.size()) : finding.signature;
}

}  // namespace

std::vector<ReplayFailure> ReplayRun::failures() const {
  std::vector<ReplayFailure> out;
  for (const ReplayedInput& input : inputs) out.insert(out.end(), input.failures.begin(), input.failures.end());
  return out;
}

nlohmann::ordered_json replay_json(const ReplayRun& run) {
  Json j;
  j["format"] = kReplayFormat;
  j["tool"] = {{"name", std::string(kToolName)}, {"version", std::string(kToolVersion)}};
  j["inputs"] = {{"total", run.scenarios + run.fuzz_inputs},
                 {"scenarios", run.scenarios},
                 {"fuzz_inputs", run.fuzz_inputs},
                 {"regression", run.regression},
                 {"rejected", run.rejected}};
  const std::vector<ReplayFailure> failures = run.failures();
  j["passed"] = failures.empty();
  Json failure_list = Json::array();
  for (const ReplayFailure& f : failures) failure_list.push_back({{"file", f.file}, {"kind", f.kind}, {"message", f.message}});
  j["failures"] = std::move(failure_list);
  Json group_list = Json::array();
  for (const campaign::FindingGroup* group : run.groups.ordered()) group_list.push_back(group_entry(*group));
  j["groups"] = std::move(group_list);
  return j;
}

std::string replay_text(const ReplayRun& run) {
  using campaign::grouped;
  std::string out = "replayed  " + counted(std::to_string(run.scenarios + run.fuzz_inputs), "input") + ": " +
                    counted(std::to_string(run.scenarios), "scenario") + ", " +
                    counted(std::to_string(run.fuzz_inputs), "fuzz input") + " (" + grouped(run.regression) +
                    " regression, " + grouped(run.rejected) + " rejected by the decoder)\n";
  const auto list = run.groups.ordered();
  out += "groups    " + std::to_string(list.size()) + "\n";
  for (const campaign::FindingGroup* g : list)
    out += "  " + std::string(fuzz::target_name(g->target)) + "  " + g->signature + "  x" + grouped(g->count) +
           (fuzz::findings_are_bugs(g->target) ? "  (refsim bug)" : "") + "\n    smallest: " + printable(g->source.string()) +
           ", first at step " + grouped(g->smallest.step) + ": " + g->smallest.message + "\n";
  const std::vector<ReplayFailure> failures = run.failures();
  out += "failures  " + std::to_string(failures.size()) + "\n";
  for (const ReplayFailure& f : failures) out += "  " + printable(f.file) + ": " + f.kind + ": " + f.message + "\n";
  out += std::string("result    ") + (failures.empty() ? "passed" : "FAILED") + "\n";
  return out;
}

std::string replay_junit(const ReplayRun& run) {
  JunitSuite suite{"refsim replay", {}};
  for (const ReplayedInput& input : run.inputs) {
    JunitCase c{input.file, "replay." + input.kind, input.seconds, {}, ""};
    for (const ReplayFailure& f : input.failures) c.failures.push_back({f.kind, f.message});
    suite.cases.push_back(std::move(c));
  }
  return junit_xml(suite);
}

std::string replay_sarif(const ReplayRun& run) {
  std::vector<SarifResult> results;
  for (const campaign::FindingGroup* g : run.groups.ordered()) {
    const std::string target(fuzz::target_name(g->target));
    const std::string source = g->source.string();
    SarifResult r;
    r.rule_id = target + "/" + event_part(g->smallest);
    r.rule_description = fuzz::findings_are_bugs(g->target)
                             ? "refsim bug found by the " + target + " checks: " + event_part(g->smallest)
                             : "simulated CPython " + event_part(g->smallest) + " (" + target + " checks)";
    r.level = fuzz::findings_are_bugs(g->target) ? SarifLevel::Error : SarifLevel::Warning;
    r.message = g->signature + " at step " + campaign::grouped(g->smallest.step) + ": " + g->smallest.message + " (" +
                counted(std::to_string(g->count), "input") + "; smallest reproducer attached; reproduce with: refsim replay " +
                source + ")";
    r.location = source;
    r.location_is_text = g->source.extension() == ".json";
    r.reproducer = scenario_json(g->smallest.scenario).dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
    r.fingerprint = target + "/" + g->signature;
    results.push_back(std::move(r));
  }
  return sarif_json({std::string(kToolName), std::string(kToolVersion), ""}, results);
}

}  // namespace refsim::tools
