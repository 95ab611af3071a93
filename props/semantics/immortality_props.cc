// Properties of the semantics on immortal objects (docs/semantics-*.md): what the runtime's
// own code can and cannot do to immortality on 3.12 and later.
#include "model/engine.h"
#include "props/gen/boundaries.h"
#include "props/gen/counts.h"
#include "props/gen/runtime.h"
#include "props/gen/scenario.h"
#include "props/facts/rows.h"
#include "props/support/prop.h"

namespace refsim::props {
namespace {

/// The versions whose core code alone keeps an object created immortal immortal (3.12 and later).
std::vector<Version> keeping_versions() {
  return versions_where([](auto row) { return decltype(row)::kCoreKeepsImmortality; });
}

std::vector<Strategy> with_immortals() {
  std::vector<Strategy> out;
  for (Strategy s : gen::all_strategies())
    if (s != Strategy::NoImmortals) out.push_back(s);
  return out;
}

const Op& op_at(const Scenario& s, const OpPath& path) {
  const std::vector<Op>* ops = &s.ops;
  const Op* op = nullptr;
  for (std::uint32_t i : path) {
    op = &(*ops)[i];
    ops = &op->body;
  }
  return *op;
}

// Core code skips every operation on a word its own test calls immortal, except the 64-bit
// incref, which counts the low half up to its saturation (3.12: 0xFFFFFFFF) or ratchet (3.14:
// 0xC0000000), both inside the band. Its decref is skipped before any arithmetic (the debug check
// may still fire: a crash, not a loss of immortality), and Py_SET_REFCNT ignores immortal objects.
REFSIM_PROP(Immortality, onV312AndLaterCoreCodeAloneNeverMakesAnObjectCreatedImmortalMortal, 1, ()) {
  const RuntimeSpec rt = *gen::runtime({.versions = keeping_versions(), .strategies = with_immortals()});
  gen::Shape shape;
  shape.origins = {Origin::Core};
  shape.immortal_objects = true;
  shape.budget = gen::fast_budget(rt);
  const Scenario s = *gen::scenario(rt, shape);
  const Facts facts(rt);
  const Outcome out = run(s);
  for (std::size_t i = 0; i < s.objects.size(); ++i) {
    const Word initial = s.objects[i].word.value_or(facts.initial(s.objects[i].kind, s.objects[i].refs));
    REFSIM_REQUIRE(out.objects[i].created_immortal == facts.immortal(initial), s, "object " + s.objects[i].id);
    if (!out.objects[i].created_immortal) continue;
    REFSIM_REQUIRE(facts.immortal(out.objects[i].word), s, s.objects[i].id + " ends mortal: " + describe(out));
  }
  for (const Event& e : out.events) {
    if (!out.objects[e.obj].created_immortal) continue;
    REFSIM_REQUIRE(e.kind != EventKind::Deimmortalized && e.kind != EventKind::Dealloc, s, describe(out));
  }
  RC_TAG(gen::landing_tag(s, out));
}

/// The ways in by which core code makes a mortal word immortal (docs/semantics-*.md): a reset, a
/// Py_SET_REFCNT, or one of its family's doors (its facts row).
std::string door(const Facts& f, const Scenario& s, const Outcome& out, const Event& e) {
  const Op& op = op_at(s, *e.op);
  for (const Event& d : out.events)  // tp_dealloc's _Py_SetImmortal on an object of a resetting kind
    if (d.kind == EventKind::Dealloc && d.step == e.step && d.obj == e.obj && d.action == Action::Reset)
      return "tp_dealloc's reset (a " + std::string(name_of(s.objects[e.obj].kind)) + " object created mortal)";
  if (op.code == OpCode::SetRefcnt) return "Py_SET_REFCNT to an immortal value";
  return with_facts_row(f.family(), [&](auto row) {
    if constexpr (decltype(row)::kCoreKeepsImmortality)
      return decltype(row)::door(f, op.code == OpCode::Incref, e.word_before, e.word_after);
    return std::string();
  });
}

// ... while it can make a mortal object immortal: here is where. Every accidental immortality that
// core code causes goes through one of the ways in that docs/SEMANTICS.md lists, and the tag shows how
// often each was taken.
REFSIM_PROP(Immortality, onV312AndLaterCoreCodeMakesAMortalObjectImmortalOnlyWhereSemanticsSays, 1, ()) {
  const RuntimeSpec rt = *gen::runtime({.versions = keeping_versions(), .strategies = with_immortals()});
  gen::Shape shape;
  shape.origins = {Origin::Core};
  shape.budget = gen::fast_budget(rt);
  const Scenario s = *gen::scenario(rt, shape);
  const Facts facts(rt);
  const Outcome out = run(s);
  std::string tag = "stayed mortal";
  for (const Event& e : out.events) {
    if (e.kind != EventKind::AccidentalImmortal) continue;
    const std::string way = door(facts, s, out, e);
    REFSIM_REQUIRE(!way.empty(), s, "immortal by no known way at step " + std::to_string(e.step) + ": " + describe(out));
    tag = way;
  }
  RC_TAG(tag);
}

// The incref limit of the 64-bit layout: 3.12 saturates the low half at 0xFFFFFFFF (an increment
// to 0 is skipped), 3.14 stops at _Py_IMMORTAL_INITIAL_REFCNT = 0xC0000000 (the ratchet: "once the
// refcount exceeds _Py_IMMORTAL_MINIMUM_REFCNT it will gradually increase ... until it reaches
// _Py_IMMORTAL_INITIAL_REFCNT"). k core increfs take a low half l below the limit to min(l + k,
// limit) and leave anything at or above it alone; the bits above the low half never change.
REFSIM_PROP(Immortality, theCoreIncrefTakesAnImmortalLowHalfExactlyToItsLimitAndNoFurther, 1, ()) {
  const RuntimeSpec rt = *gen::runtime({.versions = limited_versions(),
                                        .widths = {64, 16},
                                        .strategies = {Strategy::AsShipped, Strategy::NoReset, Strategy::ResetAll,
                                                       Strategy::ResetExceptInt}});
  const Facts f(rt);
  const Layout& l = f.numbers();
  const Word start = *gen::immortal_word(rt);
  const std::uint64_t k = *gen::count(rt, start, true, UINT64_MAX);
  Scenario s;
  s.name = "ratchet";
  s.runtime = rt;
  s.objects.push_back({"obj", Kind::Heap, start, 1});
  s.ops.push_back(Op{.code = OpCode::Incref, .obj = 0, .by = Origin::Core, .count = k});
  const Word limit = *f.incref_limit();
  const Word lo = f.lo(start);
  const Word want_lo = lo >= limit ? lo : static_cast<Word>(std::min<unsigned __int128>(lo + (unsigned __int128)k, limit));
  const Word want = (start & ~l.half_mask) | want_lo;
  const Outcome out = run(s);
  REFSIM_REQUIRE(out.objects[0].word == want, s, "ends at " + std::to_string(out.objects[0].word) + ", not " + std::to_string(want));
  REFSIM_REQUIRE(out.events_total == 0, s, describe(out));
  RC_TAG(lo >= limit ? "at or above the limit: untouched" : want_lo == limit ? "stopped at the limit" : "below the limit");
}

}  // namespace
}  // namespace refsim::props
