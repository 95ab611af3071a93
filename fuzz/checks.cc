// Checks: what each target asserts of a decoded scenario, turned into Finding values.
#include <algorithm>

#include "fuzz/codec.h"
#include "fuzz/finding.h"
#include "io/report_json.h"
#include "io/scenario_json.h"
#include "io/scenario_writer.h"
#include "model/runtime.h"

namespace refsim::fuzz {

namespace {

std::string event_signature(const Scenario& s, const Event& e) {
  std::string sig = runtime_signature(s.runtime) + "/" + std::string(name_of(s.objects[e.obj].kind)) + "/" +
                    std::string(name_of(e.kind));
  if (e.action) sig += "/" + std::string(name_of(*e.action));
  if (e.kind == EventKind::Dealloc && e.premature) sig += "/premature";
  return sig;
}

void add(std::vector<Finding>& out, Target t, const Scenario& s, std::string sig, std::uint64_t step,
         std::string message) {
  for (const Finding& f : out)
    if (f.signature == sig) return;
  out.push_back({t, std::move(sig), s, step, std::move(message)});
}

/// immortal_safety: an object created immortal loses immortality, reaches a freeing or fatal
/// tp_dealloc, trips the debug check, or is used after being freed.
bool immortal_unsafe(const Event& e) {
  switch (e.kind) {
    case EventKind::Deimmortalized:
    case EventKind::NegativeRefcount:
    case EventKind::UseAfterFree: return true;
    case EventKind::Dealloc:
      return e.action == Action::Freed || e.action == Action::Fatal || e.action == Action::FreeStatic;
    default: return false;
  }
}

/// mortal_accounting: with paired references, a mortal object is freed while references remain,
/// leaks, or is used after being freed.
bool accounting_wrong(const Event& e) {
  return (e.kind == EventKind::Dealloc && e.premature) || e.kind == EventKind::Leak ||
         e.kind == EventKind::UseAfterFree;
}

/// The targets' runs: kMaxEvents events kept, at most kMaxWork of the engine's work.
const RunLimits kLimits{.max_events = kMaxEvents, .max_work = kMaxWork};
/// immortal_safety's and mortal_accounting's: also the first event of each kind past kMaxEvents.
const RunLimits kFindingLimits{.max_events = kMaxEvents, .first_of_each_kind = true, .max_work = kMaxWork};

/// The events a run's findings come from: the kept ones (kFindingLimits), and the one that stopped a
/// crashed run, which a run with more than kMaxEvents events before it may not have kept (its kind
/// kept earlier with another action or object). What a run with more than kMaxEvents events can
/// still miss is a finding that does not stop it (a de-immortalization, a freeing tp_dealloc, a
/// leak) whose event kind was kept earlier for another signature.
std::vector<Event> finding_events(const Outcome& outcome) {
  std::vector<Event> events = outcome.events;
  if (const auto& stop = outcome.stopped)
    if (std::none_of(events.begin(), events.end(), [&](const Event& e) { return e.step == stop->step && e.kind == stop->event; }))
      events.push_back({.kind = stop->event, .obj = stop->obj, .step = stop->step, .op = stop->op, .action = stop->action});
  return events;
}

std::vector<Finding> event_findings(Target t, const Scenario& s, bool want_immortal) {
  const Outcome outcome = run(s, EngineKind::Fast, kFindingLimits);
  if (outcome.gave_up) return {};
  std::vector<Finding> out;
  for (const Event& e : finding_events(outcome)) {
    if (outcome.objects[e.obj].created_immortal != want_immortal) continue;
    if (want_immortal ? !immortal_unsafe(e) : !accounting_wrong(e)) continue;
    add(out, t, s, event_signature(s, e), e.step,
        "object \"" + s.objects[e.obj].id + "\": " + std::string(name_of(e.kind)) + " at step " +
            std::to_string(e.step));
  }
  return out;
}

std::vector<Finding> engine_findings(const Scenario& s) {
  const Outcome fast = run(s, EngineKind::Fast, kLimits);
  if (fast.gave_up || expanded_steps(s.ops) > kStepwiseLimit) return {};
  const Outcome slow = run(s, EngineKind::Stepwise, kLimits);
  if (slow.gave_up || fast == slow) return {};
  std::string what = "the engines differ";
  std::uint64_t step = std::min(fast.steps, slow.steps);
  if (fast.steps != slow.steps) what = "steps: fast " + std::to_string(fast.steps) + ", stepwise " + std::to_string(slow.steps);
  else if (fast.stopped != slow.stopped) what = "where the run stopped";
  else if (fast.events_total != slow.events_total) what = "events_total";
  else if (fast.events != slow.events) {
    std::size_t i = 0;
    while (i < fast.events.size() && i < slow.events.size() && fast.events[i] == slow.events[i]) ++i;
    what = "event " + std::to_string(i);
    if (i < fast.events.size()) step = fast.events[i].step;
  } else what = "final objects";
  std::vector<Finding> out;
  add(out, Target::EngineEquivalence, s, runtime_signature(s.runtime) + "/engine-mismatch", step,
      "fast engine and stepwise reference differ: " + what);
  return out;
}

std::vector<Finding> json_findings(const Scenario& s) {
  const Outcome outcome = run(s, EngineKind::Fast, kLimits);
  if (outcome.gave_up) return {};
  std::vector<Finding> out;
  const std::string text = scenario_json(s).dump();
  auto again = parse_scenario(text, s.name);
  const auto* file = std::get_if<ScenarioFile>(&again);
  if (!file || scenario_json(file->scenario) != scenario_json(s))
    add(out, Target::ScenarioJson, s, runtime_signature(s.runtime) + "/roundtrip-mismatch", 0,
        file ? "writing and parsing the scenario changes it" : "the written scenario does not parse: " +
                                                                   describe(std::get<SpecError>(again)));
  const auto report = report_json(s, outcome, "");
  const auto back = outcome_from_report_json(s, nlohmann::ordered_json::parse(dump_report(report)));
  if (!back || *back != outcome)
    add(out, Target::ScenarioJson, s, runtime_signature(s.runtime) + "/report-mismatch", outcome.steps,
        "the report does not read back to the outcome it was written from");
  return out;
}

}  // namespace

std::string runtime_signature(const RuntimeSpec& rt) {
  return std::string(name_of(rt.version)) + "/" + std::to_string(rt.width.bits) + "/" +
         (rt.debug ? "debug" : "release") + "/" + std::string(name_of(rt.strategy));
}

std::vector<Finding> check_scenario(Target target, const Scenario& s) {
  switch (target) {
    case Target::EngineEquivalence: return engine_findings(s);
    case Target::ImmortalSafety: return event_findings(target, s, true);
    case Target::MortalAccounting: return event_findings(target, s, false);
    case Target::ScenarioJson: return json_findings(s);
  }
  return {};
}

std::vector<Finding> check(Target target, std::span<const std::uint8_t> bytes) {
  auto decoded = decode(target, bytes);
  if (!std::holds_alternative<Scenario>(decoded)) return {};
  return check_scenario(target, std::get<Scenario>(decoded));
}

}  // namespace refsim::fuzz
