// The ledger with the interpreter loop's references on 3.14 and 3.15 (docs/SCENARIO-OPS.md): the
// runtime alone (Py_INCREF / Py_DECREF by the core, stack references opened, duplicated, stolen and
// closed, _Py_RefcntAdd, stolen references released) takes and releases references to a heap
// object, paired as in mortal_accounting (fuzz/pairing.h). While the number of references stays
// below the word the immortality test starts at, every one of these operations is a plain +-1 (or
// +n) of the word, counted or not alike, so the object is freed exactly at its last release. Above
// it the catalog's claim runtime-alone-paired-never-early shows what breaks (docs/CLAIMS.md).
#include <rapidcheck.h>

#include "fuzz/pairing.h"
#include "model/engine.h"
#include "model/op_support.h"
#include "props/gen/counts.h"
#include "props/gen/runtime.h"
#include "props/support/facts.h"
#include "props/support/prop.h"

namespace refsim::props {
namespace {

using U128 = unsigned __int128;

/// One ledger step of the runtime alone, its number kept so that the references outstanding stay
/// below `limit` (`outstanding`: before the step).
fuzz::LedgerStep step_below(const RuntimeSpec& rt, U128 outstanding, U128 limit) {
  fuzz::LedgerStep step;
  const std::uint64_t room = static_cast<std::uint64_t>(limit - 1 - outstanding);
  const std::size_t what = *rc::gen::inRange<std::size_t>(0, std::size(fuzz::kLoopActs) + 2);
  if (what >= std::size(fuzz::kLoopActs)) {  // Py_INCREF / Py_DECREF by the core
    step.take = what == std::size(fuzz::kLoopActs);
    step.count = step.take ? *gen::count(rt, static_cast<Word>(outstanding), true, room)
                           : *gen::count(rt, static_cast<Word>(outstanding), false, static_cast<std::uint64_t>(outstanding));
    return step;
  }
  step.loop = fuzz::kLoopActs[what];
  step.take = fuzz::loop_takes(step.loop);
  if (step.take && room == 0) step.loop = fuzz::LoopAct::Close;  // no room for another reference
  step.take = fuzz::loop_takes(step.loop);
  if (step.loop == fuzz::LoopAct::Dup || step.loop == fuzz::LoopAct::Close) step.count = *rc::gen::inRange<std::uint64_t>(1, 4);
  if (step.loop == fuzz::LoopAct::RefcntAdd) step.count = *gen::count(rt, static_cast<Word>(outstanding), true, room);
  if (step.loop == fuzz::LoopAct::StealRelease)
    step.count = *gen::count(rt, static_cast<Word>(outstanding), false, static_cast<std::uint64_t>(outstanding));
  return step;
}

REFSIM_PROP(LoopLedger, theRuntimeAloneWithTheLoopsReferencesFreesAHeapObjectExactlyAtItsLastReleaseBelowTheImmortalityTest,
            2, ()) {
  const RuntimeSpec rt = *gen::runtime({.versions = {Version::V3_14, Version::V3_15}, .strategies = {Strategy::AsShipped}});
  const Facts f(rt);
  const U128 limit = f.band()->lo;  // the first word (of the low half, on 64-bit) the test calls immortal
  Scenario s;
  s.name = "loop-ledger";
  s.runtime = rt;
  s.objects = {ObjectSpec{"heap", Kind::Heap, std::nullopt, 1}};
  fuzz::LedgerPairing ledger(s, 1);
  const std::size_t steps = *rc::gen::inRange<std::size_t>(1, 24);
  for (std::size_t i = 0; i < steps && ledger.alive(); ++i) {
    const U128 outstanding = ledger.held() + ledger.open_refs();
    const fuzz::LedgerStep step = step_below(rt, outstanding, limit);
    if (step.take && step.loop != fuzz::LoopAct::Steal && step.count == 0) continue;
    ledger.step(step);
  }
  ledger.finish();
  RC_PRE(!refsim::check(s));  // a refcnt_add n above 2^(width-2) at the scaled widths
  const Outcome out = run(s);
  require_freed_at_last_release(s, out);  // closed: freed exactly at the last step, by the last release
  if (expanded_steps(s.ops) <= (1u << 16)) {
    const Outcome stepwise = run(s, EngineKind::Stepwise);
    REFSIM_REQUIRE(stepwise == out, s, "the stepwise reference differs: " + describe(stepwise));
  }
  RC_TAG(rt.width.bits, std::any_of(s.ops.begin(), s.ops.end(), [](const Op& op) { return runtime_only(op.code); }));
}

}  // namespace
}  // namespace refsim::props
