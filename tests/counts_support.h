// Counts support: building single-object scenarios, running them through both engines, and comparing
// their events with hand-computed expectations. Shared by the worked-count tests.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "model/engine.h"
#include "model/scenario.h"

namespace refsim::counts {

// --- building scenarios ------------------------------------------------------------------------------

constexpr std::uint64_t kStepwiseLimit = 20'000'000;
constexpr Origin kCore = Origin::Core, kLegacy = Origin::Ext311;

inline Op inc(Origin by, std::uint64_t count, std::size_t obj = 0) { return leaf(OpCode::Incref, obj, by, count); }
inline Op dec(Origin by, std::uint64_t count, std::size_t obj = 0) { return leaf(OpCode::Decref, obj, by, count); }

inline Scenario make(Version v, Width w, Kind kind, std::vector<Op> ops, bool debug = false) {
  Scenario s;
  s.name = "counts";
  s.runtime = RuntimeSpec{.version = v, .width = w, .debug = debug};
  s.objects = {ObjectSpec{.id = "o", .kind = kind, .refs = 1}};
  s.ops = std::move(ops);
  return s;
}

/// Runs the fast engine; when the scenario is short enough, also the stepwise reference, which must
/// produce exactly the same outcome.
inline Outcome run_both(const Scenario& s, const RunLimits& limits = {}) {
  const auto error = check(s);
  EXPECT_FALSE(error.has_value()) << (error ? error->path + ": " + error->message : "");
  Outcome fast = run(s, EngineKind::Fast, limits);
  if (expanded_steps(s.ops) <= kStepwiseLimit) {
    const Outcome reference = run(s, EngineKind::Stepwise, limits);
    EXPECT_EQ(fast, reference) << "the fast engine and the stepwise reference disagree";
  }
  return fast;
}

// --- comparing events ----------------------------------------------------------------------------------

struct Want {
  EventKind kind;
  std::uint64_t step;
  Word before;
  Word after;
  std::optional<Action> action = std::nullopt;
  bool premature = false;
};

inline std::string describe(EventKind kind, std::uint64_t step, Word before, Word after,
                            std::optional<Action> action, bool premature) {
  std::ostringstream out;
  out << name_of(kind) << " @" << step << " 0x" << std::hex << before << "->0x" << after;
  if (action) out << " " << name_of(*action) << (premature ? " premature" : "");
  return out.str();
}

/// The events, in step order (events of one step may come in any order: sorted by kind).
inline void expect_events(const Outcome& out, std::vector<Want> want) {
  std::vector<Event> got = out.events;
  const auto by_step = [](const auto& a, const auto& b) {
    return std::tie(a.step, a.kind) < std::tie(b.step, b.kind);
  };
  std::stable_sort(got.begin(), got.end(), by_step);
  std::stable_sort(want.begin(), want.end(), by_step);
  std::vector<std::string> g, w;
  for (const Event& e : got)
    g.push_back(describe(e.kind, e.step, e.word_before, e.word_after, e.action, e.premature));
  for (const Want& e : want) w.push_back(describe(e.kind, e.step, e.before, e.after, e.action, e.premature));
  EXPECT_EQ(g, w);
}

constexpr auto kDeimm = EventKind::Deimmortalized, kReimm = EventKind::Reimmortalized,
               kAccident = EventKind::AccidentalImmortal, kDealloc = EventKind::Dealloc,
               kOverflow = EventKind::SignedOverflow, kNegative = EventKind::NegativeRefcount,
               kUaf = EventKind::UseAfterFree, kLeak = EventKind::Leak;

}  // namespace refsim::counts
