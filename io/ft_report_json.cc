// Free-threaded report JSON: FtScenario + FtOutcome -> one refsim-report/2 entry.
#include "io/ft_report_json.h"

#include "io/report_json.h"
#include "io/scenario_json.h"
#include "model/freethreaded/biased_refcount.h"

namespace refsim::ft {
namespace {

using Json = nlohmann::ordered_json;

constexpr const char* kStateNames[] = {"initial", "maybe-weakref", "queued", "merged"};

Json op_path(const std::optional<OpPath>& path) {
  if (!path) return nullptr;
  Json out = Json::array();
  for (std::uint32_t index : *path) out.push_back(index);
  return out;
}

/// The thread an ob_tid names, or null for _Py_UNOWNED_TID.
Json owner_json(const FtScenario& s, Tid tid) {
  if (tid == kUnownedTid || tid > s.threads.size()) return nullptr;
  return s.threads[tid - 1];
}

/// The two fields and what they mean, as events and objects carry them.
void fields_json(const FtScenario& s, const FtObject& o, Json& out) {
  const FtBuild& b = s.build;
  out["owner"] = owner_json(s, o.tid);
  out["local"] = decimal(o.local);
  out["shared"] = hex_word(Width{b.shared_bits()}, o.shared);  // the draft: int32_t
  out["shared_count"] = decimal(shared_count(b, o.shared));
  out["shared_state"] = kStateNames[o.shared & kFlagMask];
}

}  // namespace

nlohmann::ordered_json ft_report_json(const FtScenario& s, const FtOutcome& outcome, std::string_view sha256) {
  const FtBuild& b = s.build;
  Json stopped = nullptr;
  if (outcome.stopped)
    stopped = {{"step", decimal(outcome.stopped->step)},
               {"op", op_path(outcome.stopped->op)},
               {"obj", s.objects[outcome.stopped->obj].id},
               {"event", name_of(outcome.stopped->event)}};
  Json events = Json::array();
  for (const FtEventRecord& e : outcome.events) {
    Json event = {{"kind", name_of(e.kind)}, {"obj", s.objects[e.obj].id}, {"step", decimal(e.step)},
                  {"op", op_path(e.op)}, {"thread", e.thread == kNone ? Json() : Json(s.threads[e.thread])}};
    fields_json(s, e.after, event);
    if (e.kind == FtEventKind::Dealloc) event["detail"] = {{"premature", e.premature}};
    if (e.kind == FtEventKind::Refcnt) event["detail"] = {{"refcnt", decimal(e.refcnt)}};
    events.push_back(std::move(event));
  }
  Json objects = Json::array();
  for (std::size_t i = 0; i < s.objects.size(); ++i) {
    const FtObjState& st = outcome.objects[i];
    Json object = {{"id", s.objects[i].id}, {"kind", refsim::name_of(s.objects[i].kind)}};
    fields_json(s, st.o, object);
    object["queued_for"] = st.queued_for == kNone ? Json() : Json(s.threads[st.queued_for]);
    object["refcnt"] = st.o.freed ? Json() : Json(decimal(refcnt(b, st.o)));
    object["immortal"] = is_immortal(b, st.o);
    object["state"] = st.o.freed ? "freed" : "alive";
    object["logical_refs"] = decimal(st.logical);
    objects.push_back(std::move(object));
  }
  Json threads = Json::array();
  for (std::size_t t = 0; t < s.threads.size(); ++t)
    threads.push_back({{"name", s.threads[t]}, {"tid", t + 1}, {"exited", static_cast<bool>(outcome.exited[t])}});
  Json head = {{"scenario", {{"name", s.name}, {"sha256", sha256}}},
               {"runtime", {{"version", b.info().name}, {"width", b.ssize_bits}, {"debug", b.debug},
                            {"free_threaded", true}}},
               {"threads", std::move(threads)}};
  return finish_report(std::move(head), outcome.crashed, outcome.steps, std::move(stopped), outcome.events_total,
                       std::move(events), std::move(objects));
}

}  // namespace refsim::ft
