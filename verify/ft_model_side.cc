// FtModelSide: the model's outcome, and the outcomes of each prefix of the top-level operations,
// read as an FtObservation. Events the real side cannot see are left out (ft_observation.h).
#include "verify/ft_model_side.h"

#include "model/freethreaded/ft_engine.h"

namespace refsim::verify {
namespace {

using ft::FtEventKind;

FtSeenObject seen(const ft::FtBuild& b, const ft::FtObject& o) {
  const int owner = o.tid == ft::kUnownedTid ? kNoOwner : static_cast<int>(o.tid - 1);
  return {owner, o.local, o.shared, !o.freed && ft::is_immortal(b, o), o.freed};
}

std::vector<FtSeenObject> objects_of(const ft::FtBuild& b, const ft::FtOutcome& outcome) {
  std::vector<FtSeenObject> out;
  for (const ft::FtObjState& s : outcome.objects) out.push_back(seen(b, s.o));
  return out;
}

/// Whether event K of EVENTS is seen by the real side: not a leak, not a release at once, not a
/// queued that the same operation merged (a merge is not a step: the step alone does not say).
bool observable(const std::vector<ft::FtEventRecord>& events, std::size_t k) {
  const ft::FtEventRecord& e = events[k];
  if (e.kind == FtEventKind::Leak || e.kind == FtEventKind::QueueReleasedAtOnce) return false;
  if (e.kind != FtEventKind::Queued) return true;
  for (std::size_t j = k + 1; j < events.size() && events[j].step == e.step; ++j)
    if (events[j].obj == e.obj && events[j].op == e.op && events[j].kind == FtEventKind::Merged) return false;
  return true;
}

}  // namespace

ft::FtScenario ft_with_real_start(const ft::FtScenario& scenario, const std::vector<FtSeenObject>& real_start) {
  ft::FtScenario adjusted = scenario;
  for (std::size_t i = 0; i < adjusted.objects.size() && i < real_start.size(); ++i) {
    ft::FtObjectSpec& o = adjusted.objects[i];
    if (o.kind != ft::FtKind::Deferred) continue;
    if (!o.local) o.local = real_start[i].local;
    if (!o.shared) o.shared = real_start[i].shared;
  }
  return adjusted;
}

FtObservation observe_ft_model(const ft::FtScenario& scenario) {
  const ft::FtBuild& b = scenario.build;
  FtObservation out;
  ft::FtScenario prefix = scenario;
  prefix.ops.clear();
  out.start = objects_of(b, ft::run(prefix, EngineKind::Fast, 0));
  const ft::FtOutcome outcome = ft::run(scenario, EngineKind::Fast, kMaxSeenEvents * 2);
  out.steps = outcome.steps;
  out.crashed = outcome.crashed;
  out.objects = objects_of(b, outcome);
  for (std::size_t k = 0; k < outcome.events.size(); ++k) {
    if (!observable(outcome.events, k)) continue;
    const ft::FtEventRecord& e = outcome.events[k];
    const FtSeenEvent event{e.kind, e.obj, e.step, e.op.value_or(OpPath{}), seen(b, e.after), e.refcnt};
    ++out.events_total;
    if (out.events.size() < kMaxSeenEvents) out.events.push_back(event);
    if (outcome.stopped && ft::fatal(e.kind) && e.step == outcome.stopped->step && e.obj == outcome.stopped->obj)
      out.stopped = event;
  }
  out.events_truncated = outcome.events_total > outcome.events.size() || out.events_total > kMaxSeenEvents;
  for (std::size_t k = 0; k < scenario.ops.size(); ++k) {
    prefix.ops.assign(scenario.ops.begin(), scenario.ops.begin() + static_cast<std::ptrdiff_t>(k + 1));
    const ft::FtOutcome partial = k + 1 == scenario.ops.size() ? outcome : ft::run(prefix, EngineKind::Fast, 0);
    if (partial.crashed) break;
    out.after_op.push_back(objects_of(b, partial));
  }
  return out;
}

}  // namespace refsim::verify
