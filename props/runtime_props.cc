// Properties of the strategies (model/runtime.h; docs/semantics-strategies.md): what
// periodic-reset and Jewett's reset-on-margin guarantee when they work.
#include <map>

#include "model/engine.h"
#include "props/gen/boundaries.h"
#include "props/gen/counts.h"
#include "props/gen/runtime.h"
#include "props/gen/scenario.h"
#include "props/facts/rows.h"
#include "props/support/prop.h"

namespace refsim::props {
namespace {

using U128 = unsigned __int128;

/// How far an immortal word may move down and up from its initial word and still pass the test.
struct Drift {
  U128 down = 0, up = 0;
};

Drift band_of(const Facts& f, Word w0) {
  const std::optional<Band> band = f.band();
  if (!band) return {};
  const Word at = w0 & band->bits;  // where in its band the word starts
  return {at - band->lo, band->hi - at};
}

/// Walks the scenario's single operations window by window (a window ends at every reset: after a
/// step that is a multiple of the period, and at a gc, once they are active) and reports whether
/// every created-immortal object's drift stayed inside its band in every window. Drift counts each
/// operation that can move an immortal word: every ext-3.11 incref (up) and decref (down), and, on
/// the 64-bit layout of 3.12 and later, a core incref while the object starts below the incref
/// limit (0xFFFFFFFF or 0xC0000000; above it the core incref only climbs back towards it).
class Windows {
 public:
  Windows(const Scenario& s, const Facts& f) : s_(s), f_(f), period_(s.runtime.params.period) {
    active_ = !s.runtime.params.only_if_legacy;
    for (std::size_t i = 0; i < s.objects.size(); ++i) {
      const ObjectSpec& o = s.objects[i];
      const Word w0 = o.word.value_or(f.initial(o.kind, o.refs));
      objects_.push_back({f.immortal(w0), band_of(f, w0), core_moves(w0), 0, 0});
    }
  }

  bool inside() {
    walk(s_.ops);
    close();
    return inside_;
  }

 private:
  struct Obj {
    bool immortal;
    Drift band;
    bool core_moves;
    U128 up, down;
  };

  bool core_moves(Word w0) const {
    const std::optional<Word> limit = f_.incref_limit();
    return limit && f_.lo(w0) < *limit;
  }

  void close() {
    for (Obj& o : objects_) {
      if (o.immortal && (o.up > o.band.up || o.down > o.band.down)) inside_ = false;
      o.up = o.down = 0;
    }
  }

  void walk(const std::vector<Op>& ops) {
    for (const Op& op : ops) {
      if (op.code == OpCode::Repeat) {
        for (std::uint64_t i = 0; i < op.count; ++i) walk(op.body);
        continue;
      }
      if (op.code == OpCode::Gc) {
        if (active_) close();
        continue;
      }
      if (op.count == 0) continue;
      if (op.by == Origin::Ext311) active_ = true;  // set as the operation starts
      Obj& o = objects_[op.obj];
      const bool moves = op.by == Origin::Ext311 || (op.code == OpCode::Incref && o.core_moves);
      const auto add = [&](U128 n) {
        if (!moves) return;
        (op.code == OpCode::Incref ? o.up : o.down) += n;
      };
      U128 left = op.count;
      while (left > 0) {
        if (!active_) {
          add(left);
          step_ += left;
          break;
        }
        const U128 room = period_ - step_ % period_;
        if (left >= room + period_) {  // whole windows of this operation alone
          add(room);
          step_ += room;
          left -= room;
          close();
          const U128 whole = left / period_;
          add(period_);
          close();
          step_ += whole * period_;
          left -= whole * period_;
          continue;
        }
        const U128 take = std::min(left, room);
        add(take);
        step_ += take;
        left -= take;
        if (step_ % period_ == 0) close();
      }
    }
  }

  const Scenario& s_;
  const Facts& f_;
  U128 period_;
  bool active_;
  U128 step_ = 0;
  bool inside_ = true;
  std::vector<Obj> objects_;
};

// Core code and an ext-3.11 extension act on objects created immortal (kinds and words near the
// band's edges); the counts aim at the band's edges, so both sides of the hypothesis occur.
REFSIM_PROP(PeriodicReset, anImmortalObjectWhoseDriftBetweenTwoResetsStaysInsideItsBandNeverLosesImmortality, 1, ()) {
  const std::vector<Version> versions = versions_where([](auto row) { return decltype(row)::kImmortality; });
  const RuntimeSpec rt = *gen::runtime({.versions = versions, .strategies = {Strategy::PeriodicReset}});
  gen::Shape shape;
  shape.origins = {Origin::Core, Origin::Ext311};
  shape.set_refcnt = false;
  shape.immortal_objects = true;
  shape.budget = gen::fast_budget(rt);
  const Scenario s = *gen::scenario(rt, shape);
  const Facts f(rt);
  const bool inside = Windows(s, f).inside();
  const Outcome out = run(s);
  bool lost = false;
  for (const Event& e : out.events) lost |= e.kind == EventKind::Deimmortalized && out.objects[e.obj].created_immortal;
  if (inside) REFSIM_REQUIRE(!lost, s, "lost immortality inside its band: " + describe(out));
  RC_TAG(inside ? (lost ? "inside, lost" : "inside the band, kept") : (lost ? "outside, lost" : "outside the band, kept"));
}

// Jewett's design works for the code that has it: core decrefs alone, on an object whose word is
// strictly inside [B, 2B) (nothing above the bit), re-add the margin each time they land on B, so
// the word never leaves the band. (Increfs roll over, as he wrote; ext-3.11 decrefs do not land:
// both are searched in minimum_props.cc.)
REFSIM_PROP(ResetOnMargin, coreDecrefsAloneNeverMakeAnImmortalObjectMortal, 1, ()) {
  const RuntimeSpec rt = *gen::runtime({.strategies = {Strategy::ResetOnMargin}});
  const Facts f(rt);
  const Word b = f.draft_bit();
  const Word start = b + 1 + *gen::integer([=](rc::Random& r) {
    const auto where = r.next() % 3;
    return where == 0 ? r.next() % 4 : where == 1 ? b - 2 - r.next() % 4 : r.next() % (b - 1);
  }, 0, b - 2);
  Scenario s;
  s.name = "margin";
  s.runtime = rt;
  s.objects.push_back({"obj", Kind::None, start, 1});
  // Each round from B + B/2 down to B is B/2 silent steps: at most 2^16 rounds (see fast_budget).
  const std::uint64_t k = *gen::count(rt, start, false, rt.width.bits == 64 ? std::uint64_t{1} << 40 : b << 16);
  s.ops.push_back(Op{.code = OpCode::Decref, .obj = 0, .by = Origin::Core, .count = k});
  // No events are kept, so that the fast engine counts the margin's silent cycles at once.
  const Outcome out = run(s, EngineKind::Fast, RunLimits{0});
  REFSIM_REQUIRE(!out.crashed && out.events_total == 0, s, describe(out));
  REFSIM_REQUIRE(f.immortal(out.objects[0].word) && out.objects[0].word > b && out.objects[0].word < 2 * b, s,
                 describe(out));
  RC_TAG(k >= start - b ? "reached the margin" : "stayed above it");
}

}  // namespace
}  // namespace refsim::props
