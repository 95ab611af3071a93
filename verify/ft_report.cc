// FtReport: refsim-verify/2 and its text form. Counts, steps and ob_ref_local are decimal strings;
// ob_ref_shared is a "0x..." word of the build's width; indices and flags are plain JSON.
#include "verify/ft_report.h"

#include <cstdio>

#include "io/report_json.h"
#include "io/scenario_json.h"
#include "verify/ft_compare.h"

namespace refsim::verify {
namespace {

using Json = nlohmann::ordered_json;

Json owner_json(const ft::FtScenario& s, int owner) {
  if (owner == kNoOwner) return nullptr;
  if (owner < 0 || static_cast<std::size_t>(owner) >= s.threads.size()) return "?";
  return s.threads[static_cast<std::size_t>(owner)];
}

Json fields_json(const ft::FtScenario& s, const FtSeenObject& o) {
  static const char* const kStates[] = {"initial", "maybe-weakref", "queued", "merged"};
  return {{"owner", owner_json(s, o.owner)},
          {"local", decimal(o.local)},
          {"shared", hex_word(Width{s.build.ssize_bits}, o.shared)},
          {"shared_state", kStates[o.shared & ft::kFlagMask]},
          {"immortal", o.immortal},
          {"state", o.freed ? "freed" : "alive"}};
}

Json objects_json(const ft::FtScenario& s, const std::vector<FtSeenObject>& objects) {
  Json list = Json::array();
  for (std::size_t i = 0; i < objects.size(); ++i) {
    Json j = {{"id", s.objects.at(i).id}};
    j.update(fields_json(s, objects[i]));
    list.push_back(j);
  }
  return list;
}

Json event_json(const ft::FtScenario& s, const FtSeenEvent& e) {
  Json j = {{"kind", std::string(name_of(e.kind))}, {"obj", s.objects.at(e.obj).id}, {"step", decimal(e.step)}, {"op", e.op}};
  j.update(fields_json(s, e.after));
  if (e.kind == ft::FtEventKind::Refcnt) j["refcnt"] = decimal(e.refcnt);
  return j;
}

Json side_json(const ft::FtScenario& s, const FtObservation& o) {
  Json j;
  j["outcome"] = o.crashed ? "crashed" : "survived";
  if (!o.detail.empty()) j["detail"] = o.detail;
  j["steps"] = decimal(o.steps);
  j["start"] = objects_json(s, o.start);
  Json ops = Json::array();
  for (std::size_t k = 0; k < o.after_op.size(); ++k) ops.push_back({{"op", k}, {"objects", objects_json(s, o.after_op[k])}});
  j["after_ops"] = ops;
  Json events = Json::array();
  for (const FtSeenEvent& e : o.events) events.push_back(event_json(s, e));
  j["events"] = events;
  j["events_total"] = decimal(o.events_total);
  j["events_truncated"] = o.events_truncated;
  j["stopped"] = o.stopped ? event_json(s, *o.stopped) : Json(nullptr);
  j["objects"] = o.crashed ? Json(nullptr) : objects_json(s, o.objects);
  return j;
}

std::string row(const std::string& item, const std::string& real, const std::string& model, bool header = false) {
  char text[1024];
  std::snprintf(text, sizeof text, "  %-22s %-70s %s%s\n", item.c_str(), real.c_str(), model.c_str(),
                real == model || header ? "" : "   <-- differs");
  return text;
}

}  // namespace

Json ft_verify_report_json(const RunInfo& info, const std::vector<FtVerdict>& verdicts, int exit_status) {
  Json j;
  j["format"] = std::string(kFtVerifyFormat);
  j["tool"] = {{"name", std::string(kToolName)}, {"version", std::string(kToolVersion)}};
  const Interpreter& in = info.interpreter;
  j["interpreter"] = {{"path", in.path},   {"version", in.full_version}, {"runtime_version", in.version + "t"},
                      {"width", in.width}, {"debug", in.debug},          {"free_threaded", true},
                      {"compiler", info.compiler}};
  std::size_t agree = 0;
  Json scenarios = Json::array();
  for (const FtVerdict& v : verdicts) {
    agree += v.agree();
    const ft::FtScenario& s = v.scenario;
    Json one = {{"file", v.file}, {"name", s.name}, {"agree", v.agree()}, {"seconds", v.seconds}};
    one["runtime"] = {{"version", s.build.info().name}, {"width", s.build.ssize_bits}, {"debug", s.build.debug},
                      {"free_threaded", true}};
    one["threads"] = s.threads;
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

std::string ft_verify_report_text(const RunInfo& info, const std::vector<FtVerdict>& verdicts) {
  const Interpreter& in = info.interpreter;
  std::string out = "refsim verify: " + in.path + " (" + in.full_version + ", " + std::to_string(in.width) + "-bit, " +
                    (in.debug ? "debug" : "release") + ", free-threaded)\n";
  std::size_t agree = 0;
  for (const FtVerdict& v : verdicts) {
    agree += v.agree();
    const ft::FtScenario& s = v.scenario;
    char seconds[32];
    std::snprintf(seconds, sizeof seconds, "%.2f s", v.seconds);
    out += "\n" + s.name + " (" + v.file + "): " + (v.agree() ? "agree" : "DISAGREE") + ", " + seconds + "\n";
    out += row("", "real", "model", true);
    for (std::size_t i = 0; i < v.real.start.size() && i < v.model.start.size(); ++i)
      out += row("start " + s.objects[i].id, describe_fields(s, v.real.start[i]), describe_fields(s, v.model.start[i]));
    const std::size_t ops = std::max(v.real.after_op.size(), v.model.after_op.size());
    for (std::size_t k = 0; k < ops; ++k)
      for (std::size_t i = 0; i < s.objects.size(); ++i) {
        const auto cell = [&](const FtObservation& o) {
          return k < o.after_op.size() && i < o.after_op[k].size() ? describe_fields(s, o.after_op[k][i]) : std::string("-");
        };
        out += row("after [" + std::to_string(k) + "] " + s.objects[i].id, cell(v.real), cell(v.model));
      }
    const std::size_t events = std::max(v.real.events.size(), v.model.events.size());
    for (std::size_t k = 0; k < events && k < 20; ++k) {
      const auto cell = [&](const FtObservation& o) { return k < o.events.size() ? describe_ft_event(s, o.events[k]) : std::string("-"); };
      out += row("event " + std::to_string(k), cell(v.real), cell(v.model));
    }
    const auto outcome = [](const FtObservation& o) {
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
  char total[32];
  std::snprintf(total, sizeof total, "%.2f s", info.seconds);
  out += "\n" + std::to_string(agree) + " of " + std::to_string(verdicts.size()) + " scenarios agree (" + total + ")\n";
  return out;
}

}  // namespace refsim::verify
