// Report: refsim-verify/1 and its text form. Counts and steps are decimal strings (they can pass
// 2^53); words are "0x..." strings at the scenario's width; indices and flags are plain JSON.
#include "verify/report.h"

#include <cstdio>

#include "io/report_json.h"
#include "io/scenario_json.h"

namespace refsim::verify {
namespace {

using Json = nlohmann::ordered_json;

Json object_json(const Scenario& s, std::size_t i, const SeenObject& o) {
  Json j = {{"id", s.objects.at(i).id}, {"word", hex_word(s.runtime.width, o.word)}, {"immortal", o.immortal}};
  j["state"] = o.freed ? "freed" : "alive";
  return j;
}

Json objects_json(const Scenario& s, const std::vector<SeenObject>& objects) {
  Json list = Json::array();
  for (std::size_t i = 0; i < objects.size(); ++i) list.push_back(object_json(s, i, objects[i]));
  return list;
}

Json event_json(const Scenario& s, const SeenEvent& e) {
  Json j = {{"kind", std::string(name_of(e.kind))}, {"obj", s.objects.at(e.obj).id}, {"step", decimal(e.step)},
            {"op", e.op}, {"word_before", hex_word(s.runtime.width, e.word_before)},
            {"word_after", hex_word(s.runtime.width, e.word_after)}};
  if (e.action) j["action"] = std::string(name_of(*e.action));
  return j;
}

Json side_json(const Scenario& s, const Observation& o) {
  Json j;
  j["outcome"] = o.crashed ? "crashed" : "survived";
  if (!o.detail.empty()) j["detail"] = o.detail;
  j["steps"] = decimal(o.steps);
  j["start"] = objects_json(s, o.start);
  Json ops = Json::array();
  for (std::size_t k = 0; k < o.after_op.size(); ++k) ops.push_back({{"op", k}, {"objects", objects_json(s, o.after_op[k])}});
  j["after_ops"] = ops;
  Json events = Json::array();
  for (const SeenEvent& e : o.events) events.push_back(event_json(s, e));
  j["events"] = events;
  j["events_total"] = decimal(o.events_total);
  j["events_truncated"] = o.events_truncated;
  j["stopped"] = o.stopped ? event_json(s, *o.stopped) : Json(nullptr);
  j["objects"] = o.crashed ? Json(nullptr) : objects_json(s, o.objects);
  return j;
}

std::string seconds_text(double seconds) {
  char text[32];
  std::snprintf(text, sizeof text, "%.2f s", seconds);
  return text;
}

std::string immortal_text(const SeenObject& o) {
  return o.freed ? "freed" : o.immortal ? "immortal" : "mortal";
}

/// One row of the side-by-side table.
std::string row(const std::string& item, const std::string& real, const std::string& model, bool header = false) {
  char text[512];
  std::snprintf(text, sizeof text, "  %-26s %-44s %s%s\n", item.c_str(), real.c_str(), model.c_str(),
                real == model || header ? "" : "   <-- differs");
  return text;
}

std::string word_text(const Scenario& s, const SeenObject& o) {
  return hex_word(s.runtime.width, o.word) + " " + immortal_text(o);
}

}  // namespace

Json verify_report_json(const RunInfo& info, const std::vector<Verdict>& verdicts, int exit_status) {
  Json j;
  j["format"] = std::string(kVerifyFormat);
  j["tool"] = {{"name", std::string(kToolName)}, {"version", std::string(kToolVersion)}};
  const Interpreter& in = info.interpreter;
  j["interpreter"] = {{"path", in.path},         {"version", in.full_version}, {"runtime_version", in.version},
                      {"width", in.width},       {"debug", in.debug},          {"compiler", info.compiler},
                      {"ext_origins", info.ext_versions}};
  std::size_t agree = 0;
  Json scenarios = Json::array();
  for (const Verdict& v : verdicts) {
    agree += v.agree();
    const Scenario& s = v.scenario;
    Json one = {{"file", v.file}, {"name", s.name}, {"agree", v.agree()}, {"seconds", v.seconds}};
    one["runtime"] = {{"version", std::string(name_of(s.runtime.version))}, {"width", s.runtime.width.bits}, {"debug", s.runtime.debug}};
    one["disagreements"] = v.comparison.disagreements;
    one["notes"] = v.comparison.notes;
    one["expect"] = {{"present", v.expect.present}, {"checked", v.expect.checked}, {"failures", v.expect.failures}};
    if (!v.expect.reason.empty()) one["expect"]["reason"] = v.expect.reason;
    one["real"] = side_json(s, v.real);
    one["model"] = side_json(s, v.model);
    scenarios.push_back(one);
  }
  j["summary"] = {{"scenarios", verdicts.size()}, {"agree", agree}, {"disagree", verdicts.size() - agree}};
  j["seconds"] = info.seconds;
  j["exit_status"] = exit_status;
  j["scenarios"] = scenarios;
  return j;
}

std::string verify_report_text(const RunInfo& info, const std::vector<Verdict>& verdicts) {
  const Interpreter& in = info.interpreter;
  std::string out = "refsim verify: " + in.path + " (" + in.full_version + ", " + std::to_string(in.width) + "-bit, " +
                    (in.debug ? "debug" : "release") + ")\n";
  std::size_t agree = 0;
  for (const Verdict& v : verdicts) {
    agree += v.agree();
    const Scenario& s = v.scenario;
    out += "\n" + s.name + " (" + v.file + "): " + (v.agree() ? "agree" : "DISAGREE") + ", " + seconds_text(v.seconds) + "\n";
    out += row("", "real", "model", true);
    for (std::size_t i = 0; i < v.real.start.size() && i < v.model.start.size(); ++i)
      out += row("start " + s.objects[i].id, word_text(s, v.real.start[i]), word_text(s, v.model.start[i]));
    const std::size_t ops = std::max(v.real.after_op.size(), v.model.after_op.size());
    for (std::size_t k = 0; k < ops; ++k)
      for (std::size_t i = 0; i < s.objects.size(); ++i) {
        const auto cell = [&](const Observation& o) {
          return k < o.after_op.size() && i < o.after_op[k].size() ? word_text(s, o.after_op[k][i]) : std::string("-");
        };
        out += row("after [" + std::to_string(k) + "] " + s.objects[i].id, cell(v.real), cell(v.model));
      }
    const std::size_t events = std::max(v.real.events.size(), v.model.events.size());
    for (std::size_t k = 0; k < events && k < 20; ++k) {
      const auto cell = [&](const Observation& o) { return k < o.events.size() ? describe_event(s, o.events[k]) : std::string("-"); };
      out += row("event " + std::to_string(k), cell(v.real), cell(v.model));
    }
    const auto outcome = [&](const Observation& o) {
      return std::string(o.crashed ? "crashed" : "survived") + " after " + std::to_string(o.steps) + " steps";
    };
    out += row("outcome", outcome(v.real), outcome(v.model));
    if (!v.real.detail.empty()) out += "  real: " + v.real.detail + "\n";
    for (const std::string& note : v.comparison.notes) out += "  note: " + note + "\n";
    if (v.expect.present)
      out += "  expect: " + (v.expect.checked ? (v.expect.failures.empty() ? std::string("held") : "failed")
                                              : "not checked (" + v.expect.reason + ")") + "\n";
    for (const std::string& line : v.expect.failures) out += "  expect failed: " + line + "\n";
    for (const std::string& line : v.comparison.disagreements) out += "  disagreement: " + line + "\n";
  }
  out += "\n" + std::to_string(agree) + " of " + std::to_string(verdicts.size()) + " scenarios agree (" +
         seconds_text(info.seconds) + ")\n";
  return out;
}

}  // namespace refsim::verify
