// FtReport: refsim-verify/4 and its text form. Counts, steps and ob_ref_local are decimal strings;
// ob_ref_shared is a "0x..." word of the build's width; indices and flags are plain JSON.
#include "verify/ft_report.h"

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


}  // namespace

Json ft_verify_report_json(const RunInfo& info, const std::vector<FtVerdict>& verdicts, int exit_status) {
  Json j = report_head_json(kFtVerifyFormat);
  const Interpreter& in = info.interpreter;
  j["interpreter"] = {{"path", in.path},   {"version", in.full_version}, {"runtime_version", in.version + "t"},
                      {"width", in.width}, {"debug", in.debug},          {"free_threaded", true},
                      {"compiler", info.compiler}};
  std::size_t agree = 0;
  Json scenarios = Json::array();
  for (const FtVerdict& v : verdicts) {
    agree += v.agree();
    const ft::FtScenario& s = v.scenario;
    Json one = verdict_json_head(v, s.name, {{"version", s.build.info().name}, {"width", s.build.ssize_bits},
                                            {"debug", s.build.debug}, {"free_threaded", true}});
    one["threads"] = s.threads;
    verdict_json_checks(v, one);
    const auto objects = [&](const auto& list) { return objects_json(s, list); };
    const auto event = [&](const FtSeenEvent& e) { return event_json(s, e); };
    one["real"] = side_json(v.real, objects, event);
    one["model"] = side_json(v.model, objects, event);
    scenarios.push_back(one);
  }
  report_tail_json(j, std::move(scenarios), agree, info.refused, info.seconds, exit_status);
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
    std::vector<std::string> ids;
    for (const ft::FtObjectSpec& o : s.objects) ids.push_back(o.id);
    out += verdict_text(v, s.name, ids, 70, [&](const FtSeenObject& o) { return describe_fields(s, o); },
                        [&](const FtSeenEvent& e) { return describe_ft_event(s, e); });
  }
  return out + agree_line(agree, verdicts.size(), info.seconds);
}

}  // namespace refsim::verify
