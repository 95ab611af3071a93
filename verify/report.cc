// Report: refsim-verify/3 and its text form. Counts and steps are decimal strings (they can pass
// 2^53); words are "0x..." strings at the scenario's width; indices and flags are plain JSON.
#include "verify/report.h"

#include <cstdio>

#include "io/report_json.h"
#include "io/report_text.h"
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


std::string immortal_text(const SeenObject& o) {
  return o.freed ? "freed" : o.immortal ? "immortal" : "mortal";
}

std::string word_text(const Scenario& s, const SeenObject& o) {
  return hex_word(s.runtime.width, o.word) + " " + immortal_text(o);
}

}  // namespace

std::string seconds_text(double seconds) {
  char text[32];
  std::snprintf(text, sizeof text, "%.2f s", seconds);
  return text;
}

std::string side_by_side_row(const std::string& item, const std::string& real, const std::string& model, int width,
                             bool header) {
  char text[1024];
  std::snprintf(text, sizeof text, "  %-26s %-*s %s%s\n", item.c_str(), width, real.c_str(), model.c_str(),
                real == model || header ? "" : "   <-- differs");
  return text;
}

Json report_head_json(std::string_view format) {
  return {{"format", std::string(format)}, {"tool", {{"name", std::string(kToolName)}, {"version", std::string(kToolVersion)}}}};
}

void report_tail_json(Json& j, Json scenarios, std::size_t agree, const std::vector<Refusal>& refused, double seconds,
                      int exit_status) {
  const std::size_t total = scenarios.size();
  j["summary"] = {{"scenarios", total}, {"agree", agree}, {"disagree", total - agree}, {"refused", refused.size()}};
  j["seconds"] = seconds;
  j["exit_status"] = exit_status;
  j["scenarios"] = std::move(scenarios);
  Json left_out = Json::array();
  for (const Refusal& r : refused) left_out.push_back({{"file", r.file}, {"reason", r.reason}});
  j["refused"] = std::move(left_out);
}

std::string agree_line(std::size_t agree, std::size_t total, double seconds) {
  return "\n" + with_separators(std::to_string(agree)) + " of " + counted(std::to_string(total), "scenario") +
         (agree == 1 ? " agrees (" : " agree (") + seconds_text(seconds) + ")\n";
}

Json verify_report_json(const RunInfo& info, const std::vector<Verdict>& verdicts, int exit_status) {
  Json j = report_head_json(kVerifyFormat);
  const Interpreter& in = info.interpreter;
  j["interpreter"] = {{"path", in.path},         {"version", in.full_version}, {"runtime_version", in.version},
                      {"width", in.width},       {"debug", in.debug},          {"compiler", info.compiler},
                      {"ext_origins", info.ext_versions}};
  std::size_t agree = 0;
  Json scenarios = Json::array();
  for (const Verdict& v : verdicts) {
    agree += v.agree();
    const Scenario& s = v.scenario;
    Json one = verdict_json_head(v, s.name, {{"version", std::string(name_of(s.runtime.version))},
                                            {"width", s.runtime.width.bits}, {"debug", s.runtime.debug}});
    verdict_json_checks(v, one);
    const auto objects = [&](const auto& list) { return objects_json(s, list); };
    const auto event = [&](const SeenEvent& e) { return event_json(s, e); };
    one["real"] = side_json(v.real, objects, event);
    one["model"] = side_json(v.model, objects, event);
    scenarios.push_back(one);
  }
  report_tail_json(j, std::move(scenarios), agree, info.refused, info.seconds, exit_status);
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
    std::vector<std::string> ids;
    for (const ObjectSpec& o : s.objects) ids.push_back(o.id);
    out += verdict_text(v, s.name, ids, 44, [&](const SeenObject& o) { return word_text(s, o); },
                        [&](const SeenEvent& e) { return describe_event(s, e); });
  }
  return out + agree_line(agree, verdicts.size(), info.seconds);
}

}  // namespace refsim::verify
