// Model side: the model's outcome, and the outcomes of each prefix of the top-level operations,
// read as an Observation.
#include "verify/model_side.h"

#include "model/engine.h"
#include "model/runtime.h"

namespace refsim::verify {
namespace {

std::vector<SeenObject> objects_of(const Outcome& outcome, const Runtime& runtime) {
  std::vector<SeenObject> seen;
  for (const ObjectState& state : outcome.objects)
    seen.push_back({state.word, !state.freed && runtime.immortal(state.word), state.freed});
  return seen;
}

}  // namespace

Scenario with_real_start(const Scenario& scenario, const std::vector<SeenObject>& real_start) {
  Scenario adjusted = scenario;
  for (std::size_t i = 0; i < adjusted.objects.size() && i < real_start.size(); ++i)
    if (!adjusted.objects[i].word && adjusted.objects[i].kind != Kind::Heap) adjusted.objects[i].word = real_start[i].word;
  return adjusted;
}

Observation observe_model(const Scenario& scenario) {
  const Runtime runtime(scenario.runtime);
  Observation seen;
  for (const ObjectSpec& object : scenario.objects) {
    const Word word = object.word.value_or(runtime.initial_word(object.kind, object.refs));
    seen.start.push_back({word, runtime.immortal(word), false});
  }
  const Outcome outcome = run(scenario, EngineKind::Fast, {.max_events = kMaxSeenEvents * 2});
  seen.steps = outcome.steps;
  seen.crashed = outcome.crashed;
  seen.objects = objects_of(outcome, runtime);
  for (const Event& e : outcome.events) {
    if (!observable(e.kind)) continue;
    ++seen.events_total;
    if (seen.events.size() < kMaxSeenEvents)
      seen.events.push_back({e.kind, e.obj, e.step, e.op.value_or(OpPath{}), e.word_before, e.word_after, e.action});
  }
  seen.events_truncated = outcome.events_total > outcome.events.size() || seen.events_total > kMaxSeenEvents;
  if (outcome.stopped) {
    const Stopped& s = *outcome.stopped;
    SeenEvent stop{s.event, s.obj, s.step, s.op, 0, 0, s.action};
    for (const Event& e : outcome.events)
      if (e.kind == s.event && e.step == s.step && e.obj == s.obj) {
        stop.word_before = e.word_before;
        stop.word_after = e.word_after;
      }
    seen.stopped = stop;
  }
  // Words after each top-level operation: the model run on each prefix that completes.
  Scenario prefix = scenario;
  for (std::size_t k = 0; k < scenario.ops.size(); ++k) {
    prefix.ops.assign(scenario.ops.begin(), scenario.ops.begin() + static_cast<std::ptrdiff_t>(k + 1));
    const Outcome partial = k + 1 == scenario.ops.size() ? outcome : run(prefix, EngineKind::Fast, {.max_events = 0});
    if (partial.crashed) break;
    seen.after_op.push_back(objects_of(partial, runtime));
  }
  return seen;
}

}  // namespace refsim::verify
