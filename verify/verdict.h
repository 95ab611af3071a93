// Verdict: one scenario's real run, model run, comparison and expect verdict, for either build
// (the default build's words or a free-threaded build's fields), and the parts of the report both
// builds write alike: a scenario's common JSON fields and its side-by-side text.
#pragma once

#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "io/report_text.h"
#include "io/scenario_json.h"
#include "verify/compare.h"

namespace refsim::verify {

/// A scenario verify did not run (--skip-refused), and why.
struct Refusal {
  std::string file;
  std::string reason;
};

/// What verify did with a scenario's expect block: checked against the model run (only when every
/// starting word is the model's own, so that the model runs exactly as `refsim run`), or not, and why.
struct ExpectVerdict {
  bool present = false;
  bool checked = false;
  std::vector<std::string> failures;
  std::string reason;  ///< why it was not checked
};

/// SCENARIO is the build's scenario type, OBSERVATION its SideRun.
template <class ScenarioT, class ObservationT>
struct BasicVerdict {
  std::string file;
  ScenarioT scenario;
  ObservationT real;
  ObservationT model;
  Comparison comparison;
  ExpectVerdict expect;
  double seconds = 0;
  bool agree() const { return comparison.disagreements.empty() && expect.failures.empty(); }
};

/// "12.34 s".
std::string seconds_text(double seconds);

/// A verify report's first fields: FORMAT and the tool.
nlohmann::ordered_json report_head_json(std::string_view format);

/// A verify report's last fields: the summary, the seconds, the exit status, the SCENARIOS entries
/// and the REFUSED scenarios (--skip-refused), each with its file and reason.
void report_tail_json(nlohmann::ordered_json& report, nlohmann::ordered_json scenarios, std::size_t agree,
                      const std::vector<Refusal>& refused, double seconds, int exit_status);

/// The text report's last line: "N of M scenarios agree (S s)" ("1 of 1 scenario agrees").
std::string agree_line(std::size_t agree, std::size_t total, double seconds);

/// One row of the side-by-side table, the real column WIDTH characters wide, marked where the
/// two sides differ.
std::string side_by_side_row(const std::string& item, const std::string& real, const std::string& model, int width,
                             bool header = false);

/// One side of a scenario entry: outcome, detail, steps, start, after_ops, events, stopped, objects.
/// OBJECTS(list) and EVENT(e) write the build's objects and events; counts are decimal strings.
template <class Run, class Objects, class Event>
nlohmann::ordered_json side_json(const Run& o, Objects objects, Event event) {
  nlohmann::ordered_json j;
  j["outcome"] = o.crashed ? "crashed" : "survived";
  if (!o.detail.empty()) j["detail"] = o.detail;
  j["steps"] = decimal(o.steps);
  j["start"] = objects(o.start);
  nlohmann::ordered_json ops = nlohmann::ordered_json::array();
  for (std::size_t k = 0; k < o.after_op.size(); ++k) ops.push_back({{"op", k}, {"objects", objects(o.after_op[k])}});
  j["after_ops"] = ops;
  nlohmann::ordered_json events = nlohmann::ordered_json::array();
  for (const auto& e : o.events) events.push_back(event(e));
  j["events"] = events;
  j["events_total"] = decimal(o.events_total);
  j["events_truncated"] = o.events_truncated;
  j["stopped"] = o.stopped ? event(*o.stopped) : nlohmann::ordered_json(nullptr);
  j["objects"] = o.crashed ? nlohmann::ordered_json(nullptr) : objects(o.objects);
  return j;
}

/// The fields every scenario entry of a verify report has, RUNTIME given by the build.
template <class V>
nlohmann::ordered_json verdict_json_head(const V& v, const std::string& name, nlohmann::ordered_json runtime) {
  nlohmann::ordered_json one = {{"file", v.file}, {"name", name}, {"agree", v.agree()}, {"seconds", v.seconds}};
  one["runtime"] = std::move(runtime);
  return one;
}

/// The entry's disagreements, notes and expect verdict.
template <class V>
void verdict_json_checks(const V& v, nlohmann::ordered_json& one) {
  one["disagreements"] = v.comparison.disagreements;
  one["notes"] = v.comparison.notes;
  one["expect"] = {{"present", v.expect.present}, {"checked", v.expect.checked}, {"failures", v.expect.failures}};
  if (!v.expect.reason.empty()) one["expect"]["reason"] = v.expect.reason;
}

/// A scenario's text: its header, real and model side by side (starting state, state after each
/// top-level operation, the first 20 events, the outcome), then notes, expect and disagreements.
/// OBJECT(o) and EVENT(e) describe one side's object and event; IDS are the objects' ids.
template <class V, class Object, class Event>
std::string verdict_text(const V& v, const std::string& name, const std::vector<std::string>& ids, int width,
                         Object object, Event event) {
  std::string out = "\n" + name + " (" + v.file + "): " + (v.agree() ? "agree" : "DISAGREE") + ", " + seconds_text(v.seconds) + "\n";
  out += side_by_side_row("", "real", "model", width, true);
  for (std::size_t i = 0; i < v.real.start.size() && i < v.model.start.size(); ++i)
    out += side_by_side_row("start " + ids[i], object(v.real.start[i]), object(v.model.start[i]), width);
  const std::size_t ops = std::max(v.real.after_op.size(), v.model.after_op.size());
  for (std::size_t k = 0; k < ops; ++k)
    for (std::size_t i = 0; i < ids.size(); ++i) {
      const auto cell = [&](const auto& o) {
        return k < o.after_op.size() && i < o.after_op[k].size() ? object(o.after_op[k][i]) : std::string("-");
      };
      out += side_by_side_row("after [" + std::to_string(k) + "] " + ids[i], cell(v.real), cell(v.model), width);
    }
  const std::size_t events = std::max(v.real.events.size(), v.model.events.size());
  for (std::size_t k = 0; k < events && k < 20; ++k) {
    const auto cell = [&](const auto& o) { return k < o.events.size() ? event(o.events[k]) : std::string("-"); };
    out += side_by_side_row("event " + std::to_string(k), cell(v.real), cell(v.model), width);
  }
  const auto outcome = [](const auto& o) {
    return std::string(o.crashed ? "crashed" : "survived") + " after " + counted(std::to_string(o.steps), "step");
  };
  out += side_by_side_row("outcome", outcome(v.real), outcome(v.model), width);
  if (!v.real.detail.empty()) out += "  real: " + v.real.detail + "\n";
  for (const std::string& note : v.comparison.notes) out += "  note: " + note + "\n";
  if (v.expect.present)
    out += "  expect: " + (v.expect.checked ? (v.expect.failures.empty() ? std::string("held") : "failed")
                                            : "not checked (" + v.expect.reason + ")") + "\n";
  for (const std::string& line : v.expect.failures) out += "  expect failed: " + line + "\n";
  for (const std::string& line : v.comparison.disagreements) out += "  disagreement: " + line + "\n";
  return out;
}

}  // namespace refsim::verify
