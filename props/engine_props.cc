// Properties of the engine (model/engine.h): the fast engine, which jumps over boundary-free
// stretches and whole repeat iterations, and the stepwise reference, which runs one single operation
// at a time, must produce the same outcome on every scenario: the same events with the same steps,
// operation paths and words, the same step count and the same final words and logical counts.
#include <cstdio>

#include "model/engine.h"
#include "props/gen/boundaries.h"
#include "props/gen/runtime.h"
#include "props/gen/scenario.h"
#include "props/support/prop.h"

namespace refsim::props {
namespace {

/// The first difference between two outcomes, in words.
std::string difference(const Outcome& fast, const Outcome& slow) {
  const auto hex = [](Word w) {
    char buf[24];
    std::snprintf(buf, sizeof buf, "0x%llx", static_cast<unsigned long long>(w));
    return std::string(buf);
  };
  if (fast.steps != slow.steps) return "steps: fast " + std::to_string(fast.steps) + ", stepwise " + std::to_string(slow.steps);
  if (fast.crashed != slow.crashed || fast.stopped != slow.stopped) return "how the run stopped";
  for (std::size_t i = 0; i < std::min(fast.events.size(), slow.events.size()); ++i)
    if (!(fast.events[i] == slow.events[i])) return "event " + std::to_string(i) + " (step " + std::to_string(slow.events[i].step) + ")";
  if (fast.events.size() != slow.events.size() || fast.events_total != slow.events_total) return "the number of events";
  for (std::size_t i = 0; i < std::min(fast.objects.size(), slow.objects.size()); ++i) {
    const ObjectState &f = fast.objects[i], &w = slow.objects[i];
    if (f.word != w.word) return "object " + std::to_string(i) + "'s final word: fast " + hex(f.word) + ", stepwise " + hex(w.word);
    if (!(f == w)) return "object " + std::to_string(i) + "'s final state (logical count or freed)";
  }
  return "the outcomes";
}

void require_same(const Scenario& s, const RunLimits& limits, const std::string& what) {
  const Outcome fast = run(s, EngineKind::Fast, limits);
  const Outcome slow = run(s, EngineKind::Stepwise, limits);
  REFSIM_REQUIRE(fast == slow, s,
                 what + ": " + difference(fast, slow) + "\n  fast:     " + describe(fast) + "\n  stepwise: " + describe(slow) +
                     "\n  (max_events " + std::to_string(limits.max_events) + ")");
}

RunLimits limits() {
  // Mostly the default; sometimes so few kept events that the fast engine counts whole cycles.
  return RunLimits{*rc::gen::weightedElement<std::uint64_t>({{3, 100000}, {1, 0}, {1, 1}, {1, 4}})};
}

// Start words near every boundary of every version, counts aimed across them, at every width.
// The stepwise reference runs each single operation, so the scenario gets 2^14 of them.
REFSIM_PROP(Engines, fastEngineAndStepwiseReferenceAgreeOnEveryScenario, 1, ()) {
  const RuntimeSpec rt = *gen::runtime();
  gen::Shape shape;
  shape.budget = 1 << 14;
  shape.runtime_ops = true;
  const Scenario s = *gen::scenario(rt, shape);
  const RunLimits lim = limits();
  require_same(s, lim, "the engines disagree");
  RC_TAG(gen::landing_tag(s, run(s, EngineKind::Fast, lim)));
}

/// The same generated scenario started from every possible word of its first object.
void every_start_word(unsigned width, gen::U128 budget) {
  const RuntimeSpec rt = *gen::runtime({.widths = {width}});
  gen::Shape shape;
  shape.budget = budget;
  shape.max_objects = 2;
  shape.runtime_ops = true;
  Scenario s = *gen::scenario(rt, shape);
  const RunLimits lim = limits();
  std::uint64_t events = 0;
  for (Word w = 0; w <= rt.width.mask(); ++w) {
    s.objects[0].word = w;
    require_same(s, lim, "the engines disagree from the start word " + std::to_string(w));
    events += run(s, EngineKind::Fast, lim).events_total > 0;
  }
  RC_TAG(std::string(name_of(rt.version)) + (events > 0 ? ", with events" : ", no events"));
}

// Width 8 is the 32-bit layout scaled down: all 256 start words per case.
REFSIM_PROP(Engines, fastEngineAndStepwiseReferenceAgreeFromEveryStateAtWidth8, 4, ()) {
  every_start_word(8, 1 << 11);
}

// Width 16 is the 64-bit layout scaled down (8-bit halves): all 65536 start words per case.
REFSIM_PROP(Engines, fastEngineAndStepwiseReferenceAgreeFromEveryStateAtWidth16, 200, ()) {
  every_start_word(16, 1 << 8);
}

}  // namespace
}  // namespace refsim::props
