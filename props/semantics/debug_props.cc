// Properties of the debug build (Py_REF_DEBUG): the negative-refcount check of the core's decref
// fires exactly where docs/semantics-*.md put it for each version (3.11: after the decrement, new word non-zero
// and negative; 3.12/3.13: before it, full signed word <= 0, immortal objects included; 3.14: the same or,
// on 64-bit, a low half above 0xFFEFFFFF); and on 3.14+ at the core's Py_SET_REFCNT of a negative value
// (its assert); and nowhere else: never on an incref, never in extension code (release builds of
// their headers), never in a release runtime.
#include "model/engine.h"
#include "model/runtime.h"
#include "props/gen/counts.h"
#include "props/gen/runtime.h"
#include "props/support/facts.h"
#include "props/support/prop.h"

namespace refsim::props {
namespace {

bool expected_to_fire(const Facts& f, Origin by, OpCode code, Word word, Word value) {
  if (by != Origin::Core) return false;
  return code == OpCode::Decref ? f.core_debug_fires(word) : code == OpCode::SetRefcnt && f.core_set_asserts(value);
}

REFSIM_PROP(Debug, theDebugCheckFiresExactlyAtTheConditionSemanticsGivesForEachVersionAndNowhereElse, 1, ()) {
  const RuntimeSpec rt = *gen::runtime({.debug = {true, true, true, false}});
  const Origin by = *gen::origin();
  const OpCode code = *gen::pick(std::vector<OpCode>{OpCode::Decref, OpCode::Decref, OpCode::Incref, OpCode::SetRefcnt});
  const Word word = *gen::word(rt);
  const Facts f(rt);
  Scenario s;
  s.name = "debug";
  s.runtime = rt;
  s.objects.push_back({"obj", Kind::Heap, word, 1});
  const Word value = *gen::word(rt);
  s.ops.push_back(Op{.code = code, .obj = 0, .by = by, .count = 1, .value = value});
  const Outcome out = run(s);
  const bool fired = !out.events.empty() && std::any_of(out.events.begin(), out.events.end(), [](const Event& e) {
    return e.kind == EventKind::NegativeRefcount;
  });
  const bool expected = expected_to_fire(f, by, code, word, value);
  REFSIM_REQUIRE(fired == expected, s, std::string(expected ? "should fire" : "should not fire") + ": " + describe(out));
  if (fired) REFSIM_REQUIRE(out.crashed && out.stopped->event == EventKind::NegativeRefcount, s, describe(out));

  // At the scaled widths, every word: the decref of the drawn origin against the facts.
  if (rt.width.bits <= 16) {
    const Runtime runtime(rt);
    for (Word w = 0; w <= rt.width.mask(); ++w) {
      const bool negative = decref(runtime.code(by), rt.width, w).negative;
      if (negative != expected_to_fire(f, by, OpCode::Decref, w, 0)) {
        s.objects[0].word = w;
        s.ops[0].code = OpCode::Decref;
        fail(s, "the decref's check at word " + std::to_string(w) + (negative ? " fires" : " does not fire"));
      }
    }
  }
  RC_TAG(std::string(name_of(rt.version)) + (rt.debug ? "" : " release") + (expected ? ": fires" : ": silent"));
}

}  // namespace
}  // namespace refsim::props
