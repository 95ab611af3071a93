// Properties of the report and scenario formats (io/): what the engine produced survives the
// contract's JSON unchanged, and a generated scenario written as a file reads back as itself (that
// is what lets `refsim run` replay a counterexample).
#include "io/report_json.h"
#include "io/scenario_json.h"
#include "io/scenario_writer.h"
#include "io/sha256.h"
#include "model/engine.h"
#include "props/gen/runtime.h"
#include "props/gen/scenario.h"
#include "props/support/prop.h"

namespace refsim::props {
namespace {

REFSIM_PROP(Report, aReportRoundTripsThroughJsonUnchanged, 1, ()) {
  const RuntimeSpec rt = *gen::runtime();
  gen::Shape shape;
  shape.budget = gen::fast_budget(rt);
  const Scenario s = *gen::scenario(rt, shape);
  const RunLimits limits{*rc::gen::element<std::uint64_t>(1000, 0, 1, 3)};
  const Outcome outcome = run(s, EngineKind::Fast, limits);
  const std::string document = scenario_document(s);
  const nlohmann::ordered_json report = report_json(s, outcome, sha256_hex(document));
  const std::string text = dump_report(report);
  const nlohmann::ordered_json parsed = nlohmann::ordered_json::parse(text);
  const std::optional<Outcome> back = outcome_from_report_json(s, parsed);
  REFSIM_REQUIRE(back.has_value(), s, "the report does not read back:\n" + text);
  REFSIM_REQUIRE(*back == outcome, s, "the report reads back differently:\n" + text);
  REFSIM_REQUIRE(report_json(s, *back, sha256_hex(document)) == report, s, "the report is not written back the same");
  RC_TAG(outcome.events.size() < outcome.events_total ? "events truncated" : "all events kept");
}

REFSIM_PROP(Report, aScenarioFileReadsBackAsTheSameScenario, 1, ()) {
  const RuntimeSpec rt = *gen::runtime();
  gen::Shape shape;
  shape.budget = gen::fast_budget(rt);
  const Scenario s = *gen::scenario(rt, shape);
  const std::string document = scenario_document(s);
  const ScenarioResult parsed = parse_scenario(document, "prop");
  const auto* file = std::get_if<ScenarioFile>(&parsed);
  REFSIM_REQUIRE(file != nullptr, s, "rejected: " + describe(std::get<SpecError>(parsed)));
  REFSIM_REQUIRE(scenario_json(file->scenario) == scenario_json(s), s, "reads back as\n" + scenario_document(file->scenario));
  REFSIM_REQUIRE(run(file->scenario, EngineKind::Fast, RunLimits{64}) == run(s, EngineKind::Fast, RunLimits{64}), s,
                 "runs differently once read back");
}

}  // namespace
}  // namespace refsim::props
