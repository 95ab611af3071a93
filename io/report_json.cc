// Report JSON: Scenario + Outcome -> one `refsim-report/2` entry (field order as in
// docs/FORMATS-REPORT.md), the document around the entries, and its summary.
#include "io/report_json.h"

#include <cassert>
#include <cstdint>

#include "io/scenario_json.h"
#include "model/runtime.h"

namespace refsim {
namespace {

using Json = nlohmann::ordered_json;

Json op_path(const std::optional<OpPath>& path) {
  if (!path) return nullptr;
  Json out = Json::array();
  for (std::uint32_t index : *path) out.push_back(index);
  return out;
}

const std::string& id_of(const Scenario& scenario, std::size_t obj) {
  assert(obj < scenario.objects.size());
  return scenario.objects[obj].id;
}

Json event_json(const Scenario& scenario, const Event& event) {
  const Width width = scenario.runtime.width;
  Json out = {{"kind", name_of(event.kind)},
              {"obj", id_of(scenario, event.obj)},
              {"step", decimal(event.step)},
              {"op", op_path(event.op)},
              {"word_before", hex_word(width, event.word_before)},
              {"word_after", hex_word(width, event.word_after)}};
  if (event.kind == EventKind::Dealloc) {
    assert(event.action.has_value());
    out["detail"] = {{"action", name_of(event.action.value_or(Action::Left))},
                     {"premature", event.premature}};
  }
  return out;
}

}  // namespace

std::string hex_word(Width width, Word word) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out = "0x";
  for (int shift = static_cast<int>(width.hex_digits()) * 4 - 4; shift >= 0; shift -= 4)
    out.push_back(kDigits[(word >> shift) & 0xf]);
  return out;
}

nlohmann::ordered_json report_json(const Scenario& scenario, const Outcome& outcome,
                                   std::string_view sha256) {
  const RuntimeSpec& spec = scenario.runtime;
  Json runtime = {{"version", name_of(spec.version)},
                  {"width", spec.width.bits},
                  {"debug", spec.debug},
                  {"strategy", name_of(spec.strategy)}};
  if (spec.strategy == Strategy::PeriodicReset)
    runtime["strategy_params"] = {{"period", decimal(spec.params.period)},
                                  {"only_if_legacy", spec.params.only_if_legacy}};

  Json stopped = nullptr;
  if (outcome.stopped) {
    const Stopped& s = *outcome.stopped;
    stopped = {{"step", decimal(s.step)},
               {"op", op_path(s.op)},
               {"obj", id_of(scenario, s.obj)},
               {"event", name_of(s.event)}};
    if (s.action) stopped["action"] = name_of(*s.action);
  }

  Json events = Json::array();
  for (const Event& event : outcome.events) events.push_back(event_json(scenario, event));

  const Runtime rt(spec);
  Json objects = Json::array();
  assert(outcome.objects.size() == scenario.objects.size());
  for (std::size_t i = 0; i < scenario.objects.size() && i < outcome.objects.size(); ++i) {
    const ObjectState& state = outcome.objects[i];
    objects.push_back({{"id", scenario.objects[i].id},
                       {"kind", name_of(scenario.objects[i].kind)},
                       {"word", hex_word(spec.width, state.word)},
                       {"refcnt", decimal(rt.refcnt(state.word))},
                       {"immortal", rt.immortal(state.word)},
                       {"state", state.freed ? "freed" : "alive"},
                       {"logical_refs", decimal(state.logical)}});
  }

  Json head = {{"scenario", {{"name", scenario.name}, {"sha256", sha256}}}, {"runtime", std::move(runtime)}};
  return finish_report(std::move(head), outcome.crashed, outcome.steps, std::move(stopped), outcome.events_total,
                       std::move(events), std::move(objects));
}

Json finish_report(Json head, bool crashed, std::uint64_t steps, Json stopped, std::uint64_t events_total, Json events,
                   Json objects) {
  Json report = std::move(head);
  report["outcome"] = crashed ? "crashed" : "survived";
  report["steps"] = decimal(steps);
  report["stopped"] = std::move(stopped);
  report["events_total"] = decimal(events_total);
  if (events.size() < events_total) report["events_truncated"] = true;
  report["events"] = std::move(events);
  report["objects"] = std::move(objects);
  return report;
}

nlohmann::ordered_json expect_json(const std::optional<std::vector<std::string>>& failures) {
  if (!failures) return nullptr;
  return {{"held", failures->empty()}, {"failures", *failures}};
}

RunSummary summarize(const nlohmann::ordered_json& reports) {
  RunSummary s;
  if (!reports.is_array()) return s;
  for (const Json& report : reports) {
    ++s.scenarios;
    const Json outcome = report.value("outcome", Json());
    s.crashed += outcome == "crashed";
    s.survived += outcome == "survived";
    const Json expect = report.value("expect", Json());
    if (!expect.is_object()) ++s.without_expect;
    else if (expect.value("held", false)) ++s.expects_held;
    else ++s.expects_failed;
  }
  return s;
}

nlohmann::ordered_json report_document(nlohmann::ordered_json reports) {
  const RunSummary s = summarize(reports);
  return {{"format", kReportFormat},
          {"tool", {{"name", kToolName}, {"version", kToolVersion}}},
          {"summary",
           {{"scenarios", s.scenarios},
            {"expects_held", s.expects_held},
            {"expects_failed", s.expects_failed},
            {"without_expect", s.without_expect},
            {"crashed", s.crashed},
            {"survived", s.survived}}},
          {"reports", std::move(reports)}};
}

}  // namespace refsim
