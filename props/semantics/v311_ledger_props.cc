// The stateful ledger on 3.11 (docs/semantics-3.11.md): every piece of code, the core's and an
// ext-3.11 extension's, does the same full-word ++ and --, so on a mortal object the word is the
// logical count as long as nothing overflows, and paired code frees it exactly at its last release.
#include "model/engine.h"
#include "props/gen/boundaries.h"
#include "props/gen/counts.h"
#include "props/gen/runtime.h"
#include "props/ledger.h"
#include "props/support/facts.h"
#include "props/support/prop.h"

namespace refsim::props {
namespace {

using ledger::U128;

/// The largest number of references outstanding at any point of a paired scenario.
U128 peak_of(const Scenario& s) {
  U128 now = static_cast<U128>(s.objects[0].refs), peak = now;
  for (const Op& op : s.ops) {
    if (op.code == OpCode::Incref) now += op.count;
    if (op.code == OpCode::Decref) now -= op.count;
    peak = std::max(peak, now);
  }
  return peak;
}

// The peak is held to the signed maximum by the commands themselves (a take never goes past it),
// and the counts aim the outstanding total at the boundaries of every version (2^31, 2^32,
// 0x3FFFFFFF, 0xC0000000, ... which 3.11 must not notice) and at the signed maximum itself. At
// 64 bits one command takes at most 2^36 references: the engine's cells are 2^32 wide there, so the
// signed maximum is exercised at 32, 16 and 8 bits.
REFSIM_PROP(V311Ledger, onV311LedgerPairedCodeOnAMortalObjectNeverFreesEarlyAndNeverLeaksWhileItsPeakStaysBelowTheSignedMaximum,
            2, ()) {
  const RuntimeSpec rt = *gen::runtime({.versions = {Version::V3_11}});
  const Facts f(rt);
  auto space = std::make_shared<ledger::Space>();
  space->runtime = rt;
  space->kind = *gen::kind({Kind::Heap, Kind::InternedStr});
  space->origins = {Origin::Core, Origin::Ext311};
  space->cap = rt.width.bits == 64 ? std::uint64_t{1} << 36 : f.signed_max();
  space->peak_limit = f.signed_max();
  space->initial_refs = static_cast<Int128>(*gen::count(rt, 1, true, space->cap / 2) + 1);
  space->after_each = [](const ledger::Sut& sut) {
    // After every command: no event at all, and the word is the number of references.
    const Outcome out = run(sut.scenario());
    REFSIM_REQUIRE(out.events_total == 0, sut.scenario(), describe(out));
    REFSIM_REQUIRE(U128{out.objects[0].word} == sut.outstanding(), sut.scenario(), "the word is not the count");
  };
  const Scenario s = ledger::paired_scenario(space, 0.5);  // up to max_size / 2 + 1 commands
  const Outcome out = run(s);
  require_freed_at_last_release(s, out);  // closed: freed exactly at the last step, by the last release
  const U128 peak = peak_of(s);
  const std::string near = gen::near_boundary(gen::boundaries(rt), static_cast<Word>(peak), rt.width);
  RC_TAG(near.empty() ? std::string("peak elsewhere") : "peak at " + near);
}

}  // namespace
}  // namespace refsim::props
